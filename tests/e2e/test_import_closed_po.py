"""Amazon closes an acknowledged PO: the order is closed."""

from vendorflow.integrations.amazon import outbox
from vendorflow.orders.choices import EventKind, OrderStatus
from vendorflow.orders.models import OrderEvent


def test_a_closed_po_closes_the_order(e2e):
    number, other = e2e.generate(2)
    e2e.sync()
    order = e2e.order(number)
    e2e.scan(order, "1", 1)
    ack = e2e.confirm(order)
    outbox.send(ack_id=ack.pk)

    e2e.close(number)
    run = e2e.sync("resweep")

    assert run.pos_changed == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED
    assert order.amazon_state == "Closed"
    assert OrderEvent.objects.filter(order=order, kind=EventKind.CLOSED).count() == 1
    assert e2e.order(other).status == OrderStatus.OPEN
