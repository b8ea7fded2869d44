"""Amazon refuses an acknowledgement: it fails, the order opens again, a correction goes through."""

from vendorflow.integrations.amazon import outbox
from vendorflow.orders import acknowledging
from vendorflow.orders.choices import AckState, OrderStatus
from vendorflow.orders.models import Acknowledgement

from .conftest import acknowledged_lines, planned_quantities, sent_quantities


def _order(e2e):
    [number] = e2e.generate(1, lines=(2, 2))
    e2e.sync()
    return e2e.order(number)


def _unit(order, sequence: str) -> int:
    return order.lines.get(item_sequence_number=sequence).unit_size


def _resubmit(e2e, order) -> tuple:
    plan = acknowledging.build_plan(order)
    payload = acknowledging.build_payload(plan)
    ack = acknowledging.resubmit(order=order, plan=plan, payload=payload, user=e2e.user)
    return ack, plan


def _assert_failed_then_accepted(e2e, order, ack, plan, code: str) -> None:
    failed, accepted = e2e.received()
    assert (failed["status"], [error["code"] for error in failed["errors"]]) == ("Failure", [code])
    assert (accepted["status"], accepted["errors"]) == ("Processing", [])
    assert sent_quantities(accepted) == {order.po_number: planned_quantities(plan)}
    assert e2e.amazon_acks(order.po_number) == planned_quantities(plan)
    assert acknowledged_lines(order) == planned_quantities(plan)
    ack.refresh_from_db()
    assert (ack.state, ack.errors, ack.transaction_id) == (
        AckState.SUBMITTED,
        [],
        accepted["transactionId"],
    )
    assert Acknowledgement.objects.count() == 1


def test_a_tampered_acknowledgement_fails_and_the_corrected_one_is_accepted(e2e):
    order = _order(e2e)
    e2e.scan(order, "1", _unit(order, "1"))
    ack = e2e.confirm(order)
    ordered = order.lines.get(item_sequence_number="1").ordered_quantity
    accepted = ack.payload["items"][0]["itemAcknowledgements"][0]
    accepted["acknowledgedQuantity"]["amount"] = ordered + 5  # more than Amazon ordered
    Acknowledgement.objects.filter(pk=ack.pk).update(payload=ack.payload)
    outbox.send(ack_id=ack.pk)

    assert outbox.check(ack_id=ack.pk) == AckState.FAILED

    ack.refresh_from_db()
    assert [error["code"] for error in ack.errors] == ["QUANTITY_EXCEEDS_ORDERED"]
    assert ack.errors[0]["details"]
    order.refresh_from_db()
    assert order.status == OrderStatus.OPEN
    assert acknowledged_lines(order) == {}
    assert e2e.amazon_acks(order.po_number) == {}  # Amazon recorded nothing

    e2e.scan(order, "2", _unit(order, "2"))  # the manager corrects the scans
    ack, plan = _resubmit(e2e, order)
    assert ack.state == AckState.PENDING
    assert outbox.send(ack_id=ack.pk) == [ack.pk]
    assert outbox.check(ack_id=ack.pk) == AckState.SUBMITTED

    _assert_failed_then_accepted(e2e, order, ack, plan, "QUANTITY_EXCEEDS_ORDERED")
    assert planned_quantities(plan)["2"][0] == 1


def test_amazon_lowered_the_quantity_first_so_the_resubmit_follows_the_new_po(e2e):
    order = _order(e2e)
    line = order.lines.get(item_sequence_number="1")
    lowered = line.ordered_quantity - 1
    e2e.scan(order, "1", line.ordered_eaches)
    e2e.change(order.po_number, quantities={"1": lowered})  # not synced yet
    ack = e2e.confirm(order)
    outbox.send(ack_id=ack.pk)
    assert outbox.check(ack_id=ack.pk) == AckState.FAILED

    e2e.sync()  # the order follows Amazon: nothing was acknowledged

    order.refresh_from_db()
    line.refresh_from_db()
    assert (line.ordered_quantity, line.over_scanned) == (line.ordered_quantity, True)
    assert (
        line.ordered_quantity
        == e2e.sim.state.get(order.po_number).line("1")["orderedQuantity"]["amount"]
    )
    assert (order.status, order.changed_after_ack, order.has_overscan) == (
        OrderStatus.OPEN,
        False,
        True,
    )
    ack, plan = _resubmit(e2e, order)
    outbox.send(ack_id=ack.pk)
    assert outbox.check(ack_id=ack.pk) == AckState.SUBMITTED

    _assert_failed_then_accepted(e2e, order, ack, plan, "QUANTITY_EXCEEDS_ORDERED")
    assert planned_quantities(plan)["1"] == (lowered, 0)
