from tests.importing.builders import changed, channel_with_customer, po_line, purchase_order
from tests.importing.scans import scan
from vendorflow.orders.choices import EventKind, OrderStatus
from vendorflow.orders.importing import import_purchase_orders
from vendorflow.orders.models import Order, OrderEvent, OrderLine


def test_a_line_dropped_by_amazon_is_cancelled_to_zero_and_its_scans_flagged(org):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order("PO1", lines=[po_line(1), po_line(2, ordered_quantity=6)])
    import_purchase_orders(channel=channel, purchase_orders=[po])
    scan(OrderLine.objects.get(item_sequence_number="2"), 2)

    import_purchase_orders(channel=channel, purchase_orders=[changed(po, lines=(po_line(1),))])

    line = OrderLine.objects.get(item_sequence_number="2")
    assert (line.ordered_quantity, line.ordered_eaches, line.scanned_eaches, line.over_scanned) == (
        0,
        0,
        2,
        True,
    )
    order = Order.objects.get()
    assert (order.status, order.has_overscan) == (OrderStatus.OPEN, True)
    event = OrderEvent.objects.get(kind=EventKind.CHANGED)
    assert [(d["item"], d["change"]) for d in event.data["lines"]] == [("2", "cancelled")]


def test_a_zero_quantity_line_is_cancelled_and_no_longer_needs_mapping(org):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order("PO1", lines=[po_line(1), po_line(2)])
    import_purchase_orders(channel=channel, purchase_orders=[po])
    assert Order.objects.get().needs_mapping is True

    import_purchase_orders(
        channel=channel,
        purchase_orders=[changed(po, lines=(po_line(1), po_line(2, ordered_quantity=0)))],
    )

    assert OrderLine.objects.get(item_sequence_number="2").ordered_quantity == 0
    assert Order.objects.get().needs_mapping is True  # item 1 is still unmapped


def test_every_line_cancelled_cancels_the_order(org):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order("PO1", lines=[po_line(1), po_line(2)])
    import_purchase_orders(channel=channel, purchase_orders=[po])

    import_purchase_orders(
        channel=channel,
        purchase_orders=[
            changed(po, lines=(po_line(1, ordered_quantity=0), po_line(2, ordered_quantity=0)))
        ],
    )

    order = Order.objects.get()
    assert (order.status, order.needs_mapping) == (OrderStatus.CANCELLED, False)
    assert list(OrderEvent.objects.order_by("id").values_list("kind", flat=True)) == [
        EventKind.IMPORTED,
        EventKind.CHANGED,
        EventKind.CANCELLED,
    ]
