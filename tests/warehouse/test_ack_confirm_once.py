import pytest
from django.core.exceptions import ValidationError

from tests import factories
from tests.concurrency import in_threads
from tests.warehouse.builders import line, order_for, soap_line, world
from vendorflow.accounts.models import AuditLog
from vendorflow.integrations.amazon.acks import plan_to_acknowledgement
from vendorflow.orders import acknowledging
from vendorflow.orders.acknowledging import PREVIEW_CHANGED, build_plan, confirm_acknowledgement
from vendorflow.orders.models import Acknowledgement, OrderEvent


@pytest.fixture
def setup(org):
    w = world(org)
    order = order_for(
        w,
        [soap_line(product=w.soap, scanned_eaches=4), {"asin": "B0X", "product": None}],
        needs_mapping=True,
    )
    return order, factories.make_member(org, "manager")


def confirm(order, user):
    plan = build_plan(order)
    return confirm_acknowledgement(
        order=order, plan=plan, user=user, payload=plan_to_acknowledgement(plan)
    )


def test_confirm_writes_one_pending_ack_and_records_the_plan(
    setup, sent, django_capture_on_commit_callbacks
):
    order, user = setup
    with django_capture_on_commit_callbacks(execute=True):
        ack = confirm(order, user)
    order.refresh_from_db()
    assert (ack.state, ack.created_by, ack.organization_id) == (
        "pending",
        user,
        order.organization_id,
    )
    assert ack.payload["purchaseOrderNumber"] == "4Z32PABC"
    assert order.status == "acknowledging"
    assert (
        line(order).ack_accepted,
        line(order).ack_rejected,
        line(order).ack_rejection_reason,
    ) == (4, 6, "TemporarilyUnavailable")
    assert (line(order, 2).ack_accepted, line(order, 2).ack_rejected) == (0, 10)
    assert line(order, 2).ack_rejection_reason == "InvalidProductIdentifier"
    assert OrderEvent.objects.get(kind="ack_queued").message == "4 of 20 eaches accepted"
    assert AuditLog.objects.filter(action="order.acknowledge", object_id=str(order.pk)).count() == 1
    assert sent == [ack.pk]


def test_double_confirm_returns_the_same_row_and_enqueues_once(
    setup, sent, django_capture_on_commit_callbacks
):
    order, user = setup
    plan = build_plan(order)
    payload = plan_to_acknowledgement(plan)
    with django_capture_on_commit_callbacks(execute=True):
        first = confirm_acknowledgement(order=order, plan=plan, user=user, payload=payload)
        second = confirm_acknowledgement(order=order, plan=plan, user=user, payload=payload)
    assert first.pk == second.pk
    assert Acknowledgement.objects.count() == 1
    assert sent == [first.pk]
    assert OrderEvent.objects.filter(kind="ack_queued").count() == 1


def test_confirm_after_the_scans_changed_is_refused(setup, sent):
    order, user = setup
    plan = build_plan(order)
    line(order).__class__.objects.filter(pk=line(order).pk).update(scanned_eaches=5)
    with pytest.raises(ValidationError) as error:
        confirm_acknowledgement(order=order, plan=plan, user=user, payload={})
    assert error.value.messages == [PREVIEW_CHANGED]
    assert not Acknowledgement.objects.exists()
    assert sent == []


def test_a_closed_order_cannot_be_acknowledged(setup, sent):
    order, user = setup
    order.status = "closed"
    order.save()
    with pytest.raises(ValidationError):
        confirm(order, user)
    assert not Acknowledgement.objects.exists()


def test_a_po_whose_lines_were_all_cancelled_is_not_acknowledged(org, sent):
    w = world(org)
    order = order_for(w, [soap_line(product=w.soap, ordered_quantity=0)])
    with pytest.raises(ValidationError) as error:
        confirm(order, factories.make_member(org, "manager"))
    assert error.value.messages == ["Amazon cancelled every line; there is nothing to send."]
    assert not Acknowledgement.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_confirms_make_one_row(monkeypatch):
    calls = []
    monkeypatch.setattr(acknowledging, "enqueue_submit", calls.append)
    org = factories.make_org()
    w = world(org)
    order = order_for(w, [soap_line(product=w.soap, scanned_eaches=10)])
    users = [factories.make_member(org, "manager") for _ in range(4)]
    acks = in_threads(*[lambda user=user: confirm(order, user).pk for user in users])
    assert len(set(acks)) == 1 and len(acks) == 4
    assert Acknowledgement.objects.count() == 1
    assert calls == [acks[0]]
