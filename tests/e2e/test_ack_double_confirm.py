"""A double confirm makes one acknowledgement row, and Amazon receives one acknowledgement."""

from vendorflow.integrations.amazon import outbox
from vendorflow.orders.choices import AckState
from vendorflow.orders.models import Acknowledgement

from .conftest import assert_every_ack_was_valid


def test_two_confirms_and_two_sends_make_one_acknowledgement(
    e2e, django_capture_on_commit_callbacks
):
    [number] = e2e.generate(1)
    e2e.sync()
    order = e2e.order(number)
    e2e.scan(order, "1", 1)

    with django_capture_on_commit_callbacks(execute=True):
        first = e2e.confirm(order)
    with django_capture_on_commit_callbacks(execute=True):
        second = e2e.confirm(order)
    sent = [outbox.send(ack_id=first.pk), outbox.send(ack_id=second.pk)]

    assert first.pk == second.pk
    assert Acknowledgement.objects.count() == 1
    assert e2e.queued == [first.pk]  # only the first confirm queued a send
    assert sent == [[first.pk], []]
    assert len(e2e.received()) == 1
    assert len(e2e.sim.state.transactions) == 1
    assert_every_ack_was_valid(e2e)
    assert Acknowledgement.objects.get().state == AckState.SUBMITTED
