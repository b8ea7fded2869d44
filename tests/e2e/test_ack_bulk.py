"""Acknowledging three orders at once sends one submitAcknowledgement carrying all three."""

from vendorflow.integrations.amazon import outbox
from vendorflow.orders import acknowledging
from vendorflow.orders.choices import AckState

from .conftest import assert_every_ack_was_valid, planned_quantities, sent_quantities


def test_a_bulk_acknowledgement_is_one_call_with_three_acknowledgements(e2e):
    numbers = e2e.generate(3)
    e2e.sync()
    items = []
    for number in numbers:
        order = e2e.order(number)
        e2e.scan_one_unit(order)
        plan = acknowledging.build_plan(order)
        items.append((order, plan, acknowledging.build_payload(plan)))
    acks = acknowledging.confirm_batch(items=items, user=e2e.user)

    sent = [outbox.send(ack_id=ack.pk) for ack in acks]

    ids = [ack.pk for ack in acks]
    assert sent == [ids, [], []]
    assert e2e.calls()["submitAcknowledgement"] == 1
    [request] = e2e.received()
    assert len(e2e.sim.state.transactions) == 1
    assert sent_quantities(request) == {
        order.po_number: planned_quantities(plan) for order, plan, _ in items
    }
    assert_every_ack_was_valid(e2e)
    for ack in acks:
        ack.refresh_from_db()
        assert (ack.state, ack.transaction_id) == (AckState.SUBMITTED, request["transactionId"])
    for number in numbers:
        assert e2e.sim.state.get(number).state == "Acknowledged"
