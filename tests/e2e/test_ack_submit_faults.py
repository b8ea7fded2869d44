"""Faults while submitting: what surely did not arrive is retried, what may have arrived is
checked with getPurchaseOrdersStatus first. Either way Amazon ends up with one acknowledgement."""

from datetime import UTC, datetime

import pytest
import time_machine

from vendorflow.integrations.amazon import jobs, outbox
from vendorflow.orders import acknowledging
from vendorflow.orders.choices import AckState

from .conftest import assert_every_ack_was_valid

SUBMIT = ["submitAcknowledgement"]


def _sweep_after_the_claim_went_stale():
    later = datetime.now(UTC) + acknowledging.SENDING_STALE_AFTER + acknowledging.FIRST_CHECK_AFTER
    with time_machine.travel(later, tick=True):
        jobs.process_outbox.call_local()


def test_throttled_submit_goes_back_to_the_queue_and_is_sent_once_later(e2e, inline_tasks):
    ack = e2e.confirmed_with_one_unit()
    e2e.sim.faults.configure(operations=SUBMIT, throttle={"count": 5})  # beyond the retries

    with pytest.raises(outbox.RetryLater):
        outbox.send(ack_id=ack.pk)

    ack.refresh_from_db()
    assert (ack.state, ack.needs_status_check, ack.claimed_by) == (AckState.PENDING, False, "")
    assert e2e.received() == []
    assert outbox.send(ack_id=ack.pk) == [ack.pk]
    assert len(e2e.received()) == 1
    assert_every_ack_was_valid(e2e)


def test_refused_credentials_go_back_to_the_queue(e2e, inline_tasks):
    ack = e2e.confirmed_with_one_unit()
    e2e.channel.refresh_token = "Atzr|revoked"
    e2e.channel.save()

    jobs.submit_acknowledgement(ack.pk)  # the task keeps it for later, it does not fail

    ack.refresh_from_db()
    assert ack.state == AckState.PENDING
    assert e2e.received() == []


def test_an_expired_token_is_renewed_and_the_ack_sent_once(e2e):
    ack = e2e.confirmed_with_one_unit()
    e2e.sync()  # a cached access token
    e2e.sim.expire_tokens()

    assert outbox.send(ack_id=ack.pk) == [ack.pk]

    assert len(e2e.received()) == 1
    assert e2e.calls()["submitAcknowledgement"] == 2  # refused with the old token, then taken


@pytest.mark.parametrize(
    "faults",
    [{"drop": {"count": 1}}, {"server_error": {"count": 1}}],
    ids=["dropped connection", "503"],
)
def test_not_received_but_in_doubt_is_resent_after_the_status_check(e2e, inline_tasks, faults):
    ack = e2e.confirmed_with_one_unit()
    e2e.sim.faults.configure(operations=SUBMIT, **faults)

    assert outbox.send(ack_id=ack.pk) == []

    ack.refresh_from_db()
    assert (ack.state, ack.needs_status_check) == (AckState.SENDING, True)
    assert ack.errors[-1]["code"] == "SentUnknown"
    assert outbox.send(ack_id=ack.pk) == []  # never resent blindly
    assert e2e.received() == []
    _sweep_after_the_claim_went_stale()
    ack.refresh_from_db()
    assert (ack.state, ack.attempts) == (AckState.SUBMITTED, 2)
    assert len(e2e.received()) == 1
    assert_every_ack_was_valid(e2e)


@pytest.mark.parametrize(
    "faults",
    [
        {"malformed": {"count": 1}},
        {"slow": {"count": 1}, "delay_ms": 1500},
        {"empty_payload": {"count": 1}},
    ],
    ids=["answer cut off", "timed out", "accepted without transactionId"],
)
def test_received_but_in_doubt_is_never_sent_again(e2e, inline_tasks, settings, faults):
    settings.AMAZON_HTTP_TIMEOUT = 1
    ack = e2e.confirmed_with_one_unit()
    e2e.sim.faults.configure(operations=SUBMIT, **faults)

    assert outbox.send(ack_id=ack.pk) == []
    e2e.sim.faults.reset()
    _wait_for(lambda: len(e2e.received()) == 1)  # the slow one is taken after our timeout

    ack.refresh_from_db()
    assert (ack.state, ack.needs_status_check) == (AckState.SENDING, True)
    _sweep_after_the_claim_went_stale()
    ack.refresh_from_db()
    assert (ack.state, ack.attempts, ack.transaction_id) == (AckState.SUBMITTED, 1, "")
    assert len(e2e.received()) == 1
    assert e2e.calls()["submitAcknowledgement"] == 1
    assert_every_ack_was_valid(e2e)


def _wait_for(condition, seconds: float = 5) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the simulator never took the request"
        time.sleep(0.05)
