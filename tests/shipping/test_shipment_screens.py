import pytest

from tests.shipping import builders
from vendorflow.shipping import packing
from vendorflow.shipping.choices import ShipmentState
from vendorflow.shipping.models import Shipment


@pytest.fixture
def w(org):
    return builders.world(org)


def _ready_order(w, po_number="PO1", **kw):
    user = builders.packer(w.org)
    order = builders.two_line_order(w, po_number, **kw)
    builders.scan(order, user, soap=2, brush=1)
    packing.close_box(box=order.boxes.get(), user=user, measures=packing.Measures(weight_kg=3))
    return builders.acknowledge(order, user)


def test_a_manager_creates_a_shipment_fills_it_in_and_ships_it(w, member_client):
    order = _ready_order(w)
    client = member_client("manager")
    page = client.get("/shipments/new/")
    assert "FC BLR7" in page.content.decode() and "<b>PO1</b>" in page.content.decode()
    created = client.post(
        "/shipments/new/",
        {
            "orders": [order.pk],
            "shipment_type": "SmallParcel",
            "appointment_id": "ARN-9",
            "carrier": "Blue Dart",
            "tracking_number": "LR-55",
        },
    )
    shipment = Shipment.objects.get()
    assert created.status_code == 302 and created["Location"] == f"/shipments/{shipment.pk}/"
    detail = client.get(f"/shipments/{shipment.pk}/").content.decode()
    assert "Shipment SHP0000001" in detail
    assert "every accepted unit is in a closed box" in detail
    shipped = client.post(f"/shipments/{shipment.pk}/ship/", follow=True)
    assert "Shipment SHP0000001 marked shipped." in shipped.content.decode()
    shipment.refresh_from_db()
    assert shipment.state == ShipmentState.SHIPPED
    csv = b"".join(client.get(f"/shipments/{shipment.pk}/packing-list.csv").streaming_content)
    lines = csv.decode().splitlines()
    assert lines[0].startswith("shipment,fc,po_number,box,carton_id")
    assert lines[1].startswith("SHP0000001,BLR7,PO1,1,C0000000001,CID,closed,3.000")
    asn = b"".join(client.get(f"/shipments/{shipment.pk}/asn.csv").streaming_content).decode()
    row = asn.splitlines()[1].split(",")
    assert row[:7] == ["SHP0000001", "WH1", "BLR7", "SmallParcel", "ARN-9", "", "LR-55"]
    assert row[8:] == [
        "1",
        "C0000000001",
        "CID",
        "3.000",
        "PO1",
        "1",
        "B0SOAP0001",
        "SOAP-V",
        "2",
        "Eaches",
        "1",
    ]


def test_an_operator_cannot_create_or_ship(w, member_client):
    order = _ready_order(w)
    client = member_client("operator")
    assert client.get("/shipments/new/").status_code == 403
    assert client.post("/shipments/new/", {"orders": [order.pk]}).status_code == 403
    assert not Shipment.objects.exists()
    assert client.get("/shipments/").status_code == 200


def test_a_shipment_without_a_po_is_refused_at_the_field(w, member_client):
    _ready_order(w)
    client = member_client("manager")
    page = client.post("/shipments/new/", {"shipment_type": "SmallParcel"})
    assert page.status_code == 200
    assert "This field is required." in page.content.decode()
    assert not Shipment.objects.exists()
