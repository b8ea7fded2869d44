"""The totals kept on each order and the fill tallies equal the sums they stand for, through every
write that moves them: imports, Amazon's changes, scans, bulk entries, undos, acknowledgements
sent, failed and confirmed, closes and customer renames. Runs on both databases."""

from collections import defaultdict

import pytest

from tests import factories
from tests.importing.builders import changed, channel_with_customer, po_line, purchase_order
from vendorflow.customers.services import update_customer
from vendorflow.integrations.amazon.acks import plan_to_acknowledgement
from vendorflow.orders import acknowledging as ack_service
from vendorflow.orders import scanning
from vendorflow.orders.acknowledging import LineStatus, build_plan
from vendorflow.orders.closing import close_purchase_orders
from vendorflow.orders.dto import PurchaseOrderStatus
from vendorflow.orders.importing import import_purchase_orders
from vendorflow.orders.models import Acknowledgement, FillTally, Order, OrderLine


def expected_totals() -> dict[str, tuple]:
    """Every order's totals worked out from its lines here, in Python, the slow way."""
    filled = set(
        Acknowledgement.objects.filter(state__in=["submitted", "confirmed"]).values_list(
            "order_id", flat=True
        )
    )
    totals = {}
    for order in Order.objects.select_related("customer").prefetch_related("lines"):
        lines = list(order.lines.all())
        ordered = sum(line.ordered_eaches for line in lines)
        accepted = sum(_accepted_eaches(line) for line in lines)
        fill = (ordered, accepted) if order.pk in filled else (0, 0)
        totals[order.po_number] = (
            order.customer.name,
            len(lines),
            ordered,
            sum(line.scanned_eaches for line in lines),
            *fill,
        )
    return totals


def _accepted_eaches(line: OrderLine) -> int:
    quantity = line.amazon_accepted if line.amazon_accepted is not None else line.ack_accepted
    return (quantity or 0) * (line.unit_size if line.unit_of_measure == "Cases" else 1)


def kept_totals() -> dict[str, tuple]:
    fields = ["customer_name", "line_count", "ordered_total", "scanned_total"]
    fields += ["fill_ordered", "fill_accepted"]
    return {row[0]: row[1:] for row in Order.objects.values_list("po_number", *fields)}


def assert_kept_totals_match() -> None:
    assert kept_totals() == expected_totals()
    tallies = {
        (t.channel_id, t.customer_id): (t.ordered_eaches, t.accepted_eaches)
        for t in FillTally.objects.all()
        if (t.ordered_eaches, t.accepted_eaches) != (0, 0)
    }
    shares: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for order in Order.objects.all():
        *_, fill_ordered, fill_accepted = expected_totals()[order.po_number]
        if (fill_ordered, fill_accepted) != (0, 0):
            shares[(order.channel_id, order.customer_id)][0] += fill_ordered
            shares[(order.channel_id, order.customer_id)][1] += fill_accepted
    assert tallies == {key: tuple(value) for key, value in shares.items()}


@pytest.fixture
def shop(org, monkeypatch):
    monkeypatch.setattr(ack_service, "enqueue_submit", lambda ack_id: None)
    channel, customer, _ = channel_with_customer(org)
    channel.vendor_code = "VEND1"
    channel.save()
    for n, barcode in ((1, "8901000000011"), (2, "8901000000028")):
        product = factories.make_product(org, f"SKU-{n}", barcodes=[barcode])
        factories.map_product(channel, product, asin=f"B0ASIN{n:04d}")
    return channel, customer, factories.make_member(org, "manager")


def _import(channel, *pos):
    import_purchase_orders(channel=channel, purchase_orders=list(pos))


def _order(po_number: str) -> Order:
    return Order.objects.get(po_number=po_number)


def _send(order: Order, user) -> Acknowledgement:
    plan = build_plan(order)
    ack = ack_service.confirm_acknowledgement(
        order=order, plan=plan, user=user, payload=plan_to_acknowledgement(plan)
    )
    ack_service.claim_for_sending(ack_id=ack.pk, worker="w1")
    ack_service.record_submitted(ack_id=ack.pk, transaction_id=f"tx-{order.po_number}")
    return ack


def test_kept_totals_follow_every_write(shop):
    channel, customer, user = shop
    cases = po_line(2, ordered_quantity=3, unit_of_measure="Cases", unit_size=6)
    first = purchase_order("PO1", lines=[po_line(1, ordered_quantity=10), cases])
    second = purchase_order("PO2", lines=[po_line(1, ordered_quantity=4)])
    unmapped = purchase_order("PO3", lines=[po_line(7, ordered_quantity=5)])
    _import(channel, first, second, unmapped)
    assert kept_totals()["PO1"] == ("Amazon AMZ-BLR7", 2, 28, 0, 0, 0)
    assert_kept_totals_match()

    # Amazon raises a quantity and adds a line before we acknowledge.
    _import(channel, changed(first, lines=(po_line(1, ordered_quantity=12), cases, po_line(3))))
    assert kept_totals()["PO1"][1:3] == (3, 40)
    assert_kept_totals_match()

    po1 = _order("PO1")
    for _ in range(3):
        assert scanning.record_scan(order=po1, barcode="8901000000011", user=user).ok
    cases_line = po1.lines.get(item_sequence_number="2")
    scanning.record_bulk(line=cases_line, quantity_eaches=12, user=user)
    scanning.undo_last_scan(order=po1, user=user)  # the bulk 12 comes off again
    refused = scanning.record_scan(order=po1, barcode="0000000000000", user=user)
    assert not refused.ok
    assert kept_totals()["PO1"][3] == 3
    assert_kept_totals_match()

    # Sent: PO1 counts in the fill tally with what we accepted (3 of 40 eaches).
    ack1 = _send(_order("PO1"), user)
    assert kept_totals()["PO1"][4:] == (40, 3)
    assert_kept_totals_match()

    # Amazon confirms, with its own figure for line 1: its 2 count, not our 3.
    ack_service.record_confirmed(
        ack_id=ack1.pk, line_statuses=[LineStatus("1", 2, 10, "NOT_RECEIVED")]
    )
    assert kept_totals()["PO1"][4:] == (40, 2)
    assert_kept_totals_match()

    # PO2 is sent, then refused: its share leaves the tally again.
    po2 = _order("PO2")
    assert scanning.record_scan(order=po2, barcode="8901000000011", user=user).ok
    ack2 = _send(po2, user)
    assert kept_totals()["PO2"][4:] == (4, 1)
    ack_service.record_failed(ack_id=ack2.pk, errors=["InvalidInput"])
    assert kept_totals()["PO2"][4:] == (0, 0)
    assert_kept_totals_match()

    # Amazon closes PO1 with its final figures.
    status = PurchaseOrderStatus(
        po_number="PO1",
        closed=True,
        selling_party_id="VEND1",
        last_updated=None,
        lines=(LineStatus("1", 1, 11, "RECEIVED"),),
    )
    close_purchase_orders(channel=channel, statuses=[status])
    assert _order("PO1").status == "closed"
    assert kept_totals()["PO1"][4:] == (40, 1)
    assert_kept_totals_match()

    update_customer(customer=customer, actor=user, fields={"name": "Amazon Bengaluru"})
    assert {row[0] for row in kept_totals().values()} == {"Amazon Bengaluru"}
    assert_kept_totals_match()
    assert FillTally.objects.get().ordered_eaches == 40


def test_a_refused_scan_moves_no_total(shop):
    channel, _, user = shop
    _import(channel, purchase_order("PO1", lines=[po_line(1, ordered_quantity=1)]))
    order = _order("PO1")
    assert scanning.record_scan(order=order, barcode="8901000000011", user=user).ok
    full = scanning.record_scan(order=order, barcode="8901000000011", user=user)
    assert (full.ok, full.code) == (False, "line_complete")
    assert kept_totals()["PO1"][3] == 1
    assert_kept_totals_match()
