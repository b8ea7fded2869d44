"""A worker that dies between claiming and recording: the sweep asks Amazon before any resend."""

from datetime import UTC, datetime

import pytest
import time_machine

from vendorflow.integrations.amazon import jobs, outbox
from vendorflow.orders import acknowledging
from vendorflow.orders.choices import AckState, OrderStatus

from .conftest import acknowledged_lines, amazon_lines, assert_every_ack_was_valid


class WorkerKilled(BaseException):
    """The process died: nothing after this point ran."""


def _after_the_claim_went_stale():
    return time_machine.travel(
        datetime.now(UTC) + acknowledging.SENDING_STALE_AFTER + acknowledging.FIRST_CHECK_AFTER,
        tick=True,
    )


def test_killed_after_sending_is_confirmed_without_sending_again(e2e, inline_tasks, monkeypatch):
    ack = e2e.confirmed_with_one_unit(lines=(2, 2))

    def killed(**kwargs):
        raise WorkerKilled

    with monkeypatch.context() as patch:
        patch.setattr(acknowledging, "record_submitted", killed)
        with pytest.raises(WorkerKilled):
            jobs.submit_acknowledgement(ack.pk)

    ack.refresh_from_db()
    assert (ack.state, ack.needs_status_check, ack.transaction_id) == (AckState.SENDING, True, "")
    assert len(e2e.received()) == 1
    jobs.process_outbox.call_local()  # too early: the claim is not stale yet
    assert e2e.calls()["getPurchaseOrdersStatus"] == 0

    with _after_the_claim_went_stale():
        jobs.process_outbox.call_local()  # status shows the ack: submitted, never resent
        ack.refresh_from_db()
        assert (ack.state, ack.needs_status_check) == (AckState.SUBMITTED, False)
        jobs.process_outbox.call_local()  # follows it to confirmation

    ack.refresh_from_db()
    assert (ack.state, ack.attempts) == (AckState.CONFIRMED, 1)
    assert len(e2e.received()) == 1
    assert e2e.calls()["submitAcknowledgement"] == 1
    assert ack.order.status == OrderStatus.ACKNOWLEDGED
    told = acknowledged_lines(ack.order)
    assert e2e.amazon_acks(ack.order.po_number) == told == amazon_lines(ack.order)
    assert told["1"][0] == 1
    assert_every_ack_was_valid(e2e)


def test_claimed_but_never_sent_is_sent_once_after_the_status_check(e2e, inline_tasks):
    ack = e2e.confirmed_with_one_unit(lines=(2, 2))
    claimed = acknowledging.claim_for_sending(ack_id=ack.pk, worker="died-before-sending")
    assert claimed is not None
    assert outbox.send(ack_id=ack.pk) == []  # a live worker cannot take it over blindly

    with _after_the_claim_went_stale():
        jobs.process_outbox.call_local()  # status shows none: resend on the same row

    ack.refresh_from_db()
    assert (ack.state, ack.attempts, ack.needs_status_check) == (AckState.SUBMITTED, 2, False)
    assert len(e2e.received()) == 1
    assert e2e.calls()["getPurchaseOrdersStatus"] == 1
    assert e2e.calls()["submitAcknowledgement"] == 1
    assert inline_tasks == [("check_acknowledgement", (ack.pk,), 60)]
    assert_every_ack_was_valid(e2e)
