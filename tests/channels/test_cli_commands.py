"""Channel activation and exception reprocessing from the shell, as members."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests import factories
from vendorflow.accounts.models import AuditLog
from vendorflow.orders.models import ImportException


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_deactivate_then_activate_is_audited(org):
    factories.make_member(org, "manager", username="ana")
    channel = factories.make_channel(org)
    assert run("channel", "deactivate", str(channel.pk), "--user", "ana").endswith("inactive.\n")
    channel.refresh_from_db()
    assert channel.is_active is False
    run("channel", "activate", str(channel.pk), "--user", "ana")
    channel.refresh_from_db()
    assert channel.is_active is True
    assert AuditLog.objects.filter(actor__username="ana").count() == 2


def test_another_organizations_channel_or_an_operator_is_refused(org, other_org):
    factories.make_member(org, "manager", username="ana")
    factories.make_member(org, "operator", username="otto")
    theirs = factories.make_channel(other_org)
    with pytest.raises(CommandError, match=f"has no channel {theirs.pk}"):
        run("channel", "deactivate", str(theirs.pk), "--user", "ana")
    mine = factories.make_channel(org, vendor_code="VEND2")
    with pytest.raises(CommandError, match="needs the Manager role"):
        run("channel", "deactivate", str(mine.pk), "--user", "otto")
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.is_active and mine.is_active


def test_reprocess_reports_nothing_to_do_without_a_mapping(org):
    factories.make_member(org, "manager", username="ana")
    channel = factories.make_channel(org)
    ImportException.objects.create(
        organization=org,
        channel=channel,
        po_number="HELD0001",
        reason="no_customer",
        message="No customer",
        ship_to_code="DEL4",
        payload={},
    )
    assert run("reprocess", "--user", "ana", "--code", "del4") == "0 held POs became orders.\n"
    assert ImportException.objects.get().status == "open"
