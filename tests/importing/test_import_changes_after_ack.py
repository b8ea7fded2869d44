from tests.importing.builders import changed, channel_with_customer, po_line, purchase_order
from vendorflow.orders.choices import EventKind, OrderStatus
from vendorflow.orders.importing import ImportResult, import_purchase_orders
from vendorflow.orders.models import Acknowledgement, Order, OrderEvent, OrderLine


def _acknowledge(order, status=OrderStatus.ACKNOWLEDGING):
    Acknowledgement.objects.create(organization=order.organization, order=order)
    Order.objects.filter(pk=order.pk).update(status=status)


def test_a_change_after_acknowledgement_is_recorded_and_the_lines_kept(org):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order(
        "PO1", lines=[po_line(1, ordered_quantity=10), po_line(2, ordered_quantity=5)]
    )
    import_purchase_orders(channel=channel, purchase_orders=[po])
    _acknowledge(Order.objects.get())
    lines_before = list(OrderLine.objects.order_by("id").values())

    later = changed(po, lines=(po_line(1, ordered_quantity=4),))
    result = import_purchase_orders(channel=channel, purchase_orders=[later])

    assert result == ImportResult(changed=1)
    assert list(OrderLine.objects.order_by("id").values()) == lines_before
    order = Order.objects.get()
    assert order.changed_after_ack is True
    assert order.status == OrderStatus.ACKNOWLEDGING
    assert order.po_changed_date == later.changed_date
    event = OrderEvent.objects.get(kind=EventKind.CHANGED_AFTER_ACK)
    assert [(d["item"], d["change"], d["before"], d["after"]) for d in event.data["lines"]] == [
        (
            "1",
            "changed",
            {"ordered_quantity": 10, "ordered_eaches": 10},
            {"ordered_quantity": 4, "ordered_eaches": 4},
        ),
        (
            "2",
            "cancelled",
            {"ordered_quantity": 5, "ordered_eaches": 5},
            {"ordered_quantity": 0, "ordered_eaches": 0},
        ),
    ]
    assert event.message.endswith(
        "The order was already acknowledged; its lines are kept as acknowledged."
    )
    assert not OrderEvent.objects.filter(kind=EventKind.CHANGED).exists()


def test_an_open_order_with_a_queued_acknowledgement_counts_as_acknowledged(org):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order("PO1", lines=[po_line(1, ordered_quantity=10)])
    import_purchase_orders(channel=channel, purchase_orders=[po])
    _acknowledge(Order.objects.get(), status=OrderStatus.OPEN)

    import_purchase_orders(
        channel=channel, purchase_orders=[changed(po, lines=(po_line(1, ordered_quantity=3),))]
    )

    assert OrderLine.objects.get().ordered_quantity == 10
    assert Order.objects.get().changed_after_ack is True


def test_amazon_marking_the_po_acknowledged_is_not_a_change_of_substance(org):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order("PO1")
    import_purchase_orders(channel=channel, purchase_orders=[po])
    _acknowledge(Order.objects.get(), status=OrderStatus.ACKNOWLEDGED)

    state_change = changed(po, state="Acknowledged")
    import_purchase_orders(channel=channel, purchase_orders=[state_change])

    order = Order.objects.get()
    assert (order.amazon_state, order.changed_after_ack) == ("Acknowledged", False)
    assert list(OrderEvent.objects.values_list("kind", flat=True)) == [EventKind.IMPORTED]
