"""A submitted acknowledgement is followed: getTransaction for 15 minutes, then the PO status."""

from datetime import UTC, datetime, timedelta

import time_machine

from vendorflow.integrations.amazon import outbox
from vendorflow.orders import acknowledging
from vendorflow.orders.choices import AckState, OrderStatus
from vendorflow.orders.models import Acknowledgement

from .conftest import acknowledged_lines, amazon_lines, assert_every_ack_was_valid


def _submitted(e2e):
    [number] = e2e.generate(1, lines=(3, 3))
    e2e.sync()
    order = e2e.order(number)
    e2e.scan(order, "1", order.lines.get(item_sequence_number="1").ordered_eaches)
    e2e.scan(order, "2", order.lines.get(item_sequence_number="2").unit_size)
    ack = e2e.confirm(order)
    outbox.send(ack_id=ack.pk)
    ack.refresh_from_db()
    return ack


def _sixteen_minutes_after(ack):
    return time_machine.travel(ack.submitted_at + timedelta(minutes=16), tick=True)


def test_processing_is_confirmed_from_the_status_after_15_minutes(e2e):
    ack = _submitted(e2e)

    assert outbox.check(ack_id=ack.pk) == AckState.SUBMITTED

    calls = e2e.calls()
    assert (calls["getTransaction"], calls["getPurchaseOrdersStatus"]) == (1, 0)
    ack.refresh_from_db()
    assert ack.state == AckState.SUBMITTED
    assert ack.next_check_at <= ack.submitted_at + acknowledging.confirm_after()
    assert ack.next_check_at > datetime.now(UTC)
    assert amazon_lines(ack.order) == {}

    with _sixteen_minutes_after(ack):
        assert outbox.check(ack_id=ack.pk) == AckState.CONFIRMED

    assert e2e.calls()["getPurchaseOrdersStatus"] == 1
    ack.refresh_from_db()
    assert (ack.state, ack.next_check_at) == (AckState.CONFIRMED, None)
    assert ack.order.status == OrderStatus.ACKNOWLEDGED
    recorded = e2e.amazon_acks(ack.order.po_number)
    assert amazon_lines(ack.order) == recorded == acknowledged_lines(ack.order)
    assert len(recorded) == 3
    assert outbox.check(ack_id=ack.pk) == AckState.CONFIRMED  # nothing left to do
    assert len(e2e.received()) == 1
    assert_every_ack_was_valid(e2e)


def test_a_failure_first_seen_after_15_minutes_still_fails(e2e):
    """The checker was down for a while: Amazon's Failure must not be mistaken for silence."""
    [number] = e2e.generate(1, lines=(1, 1))
    e2e.sync()
    order = e2e.order(number)
    plan = acknowledging.build_plan(order)
    payload = acknowledging.build_payload(plan)
    payload["items"][0]["itemSequenceNumber"] = "9"  # a line the PO does not have
    ack = acknowledging.confirm_acknowledgement(
        order=order, plan=plan, user=e2e.user, payload=payload
    )
    outbox.send(ack_id=ack.pk)
    ack.refresh_from_db()

    with _sixteen_minutes_after(ack):
        assert outbox.check(ack_id=ack.pk) == AckState.FAILED

    ack = Acknowledgement.objects.get(pk=ack.pk)
    assert [error["code"] for error in ack.errors] == ["INVALID_ITEM"]
    assert ack.order.status == OrderStatus.OPEN
    assert e2e.calls()["getTransaction"] == 1
    [request] = e2e.received()
    assert request["status"] == "Failure"
