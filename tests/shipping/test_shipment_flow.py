import pytest
from django.core.exceptions import ValidationError

from tests.shipping import builders
from vendorflow.integrations.amazon import spec
from vendorflow.shipping import asn, packing, shipments
from vendorflow.shipping.choices import AsnState, ShipmentState
from vendorflow.shipping.models import Asn, ShipmentOrder


@pytest.fixture
def w(org):
    return builders.world(org)


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr(asn, "enqueue_submit", calls.append)
    return calls


def _packed_and_acknowledged(w, user, po_number, *, soap, brush, close=True, **kw):
    order = builders.two_line_order(w, po_number, **kw)
    builders.scan(order, user, soap=soap, brush=brush)
    if close:
        packing.close_box(box=order.boxes.get(), user=user, measures=packing.Measures(weight_kg=2))
    return builders.acknowledge(order, user)


def test_only_acknowledged_pos_to_one_fc_make_a_shipment(w):
    user = builders.packer(w.org)
    first = _packed_and_acknowledged(w, user, "PO1", soap=2, brush=1)
    other_fc = _packed_and_acknowledged(w, user, "PO2", soap=1, brush=0, ship_to_code="DEL4")
    unacknowledged = builders.two_line_order(w, "PO3")
    details = shipments.Details(appointment_id="APPT-1")
    with pytest.raises(ValidationError, match="not acknowledged to Amazon yet"):
        shipments.create_shipment(
            organization=w.org, order_ids=[first.pk, unacknowledged.pk], user=user, details=details
        )
    with pytest.raises(ValidationError, match="one FC; these POs go to BLR7, DEL4"):
        shipments.create_shipment(
            organization=w.org, order_ids=[first.pk, other_fc.pk], user=user, details=details
        )
    assert not ShipmentOrder.objects.exists()
    shipment = shipments.create_shipment(
        organization=w.org, order_ids=[first.pk], user=user, details=details
    )
    assert (shipment.reference, shipment.ship_to_code, shipment.state) == (
        "SHP0000001",
        "BLR7",
        ShipmentState.DRAFT,
    )
    with pytest.raises(ValidationError, match="PO1 is already in a shipment"):
        shipments.create_shipment(
            organization=w.org, order_ids=[first.pk], user=user, details=details
        )


def test_shipped_needs_every_accepted_unit_in_a_closed_box_or_a_stated_difference(w, queued):
    user = builders.packer(w.org)
    order = _packed_and_acknowledged(w, user, "PO1", soap=3, brush=2, close=False)
    shipment = shipments.create_shipment(
        organization=w.org, order_ids=[order.pk], user=user, details=shipments.Details()
    )
    with pytest.raises(ValidationError, match="PO PO1: close box 1 first"):
        shipments.mark_shipped(shipment=shipment, user=user)
    box = order.boxes.get()
    packing.unpack(box=box, line=builders.line(order, 2), eaches=1, user=user)
    packing.close_box(box=box, user=user, measures=packing.Measures())
    with pytest.raises(ValidationError, match="1 accepted each is not in a closed box"):
        shipments.mark_shipped(shipment=shipment, user=user)
    shipment = shipments.mark_shipped(shipment=shipment, user=user, short_note="one brush damaged")
    assert (shipment.state, shipment.short_shipped_eaches) == (ShipmentState.SHIPPED, 1)
    assert queued == []  # the channel does not send ASNs
    assert not Asn.objects.exists()
    with pytest.raises(ValidationError, match="has shipped in SHP0000001"):
        packing.reopen_box(box=box, user=user, reason="late change")


def test_after_the_acknowledgement_packing_stops_at_the_accepted_eaches(w):
    user = builders.packer(w.org)
    order = _packed_and_acknowledged(w, user, "PO1", soap=2, brush=0)
    box = packing.new_box(order=order, user=user)
    with pytest.raises(packing.PackRefused, match="Line 1 has 0 accepted eaches left to pack"):
        packing.pack(box=box, line=builders.line(order, 1), eaches=1, user=user)
    with pytest.raises(packing.PackRefused, match="Line 2 has 0 accepted eaches left"):
        packing.pack(box=box, line=builders.line(order, 2), eaches=1, user=user)


def test_a_shipment_to_an_asn_channel_queues_one_asn_with_its_cartons(
    w, queued, django_capture_on_commit_callbacks
):
    w.channel.send_asn = True
    w.channel.warehouse_codes = ["WH-BLR"]
    w.channel.save()
    user = builders.packer(w.org)
    first = _packed_and_acknowledged(w, user, "PO1", soap=2, brush=1)
    second = _packed_and_acknowledged(w, user, "PO2", soap=1, brush=0)
    shipment = shipments.create_shipment(
        organization=w.org,
        order_ids=[first.pk, second.pk],
        user=user,
        details=shipments.Details(appointment_id="ARN-77", tracking_number="LR123"),
    )
    shipments.mark_ready(shipment=shipment, user=user)
    with django_capture_on_commit_callbacks(execute=True):
        shipments.mark_shipped(shipment=shipment, user=user)
    row = Asn.objects.get()
    assert queued == [row.pk]
    assert row.state == AsnState.PENDING
    body = {"shipmentConfirmations": [row.payload]}
    assert spec.problems(spec.SHIPMENTS, "SubmitShipmentConfirmationsRequest", body) == []
    assert row.payload["shipmentIdentifier"] == "SHP0000001"
    assert row.payload["shipmentConfirmationType"] == "Original"
    notice = asn.notice_for(shipment, "Original")
    assert [
        (i.reference, i.po_number, i.item_sequence_number, i.shipped_quantity) for i in notice.items
    ] == [("1", "PO1", "1", 2), ("2", "PO1", "2", 1), ("3", "PO2", "1", 1)]
    assert [
        (c.sequence_number, c.identifier, [(i.reference, i.shipped_quantity) for i in c.items])
        for c in notice.cartons
    ] == [
        ("1", "C0000000001", [("1", 2), ("2", 1)]),
        ("2", "C0000000002", [("3", 1)]),
    ]
    assert (notice.ship_from, notice.ship_to, notice.amazon_reference_number) == (
        "WH-BLR",
        "BLR7",
        "ARN-77",
    )
    assert str(notice.gross_weight_kg) == "4.000"
    with pytest.raises(ValidationError, match="already queued"):
        asn.send_now(shipment=shipment, user=user)
    assert Asn.objects.count() == 1
