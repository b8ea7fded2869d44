"""A stored payload that breaks Amazon's model is never sent, and fails instead of hanging."""

from vendorflow.integrations.amazon import outbox
from vendorflow.orders import acknowledging
from vendorflow.orders.choices import AckState, OrderStatus
from vendorflow.orders.models import Acknowledgement


def test_a_payload_breaking_the_model_fails_without_reaching_amazon(e2e):
    [number] = e2e.generate(1)
    e2e.sync()
    order = e2e.order(number)
    ack = e2e.confirm(order)
    payload = {**ack.payload, "acknowledgementDate": "not a date"}
    Acknowledgement.objects.filter(pk=ack.pk).update(payload=payload)

    assert outbox.send(ack_id=ack.pk) == []

    ack.refresh_from_db()
    assert (ack.state, ack.needs_status_check) == (AckState.FAILED, False)
    assert ack.errors[0]["code"] == "InvalidAcknowledgement"
    assert "acknowledgementDate" in ack.errors[0]["message"]
    order.refresh_from_db()
    assert order.status == OrderStatus.OPEN
    assert e2e.received() == []
    assert e2e.calls()["submitAcknowledgement"] == 0


def test_the_rest_of_a_batch_is_still_sent(e2e):
    numbers = e2e.generate(2)
    e2e.sync()
    items = []
    for number in numbers:
        order = e2e.order(number)
        plan = acknowledging.build_plan(order)
        items.append((order, plan, acknowledging.build_payload(plan)))
    items[0][2]["acknowledgementDate"] = "not a date"
    bad, good = acknowledging.confirm_batch(items=items, user=e2e.user)

    assert outbox.send(ack_id=bad.pk) == [good.pk]

    [request] = e2e.received()
    assert [a["purchaseOrderNumber"] for a in request["acknowledgements"]] == [numbers[1]]
    states = dict(Acknowledgement.objects.values_list("pk", "state"))
    assert states == {bad.pk: AckState.FAILED, good.pk: AckState.SUBMITTED}
