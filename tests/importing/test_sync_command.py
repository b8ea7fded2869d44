from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from tests.importing.builders import FakeClient, channel_with_customer, fake_source, purchase_order
from vendorflow.integrations.amazon import jobs
from vendorflow.orders import dto
from vendorflow.orders.importing import import_purchase_orders

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


def test_the_command_syncs_inline_and_prints_the_summary(org, monkeypatch):
    channel, _, _ = channel_with_customer(org, backfill_days=2)
    client = FakeClient([[[purchase_order("PO1"), purchase_order("PO2", ship_to_party_id="NOPE")]]])
    monkeypatch.setattr(jobs, "amazon_source", lambda channel: fake_source(client))
    out = StringIO()

    with time_machine.travel(NOW, tick=False):
        call_command("sync", "--channel", str(channel.pk), "--kind", "created", stdout=out)

    assert out.getvalue() == (
        f"{channel} · New POs · Succeeded · 1 pages · 1 new, 0 changed, 0 unchanged, 1 held"
        " · window 2025-03-18 12:00 → 2025-03-20 12:00 UTC\n"
    )


def test_a_failed_sync_fails_the_command(org, monkeypatch):
    channel, _, _ = channel_with_customer(org)
    monkeypatch.setattr(
        jobs,
        "amazon_source",
        lambda channel: fake_source(FakeClient(error=ConnectionError("refused"))),
    )

    with pytest.raises(CommandError, match="Sync failed: ConnectionError: refused"):
        call_command("sync", "--channel", str(channel.pk), stdout=StringIO())


def test_an_unknown_channel_is_an_error(db):
    with pytest.raises(CommandError, match="There is no Amazon channel with id 42."):
        call_command("sync", "--channel", "42")


def test_a_resweep_summary_says_what_the_status_pass_closed(org, monkeypatch):
    channel, _, _ = channel_with_customer(org)
    import_purchase_orders(channel=channel, purchase_orders=[purchase_order("PO1")])
    statuses = [
        dto.PurchaseOrderStatus(po_number, True, "VEND1", NOW, ()) for po_number in ("PO1", "PO7")
    ]
    client = FakeClient(status_pages_per_call=[[statuses]])
    monkeypatch.setattr(jobs, "amazon_source", lambda channel: fake_source(client))
    out = StringIO()

    with time_machine.travel(NOW, tick=False):
        call_command("sync", "--channel", str(channel.pk), "--kind", "resweep", stdout=out)

    assert out.getvalue() == (
        f"{channel} · Daily re-sweep · Succeeded · 1 pages · 0 new, 0 changed, 0 unchanged, "
        "0 held, 1 closed (1 unknown) · window 2025-03-13 12:00 → 2025-03-20 12:00 UTC\n"
    )
