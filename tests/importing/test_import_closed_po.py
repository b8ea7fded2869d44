from dataclasses import replace
from datetime import timedelta

from tests.importing.builders import changed, channel_with_customer, purchase_order
from vendorflow.orders.choices import EventKind, OrderStatus
from vendorflow.orders.importing import ImportResult, import_purchase_orders
from vendorflow.orders.models import Acknowledgement, Order, OrderEvent


def test_a_closed_po_closes_the_order_once(org):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order("PO1")
    import_purchase_orders(channel=channel, purchase_orders=[po])
    order = Order.objects.get()
    Acknowledgement.objects.create(organization=org, order=order)
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.ACKNOWLEDGED)

    closed = replace(po, state="Closed", state_changed_date=po.po_date + timedelta(days=3))
    assert import_purchase_orders(channel=channel, purchase_orders=[closed]) == ImportResult(
        changed=1
    )
    order.refresh_from_db()
    assert (order.status, order.amazon_state, order.changed_after_ack) == (
        OrderStatus.CLOSED,
        "Closed",
        False,
    )
    assert order.po_state_changed_date == closed.state_changed_date

    again = changed(closed)
    import_purchase_orders(channel=channel, purchase_orders=[again])
    assert list(OrderEvent.objects.order_by("id").values_list("kind", flat=True)) == [
        EventKind.IMPORTED,
        EventKind.CLOSED,
    ]


def test_a_cancelled_order_stays_cancelled_when_amazon_closes_it(org):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order("PO1")
    import_purchase_orders(channel=channel, purchase_orders=[po])
    Order.objects.update(status=OrderStatus.CANCELLED)

    import_purchase_orders(channel=channel, purchase_orders=[changed(po, state="Closed")])

    assert Order.objects.get().status == OrderStatus.CANCELLED
