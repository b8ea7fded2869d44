from dataclasses import replace

from tests import factories
from tests.importing.builders import changed, channel_with_customer, po_line, purchase_order
from tests.importing.scans import scan
from vendorflow.orders.choices import EventKind, OrderStatus
from vendorflow.orders.importing import ImportResult, import_purchase_orders
from vendorflow.orders.models import Order, OrderEvent, OrderLine, Scan


def _import(channel, *pos):
    return import_purchase_orders(channel=channel, purchase_orders=list(pos))


def _line(seq):
    return OrderLine.objects.get(item_sequence_number=seq)


def test_a_reduced_quantity_below_the_scans_flags_the_line_and_keeps_the_scans(org):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order(
        "PO1", lines=[po_line(1, ordered_quantity=10), po_line(2, ordered_quantity=5)]
    )
    _import(channel, po)
    scan(_line("1"), 8)

    result = _import(
        channel, changed(po, lines=(po_line(1, ordered_quantity=6), po_line(2, ordered_quantity=5)))
    )

    assert result == ImportResult(changed=1)
    line = _line("1")
    assert (line.ordered_quantity, line.ordered_eaches, line.scanned_eaches) == (6, 6, 8)
    assert line.over_scanned is True
    assert _line("2").over_scanned is False
    assert Scan.objects.get().quantity_eaches == 8
    order = Order.objects.get()
    assert order.has_overscan is True
    assert order.changed_after_ack is False
    assert order.po_changed_date == po.po_date.replace(hour=10)
    event = OrderEvent.objects.get(kind=EventKind.CHANGED)
    assert event.data["lines"] == [
        {
            "item": "1",
            "change": "changed",
            "before": {"ordered_quantity": 10, "ordered_eaches": 10},
            "after": {"ordered_quantity": 6, "ordered_eaches": 6},
            "over_scanned": {"scanned": 8, "ordered": 6},
        }
    ]
    assert event.message == (
        "Amazon changed the PO: item 1 ordered_quantity 10 → 6, ordered_eaches 10 → 6 "
        "(scanned 8 eaches, more than the 6 now ordered)."
    )


def test_an_increase_updates_the_line_without_a_flag(org):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order("PO1", lines=[po_line(1, ordered_quantity=10)])
    _import(channel, po)
    scan(_line("1"), 4)

    _import(channel, changed(po, lines=(po_line(1, ordered_quantity=12),)))

    line = _line("1")
    assert (line.ordered_quantity, line.scanned_eaches, line.over_scanned) == (12, 4, False)
    assert Order.objects.get().has_overscan is False


def test_a_new_line_is_added_and_its_mapping_resolved(org):
    channel, _, _ = channel_with_customer(org)
    product = factories.make_product(org, "SKU-3")
    factories.map_product(channel, product, asin="B0ASIN0003")
    factories.map_product(channel, factories.make_product(org, "SKU-1"), asin="B0ASIN0001")
    po = purchase_order("PO1", lines=[po_line(1)])
    _import(channel, po)
    assert Order.objects.get().needs_mapping is False

    _import(channel, changed(po, lines=(po_line(1), po_line(3, ordered_quantity=4), po_line(4))))

    assert list(
        OrderLine.objects.order_by("item_sequence_number").values_list(
            "item_sequence_number", "product", "ordered_quantity"
        )
    ) == [
        ("1", OrderLine.objects.get(item_sequence_number="1").product_id, 10),
        ("3", product.pk, 4),
        ("4", None, 10),
    ]
    assert Order.objects.get().needs_mapping is True
    data = OrderEvent.objects.get(kind=EventKind.CHANGED).data
    assert [(d["item"], d["change"]) for d in data["lines"]] == [("3", "added"), ("4", "added")]


def test_a_new_ship_to_re_identifies_the_customer(org):
    channel, blr, _ = channel_with_customer(org, code="BLR7")
    delhi = factories.make_customer(org, "AMZ-DEL4")
    factories.map_warehouse(org, "DEL4", delhi)
    po = purchase_order("PO1")
    _import(channel, po)

    _import(channel, changed(po, ship_to_party_id="DEL4"))

    order = Order.objects.get()
    assert (order.customer, order.ship_to_code) == (delhi, "DEL4")
    event = OrderEvent.objects.get(kind=EventKind.CHANGED)
    assert event.data["before"] == {"ship_to_code": "BLR7", "customer_id": blr.pk}
    assert event.data["after"] == {"ship_to_code": "DEL4", "customer_id": delhi.pk}


def test_a_new_unmapped_ship_to_keeps_the_customer_and_says_so(org):
    channel, blr, _ = channel_with_customer(org, code="BLR7")
    po = purchase_order("PO1")
    _import(channel, po)

    _import(channel, changed(po, ship_to_party_id="XYZ1"))

    order = Order.objects.get()
    assert (order.customer, order.ship_to_code) == (blr, "XYZ1")
    event = OrderEvent.objects.get(kind=EventKind.CHANGED)
    assert event.data["notes"] == [
        "Ship-to changed to XYZ1, which has no customer mapping; the customer was kept."
    ]


def test_an_equal_changed_date_writes_nothing(org):
    channel, _, _ = channel_with_customer(org)
    po = changed(purchase_order("PO1", lines=[po_line(1, ordered_quantity=10)]))
    _import(channel, po)
    before = Order.objects.values().get()

    result = _import(channel, replace(po, lines=(po_line(1, ordered_quantity=2),)))

    assert result == ImportResult(unchanged=1)
    assert Order.objects.values().get() == before
    assert _line("1").ordered_quantity == 10
    assert OrderEvent.objects.count() == 1


def test_an_older_version_is_ignored(org):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order("PO1", lines=[po_line(1, ordered_quantity=10)])
    newer = changed(po, hours=5, lines=(po_line(1, ordered_quantity=7),))
    _import(channel, newer)

    assert _import(channel, changed(po, hours=2)) == ImportResult(unchanged=1)
    assert _line("1").ordered_quantity == 7
    assert Order.objects.get().status == OrderStatus.OPEN
