"""The acknowledgement tasks are safe to run twice: one send, one follow-up."""

from datetime import timedelta

import time_machine

from vendorflow.integrations.amazon import jobs
from vendorflow.orders.choices import AckState

from .conftest import assert_every_ack_was_valid


def test_the_submit_task_twice_sends_once(e2e, inline_tasks):
    ack = e2e.confirmed_with_one_unit()

    jobs.submit_acknowledgement.call_local(ack.pk)
    jobs.submit_acknowledgement.call_local(ack.pk)

    assert len(e2e.received()) == 1
    assert e2e.calls()["submitAcknowledgement"] == 1
    assert inline_tasks == [("check_acknowledgement", (ack.pk,), 60)]  # one follow-up
    assert_every_ack_was_valid(e2e)


def test_the_check_task_and_the_sweep_twice_confirm_once(e2e, inline_tasks):
    ack = e2e.confirmed_with_one_unit()
    jobs.submit_acknowledgement.call_local(ack.pk)
    ack.refresh_from_db()

    with time_machine.travel(ack.submitted_at + timedelta(minutes=16), tick=True):
        jobs.check_acknowledgement.call_local(ack.pk)
        jobs.check_acknowledgement.call_local(ack.pk)
        jobs.process_outbox.call_local()
        jobs.process_outbox.call_local()

    ack.refresh_from_db()
    assert ack.state == AckState.CONFIRMED
    assert e2e.calls()["getPurchaseOrdersStatus"] == 1
    assert len(e2e.received()) == 1
    assert ack.order.events.filter(kind="ack_confirmed").count() == 1


def test_the_sweep_sends_a_forgotten_pending_ack_once(e2e, inline_tasks):
    ack = e2e.confirmed_with_one_unit()  # the on-commit enqueue was lost

    with time_machine.travel(ack.updated_at + timedelta(minutes=2), tick=True):
        jobs.process_outbox.call_local()
        jobs.process_outbox.call_local()

    ack.refresh_from_db()
    assert (ack.state, ack.attempts) == (AckState.SUBMITTED, 1)
    assert len(e2e.received()) == 1
