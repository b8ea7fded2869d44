"""A claimed acknowledgement whose outcome was never recorded is checked before any resend."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests import factories
from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.orders import acknowledging as ack_service
from vendorflow.orders.acknowledging import build_plan, decide_after_status

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
LATER = T0 + timedelta(minutes=31)


@pytest.fixture
def sending(org, monkeypatch):
    monkeypatch.setattr(ack_service, "enqueue_submit", lambda ack_id: None)
    w = world(org)
    order = order_for(w, [soap_line(product=w.soap, scanned_eaches=10)])
    plan = build_plan(order)
    ack = ack_service.confirm_acknowledgement(
        order=order, plan=plan, payload={"p": 1}, user=factories.make_member(org, "manager")
    )
    with time_machine.travel(T0, tick=False):
        return ack_service.claim_for_sending(ack_id=ack.pk, worker="crashed-worker")


def test_decide_after_status():
    ack = ack_service.Acknowledgement(state="sending")
    assert decide_after_status(ack, True) == "confirm"
    assert decide_after_status(ack, False) == "resend"
    with pytest.raises(ValueError):
        decide_after_status(ack_service.Acknowledgement(state="submitted"), False)


def test_a_stale_claim_is_not_reclaimed_before_the_status_check(sending):
    with time_machine.travel(LATER, tick=False):
        assert ack_service.claim_for_sending(ack_id=sending.pk, worker="w2") is None
        assert list(ack_service.acks_needing_status_check()) == [sending]
    with time_machine.travel(T0 + timedelta(minutes=5), tick=False):
        assert list(ack_service.acks_needing_status_check()) == []


def test_amazon_already_has_it_so_it_is_never_resent(sending):
    with time_machine.travel(LATER, tick=False):
        decision = ack_service.resolve_sent_unknown(
            ack_id=sending.pk, status_has_acknowledgement=True
        )
        assert decision == "confirm"
        assert ack_service.claim_for_sending(ack_id=sending.pk, worker="w2") is None
    sending.refresh_from_db()
    assert (sending.state, sending.needs_status_check, sending.attempts) == ("submitted", False, 1)
    assert ack_service.due_for_status_confirmation(sending, LATER) is True


def test_amazon_has_none_so_it_is_sent_again_on_the_same_row(sending):
    with time_machine.travel(LATER, tick=False):
        assert (
            ack_service.resolve_sent_unknown(ack_id=sending.pk, status_has_acknowledgement=False)
            == "resend"
        )
        again = ack_service.claim_for_sending(ack_id=sending.pk, worker="w2")
    assert again.pk == sending.pk
    assert (again.state, again.claimed_by, again.attempts, again.needs_status_check) == (
        "sending",
        "w2",
        2,
        True,
    )


def test_no_status_check_before_the_claim_is_stale(sending):
    with time_machine.travel(T0 + timedelta(minutes=5), tick=False):
        assert (
            ack_service.resolve_sent_unknown(ack_id=sending.pk, status_has_acknowledgement=False)
            is None
        )
    sending.refresh_from_db()
    assert (sending.state, sending.needs_status_check) == ("sending", True)


def test_mark_sent_unknown_keeps_it_in_doubt_and_notes_why(sending):
    ack = ack_service.mark_sent_unknown(ack_id=sending.pk, error="read timeout after sending")
    assert (ack.state, ack.needs_status_check) == ("sending", True)
    assert ack.errors == [{"code": "SentUnknown", "message": "read timeout after sending"}]
    assert ack.next_check_at == T0 + timedelta(minutes=30)
