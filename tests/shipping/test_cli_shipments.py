"""The shipping commands: list, create, ship and the ASN, as the member named by --user."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests import factories
from tests.shipping import builders
from vendorflow.shipping import asn, packing
from vendorflow.shipping.models import Asn, Shipment


@pytest.fixture
def w(org):
    return builders.world(org)


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr(asn, "enqueue_submit", calls.append)
    monkeypatch.setattr(asn, "build_payload", lambda notice: {"id": notice.shipment_identifier})
    return calls


@pytest.fixture
def manager(w):
    return factories.make_member(w.org, "manager", username="ana")


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _packed(w, po_number, **kw):
    user = factories.make_member(w.org, "operator")
    order = builders.two_line_order(w, po_number, **kw)
    builders.scan(order, user, soap=2, brush=1)
    packing.close_box(box=order.boxes.get(), user=user, measures=packing.Measures())
    return builders.acknowledge(order, user)


def test_create_list_and_ship(w, manager):
    _packed(w, "PO1")
    _packed(w, "PO2")
    out = _run(
        "create_shipment",
        "--user",
        "ana",
        "--orders",
        "PO1,PO2",
        "--carrier",
        "Blue Dart",
        "--tracking",
        "LR1",
        "--ship-date",
        "2026-12-02",
    )
    assert out == "SHP0000001  Draft                    FC BLR7   POs PO1, PO2\n"
    shipment = Shipment.objects.get()
    assert (shipment.carrier, shipment.tracking_number, str(shipment.ship_date)) == (
        "Blue Dart",
        "LR1",
        "2026-12-02",
    )
    assert _run("shipments", "--user", "ana", "--state", "ready") == "No shipments.\n"
    assert _run("shipments", "--user", "ana", "--fc", "blr7") == out
    shipped = _run("ship_shipment", "--user", "ana", "SHP0000001")
    assert shipped == "SHP0000001  Shipped                  FC BLR7   POs PO1, PO2\n"


def test_refusals_are_one_readable_line_and_change_nothing(w, manager):
    _packed(w, "PO1")
    _packed(w, "PO2", ship_to_code="DEL4")
    with pytest.raises(CommandError, match=r"^No such PO: PO9\.$"):
        _run("create_shipment", "--user", "ana", "--orders", "PO1,PO9")
    with pytest.raises(CommandError, match="^orders: A shipment goes to one FC; these POs go to"):
        _run("create_shipment", "--user", "ana", "--orders", "PO1,PO2")
    with pytest.raises(CommandError, match="not YYYY-MM-DD"):
        _run("create_shipment", "--user", "ana", "--orders", "PO1", "--ship-date", "2/12")
    factories.make_member(w.org, "operator", username="olga")
    with pytest.raises(CommandError, match="needs the Manager role or higher; olga is Operator"):
        _run("create_shipment", "--user", "olga", "--orders", "PO1")
    with pytest.raises(CommandError, match="No shipment 'SHP0000009'"):
        _run("ship_shipment", "--user", "ana", "SHP0000009")
    assert not Shipment.objects.exists()


def test_a_short_shipment_needs_its_note(w, manager):
    order = builders.two_line_order(w, "PO1")
    user = builders.packer(w.org)
    builders.scan(order, user, soap=2, brush=1)
    order = builders.acknowledge(order, user)
    box = order.boxes.get()
    packing.unpack(box=box, line=builders.line(order, 2), eaches=1, user=user)
    packing.close_box(box=box, user=user, measures=packing.Measures())
    _run("create_shipment", "--user", "ana", "--orders", "PO1")
    with pytest.raises(CommandError, match="^short_note: 1 accepted each is not in a closed box"):
        _run("ship_shipment", "--user", "ana", "SHP0000001")
    out = _run("ship_shipment", "--user", "ana", "SHP0000001", "--short-note", "damaged")
    assert out.splitlines()[1] == "Short-shipped: 1 eaches."


def test_send_and_replace_the_asn(w, manager, queued, django_capture_on_commit_callbacks):
    _packed(w, "PO1")
    _run("create_shipment", "--user", "ana", "--orders", "PO1")
    with pytest.raises(CommandError, match="is Draft; an ASN goes once it has shipped"):
        _run("shipment_asn", "--user", "ana", "SHP0000001")
    with pytest.raises(CommandError, match="has no ASN to replace"):
        _run("shipment_asn", "--user", "ana", "SHP0000001", "--replace")
    _run("ship_shipment", "--user", "ana", "SHP0000001")
    with django_capture_on_commit_callbacks(execute=True):
        out = _run("shipment_asn", "--user", "ana", "SHP0000001")
    assert out == "SHP0000001: ASN Original revision 1 queued.\n"
    row = Asn.objects.get()
    assert queued == [row.pk]
    asn.claim(asn_id=row.pk, worker="w1")
    asn.record_failed(asn_id=row.pk, errors=["bad carton"])
    out = _run("shipment_asn", "--user", "ana", "SHP0000001", "--replace")
    assert out == "SHP0000001: ASN Original revision 2 queued.\n"  # Amazon never held it
    assert Asn.objects.count() == 1
