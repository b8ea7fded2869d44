"""Amazon changes a PO: before acknowledgement the order follows; after it, it is flagged."""

from vendorflow.integrations.amazon import outbox
from vendorflow.orders.choices import EventKind, OrderStatus
from vendorflow.orders.models import OrderEvent


def _po_with_lines(e2e, lines: int) -> str:
    [number] = e2e.generate(1, lines=(lines, lines))
    return number


def test_a_changed_po_updates_the_order_in_place(e2e):
    number = _po_with_lines(e2e, 3)
    e2e.sync()
    order = e2e.order(number)
    line_ids = dict(order.lines.values_list("item_sequence_number", "id"))
    first = order.lines.get(item_sequence_number="1").ordered_quantity
    assert first > 1

    e2e.change(number, quantities={"1": first - 1}, cancel=["3"])
    run = e2e.sync()

    assert (run.pos_new, run.pos_changed) == (0, 1)
    changed = e2e.order(number)
    assert changed.pk == order.pk
    assert changed.status == OrderStatus.OPEN
    assert dict(changed.lines.values_list("item_sequence_number", "id")) == line_ids
    quantities = dict(changed.lines.values_list("item_sequence_number", "ordered_quantity"))
    second = order.lines.get(item_sequence_number="2").ordered_quantity
    assert quantities == {"1": first - 1, "2": second, "3": 0}
    assert changed.changed_after_ack is False
    event = OrderEvent.objects.get(order=order, kind=EventKind.CHANGED)
    assert sorted((d["item"], d["change"]) for d in event.data["lines"]) == [
        ("1", "changed"),
        ("3", "cancelled"),
    ]

    again = e2e.sync()
    assert (again.pos_new, again.pos_changed) == (0, 0)
    assert OrderEvent.objects.filter(order=order, kind=EventKind.CHANGED).count() == 1


def test_a_change_after_acknowledgement_flags_the_order(e2e):
    number = _po_with_lines(e2e, 2)
    e2e.sync()
    order = e2e.order(number)
    e2e.scan(order, "1", 1)
    ack = e2e.confirm(order)
    assert outbox.send(ack_id=ack.pk) == [ack.pk]
    acknowledged_lines = dict(order.lines.values_list("item_sequence_number", "ordered_quantity"))

    e2e.change(number, cancel=["2"])
    run = e2e.sync()

    assert run.pos_changed == 1
    order.refresh_from_db()
    assert order.changed_after_ack is True
    assert order.status == OrderStatus.ACKNOWLEDGING
    assert dict(order.lines.values_list("item_sequence_number", "ordered_quantity")) == (
        acknowledged_lines
    )
    assert OrderEvent.objects.filter(order=order, kind=EventKind.CHANGED_AFTER_ACK).count() == 1
    assert len(e2e.received()) == 1
