"""Scan, plan, confirm, send: Amazon receives exactly one acknowledgement, equal to the plan."""

from vendorflow.integrations.amazon import outbox
from vendorflow.orders import acknowledging
from vendorflow.orders.choices import AckState, OrderStatus
from vendorflow.orders.models import Acknowledgement

from .conftest import assert_every_ack_was_valid, planned_quantities, sent_quantities


def _scanned_order(e2e):
    [number] = e2e.generate(1, lines=(3, 3))
    e2e.sync()
    order = e2e.order(number)
    first, second = order.lines.order_by("item_sequence_number")[:2]
    e2e.scan(order, "1", first.ordered_eaches)  # all of line 1
    e2e.scan(order, "2", second.unit_size)  # one unit of line 2; line 3 not at all
    return order


def test_the_simulator_receives_exactly_the_plan(e2e):
    order = _scanned_order(e2e)
    plan = acknowledging.build_plan(order)
    ack = e2e.confirm(order)
    assert e2e.queued == []  # queued on commit only; the test sends it itself

    assert outbox.send(ack_id=ack.pk) == [ack.pk]

    [request] = e2e.received()
    assert sent_quantities(request) == {order.po_number: planned_quantities(plan)}
    lines = {line.item_sequence_number: line for line in plan.lines}
    assert planned_quantities(plan) == {
        "1": (lines["1"].ordered_quantity, 0),
        "2": (1, lines["2"].ordered_quantity - 1),
        "3": (0, lines["3"].ordered_quantity),
    }
    assert_every_ack_was_valid(e2e)
    ack.refresh_from_db()
    assert (ack.state, ack.transaction_id, ack.attempts) == (
        AckState.SUBMITTED,
        request["transactionId"],
        1,
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.ACKNOWLEDGING
    assert e2e.calls()["submitAcknowledgement"] == 1


def test_sending_again_sends_nothing(e2e):
    order = _scanned_order(e2e)
    ack = e2e.confirm(order)
    outbox.send(ack_id=ack.pk)

    assert outbox.send(ack_id=ack.pk) == []

    assert len(e2e.received()) == 1
    assert Acknowledgement.objects.get().state == AckState.SUBMITTED
