"""`vendorflow acknowledge`: preview, confirm, a stale fingerprint (exit 3) and a batch."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import factories
from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.accounts.models import AuditLog
from vendorflow.orders import acknowledging
from vendorflow.orders.models import Acknowledgement, OrderLine


@pytest.fixture
def orders(org):
    w = world(org)
    factories.make_member(org, "manager", username="ana")
    factories.make_member(org, "operator", username="otto")
    return [
        order_for(w, [soap_line(product=w.soap, ordered_quantity=3, scanned_eaches=2)]),
        order_for(w, [soap_line(product=w.soap, scanned_eaches=1)], po_number="SECOND01"),
    ]


def run(*args) -> str:
    out = StringIO()
    call_command("acknowledge", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_preview_prints_the_plan_and_sends_nothing(orders, sent):
    fingerprint = acknowledging.build_plan(orders[0]).fingerprint
    out = run("--user", "ana", "4Z32PABC")
    assert out.splitlines()[0].startswith(f"PO 4Z32PABC · fingerprint {fingerprint} · 2 of 3")
    assert "  line 1 SKU-1: accepted 2, rejected 1 (TemporarilyUnavailable) Eaches" in out
    assert out.splitlines()[-1] == (
        f"To send: vendorflow acknowledge --user USER --confirm 4Z32PABC={fingerprint}"
    )
    assert not Acknowledgement.objects.exists() and sent == []


def test_confirm_sends_the_previewed_plan_as_the_member(
    orders, sent, django_capture_on_commit_callbacks
):
    fingerprint = json.loads(run("--user", "ana", "4Z32PABC", "--json"))["ready"][0]["fingerprint"]
    with django_capture_on_commit_callbacks(execute=True):
        out = run("--user", "ana", "--confirm", f"4Z32PABC={fingerprint}")
    ack = Acknowledgement.objects.get()
    assert out == f"PO 4Z32PABC: acknowledgement {ack.pk} queued.\n"
    assert sent == [ack.pk] and ack.created_by.username == "ana"
    assert AuditLog.objects.get().actor.username == "ana"


def test_a_stale_fingerprint_exits_3_and_sends_nothing(orders, sent):
    stale = acknowledging.build_plan(orders[0]).fingerprint
    OrderLine.objects.filter(order=orders[0]).update(scanned_eaches=3)
    with pytest.raises(CommandError) as error:
        run("--user", "ana", "--confirm", f"4Z32PABC={stale}")
    assert error.value.returncode == 3
    assert str(error.value) == acknowledging.PREVIEW_CHANGED
    assert not Acknowledgement.objects.exists() and sent == []


def test_several_confirmed_make_one_batch(orders, sent):
    pairs = [f"{o.po_number}={acknowledging.build_plan(o).fingerprint}" for o in orders]
    run("--user", "ana", "--confirm", *pairs)
    assert len({ack.batch_id for ack in Acknowledgement.objects.all()}) == 1
    assert Acknowledgement.objects.count() == 2


def test_an_operator_or_an_unknown_po_is_refused(orders, sent):
    with pytest.raises(CommandError, match="needs the Manager role or higher; otto is Operator"):
        run("--user", "otto", "4Z32PABC")
    with pytest.raises(CommandError, match="has no order with the PO number NOPE"):
        run("--user", "ana", "NOPE")
    with pytest.raises(CommandError, match="Give the previewed fingerprint: 4Z32PABC="):
        run("--user", "ana", "--confirm", "4Z32PABC")
    assert not Acknowledgement.objects.exists()


def test_a_chosen_reason_goes_into_the_preview_and_the_acknowledgement(orders, sent):
    out = run("--user", "ana", "4Z32PABC", "--reason", "1=ObsoleteProduct", "--json")
    plan = json.loads(out)["ready"][0]
    assert plan["lines"][0]["rejection_reason"] == "ObsoleteProduct"
    run(
        "--user", "ana", "--confirm", f"4Z32PABC={plan['fingerprint']}",
        "--reason", "1=ObsoleteProduct",
    )  # fmt: skip
    assert orders[0].lines.get().ack_rejection_reason == "ObsoleteProduct"
    with pytest.raises(CommandError, match="--reason 7=ObsoleteProduct: give LINE=REASON"):
        run("--user", "ana", "4Z32PABC", "--reason", "7=ObsoleteProduct")
