from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests import factories
from tests.warehouse.builders import line, order_for, soap_line, world
from vendorflow.integrations.amazon.acks import plan_to_acknowledgement
from vendorflow.orders import acknowledging as ack_service
from vendorflow.orders.acknowledging import LineStatus, build_plan
from vendorflow.orders.models import Acknowledgement, OrderEvent

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture
def sent(monkeypatch):
    calls = []
    monkeypatch.setattr(ack_service, "enqueue_submit", calls.append)
    return calls


@pytest.fixture
def pending(org, sent, django_capture_on_commit_callbacks):
    w = world(org)
    order = order_for(w, [soap_line(product=w.soap, scanned_eaches=6)])
    user = factories.make_member(org, "manager")
    plan = build_plan(order)
    with time_machine.travel(T0, tick=False), django_capture_on_commit_callbacks(execute=True):
        ack = ack_service.confirm_acknowledgement(
            order=order, plan=plan, user=user, payload=plan_to_acknowledgement(plan)
        )
    sent.clear()
    return ack


def state(ack):
    ack.refresh_from_db()
    ack.order.refresh_from_db()
    return ack.state, ack.order.status


def test_claim_is_taken_once(pending):
    with time_machine.travel(T0, tick=False):
        claimed = ack_service.claim_for_sending(ack_id=pending.pk, worker="w1")
        again = ack_service.claim_for_sending(ack_id=pending.pk, worker="w2")
    assert claimed.pk == pending.pk and again is None
    pending.refresh_from_db()
    assert (pending.state, pending.claimed_by, pending.attempts, pending.needs_status_check) == (
        "sending",
        "w1",
        1,
        True,
    )


def test_submitted_then_confirmed_with_amazons_line_statuses(pending):
    ack_service.claim_for_sending(ack_id=pending.pk, worker="w1")
    ack_service.record_submitted(ack_id=pending.pk, transaction_id="tx-1")
    assert state(pending) == ("submitted", "acknowledging")
    assert (pending.transaction_id, pending.needs_status_check) == ("tx-1", False)
    ack_service.record_confirmed(
        ack_id=pending.pk,
        line_statuses=[
            LineStatus(
                item_sequence_number="1",
                accepted_quantity=6,
                rejected_quantity=4,
                receiving_status="NOT_RECEIVED",
            )
        ],
    )
    assert state(pending) == ("confirmed", "acknowledged")
    first = line(pending.order)
    assert (first.amazon_accepted, first.amazon_rejected, first.amazon_receiving_status) == (
        6,
        4,
        "NOT_RECEIVED",
    )
    ack_service.record_confirmed(
        ack_id=pending.pk, line_statuses=[LineStatus("1", 6, 4, "PARTIALLY_RECEIVED")]
    )
    assert line(pending.order).amazon_receiving_status == "PARTIALLY_RECEIVED"
    assert OrderEvent.objects.filter(kind="ack_confirmed").count() == 1
    assert OrderEvent.objects.filter(kind="ack_submitted").count() == 1


def test_confirming_an_unsent_ack_is_refused(pending):
    with pytest.raises(ValidationError):
        ack_service.record_confirmed(ack_id=pending.pk, line_statuses=[])
    assert state(pending) == ("pending", "acknowledging")


def test_failed_reopens_the_order_and_resubmit_reuses_the_row(
    pending, sent, org, django_capture_on_commit_callbacks
):
    ack_service.claim_for_sending(ack_id=pending.pk, worker="w1")
    ack_service.record_submitted(ack_id=pending.pk, transaction_id="tx-1")
    errors = [{"code": "InvalidInput", "message": "netCost does not match", "details": "line 1"}]
    ack_service.record_failed(ack_id=pending.pk, errors=errors)
    assert state(pending) == ("failed", "open")
    assert pending.errors == errors
    assert line(pending.order).ack_accepted is None
    assert (
        OrderEvent.objects.get(kind="ack_failed").message == "InvalidInput: netCost does not match"
    )

    order = pending.order
    line(order).__class__.objects.filter(pk=line(order).pk).update(scanned_eaches=10)
    plan = build_plan(order)
    with django_capture_on_commit_callbacks(execute=True):
        again = ack_service.resubmit(
            order=order,
            plan=plan,
            payload={"new": True},
            user=factories.make_member(org, "manager"),
        )
    assert again.pk == pending.pk
    assert Acknowledgement.objects.count() == 1
    assert state(pending) == ("pending", "acknowledging")
    assert (pending.payload, pending.errors, pending.transaction_id) == ({"new": True}, [], "")
    assert line(order).ack_accepted == 10
    assert sent == [pending.pk]


def test_resubmit_is_refused_unless_failed(pending, sent):
    with pytest.raises(ValidationError):
        ack_service.resubmit(
            order=pending.order, plan=build_plan(pending.order), payload={}, user=None
        )
    assert sent == []


def test_failure_reported_twice_changes_nothing_more(pending):
    ack_service.claim_for_sending(ack_id=pending.pk, worker="w1")
    ack_service.record_failed(ack_id=pending.pk, errors=["boom"])
    ack_service.record_failed(ack_id=pending.pk, errors=["again"])
    pending.refresh_from_db()
    assert pending.errors == ["boom"]
    assert OrderEvent.objects.filter(kind="ack_failed").count() == 1


def test_status_confirmation_is_due_fifteen_minutes_after_submit(pending):
    with time_machine.travel(T0, tick=False):
        ack_service.claim_for_sending(ack_id=pending.pk, worker="w1")
        ack = ack_service.record_submitted(ack_id=pending.pk, transaction_id="tx-1")
    assert ack_service.due_for_status_confirmation(ack, T0 + timedelta(minutes=14)) is False
    assert ack_service.due_for_status_confirmation(ack, T0 + timedelta(minutes=15)) is True


def test_batch_claim_takes_every_pending_sibling_once(org, sent):
    w = world(org)
    user = factories.make_member(org, "manager")
    items = []
    for po in ("PO-A", "PO-B", "PO-C"):
        order = order_for(w, [soap_line(product=w.soap)], po_number=po)
        plan = build_plan(order)
        items.append((order, plan, plan_to_acknowledgement(plan)))
    acks = ack_service.confirm_batch(items=items, user=user)
    assert len({ack.batch_id for ack in acks}) == 1 and acks[0].batch_id
    claimed = ack_service.claim_batch_for_sending(ack_id=acks[1].pk, worker="w1")
    assert sorted(a.pk for a in claimed) == sorted(a.pk for a in acks)
    assert ack_service.claim_batch_for_sending(ack_id=acks[0].pk, worker="w2") == []


def test_a_send_that_certainly_failed_goes_back_to_pending(pending):
    ack_service.claim_for_sending(ack_id=pending.pk, worker="w1")
    assert ack_service.release_claim(ack_id=pending.pk) is True
    assert ack_service.release_claim(ack_id=pending.pk) is False
    pending.refresh_from_db()
    assert (pending.state, pending.needs_status_check, pending.claimed_by) == ("pending", False, "")
    assert ack_service.claim_for_sending(ack_id=pending.pk, worker="w2").attempts == 2
