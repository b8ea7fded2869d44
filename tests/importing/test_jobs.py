from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests import factories
from tests.importing.builders import FakeClient, channel_with_customer, fake_source, purchase_order
from vendorflow.channels.choices import SyncKind, SyncStatus
from vendorflow.channels.models import SyncRun, SyncState
from vendorflow.channels.sync import due_channels
from vendorflow.integrations.amazon import jobs
from vendorflow.orders.models import Order

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


class ClosingClient(FakeClient):
    closed = False

    def close(self):
        self.closed = True


@pytest.fixture
def amazon(monkeypatch):
    """Replace the live Amazon source with a fake client; returns the client."""
    client = ClosingClient([[[purchase_order("PO1")]], [[]], [[]]])
    monkeypatch.setattr(jobs, "amazon_source", lambda channel: fake_source(client))
    return client


def test_the_sync_task_runs_one_sync_and_closes_the_client(org, amazon):
    channel, _, _ = channel_with_customer(org)

    jobs.sync_channel.call_local(channel.pk, SyncKind.CREATED)

    run = SyncRun.objects.get()
    assert (run.kind, run.status, run.pos_new) == (SyncKind.CREATED, SyncStatus.SUCCEEDED, 1)
    assert amazon.closed is True
    jobs.sync_channel.call_local(channel.pk, SyncKind.CREATED)  # safe to run twice
    assert Order.objects.count() == 1


def test_a_missing_channel_is_skipped(db, amazon):
    assert jobs.run_channel_sync(999, SyncKind.CREATED) is None
    assert amazon.calls == []


def test_a_channel_that_cannot_connect_gets_a_failed_run(org, monkeypatch):
    channel, _, _ = channel_with_customer(org)

    def broken(channel):
        raise ValueError("The channel has no refresh token.")

    run = jobs.run_channel_sync(channel.pk, SyncKind.MANUAL, source_factory=broken)

    assert (run.status, run.error) == (
        SyncStatus.FAILED,
        "ValueError: The channel has no refresh token.",
    )
    assert SyncState.objects.get(channel=channel).consecutive_failures == 1


def test_a_poll_runs_each_kind_in_turn(org, amazon):
    channel, _, _ = channel_with_customer(org)

    jobs.poll_channel.call_local(channel.pk, ["created", "changed", "resweep"])

    assert list(SyncRun.objects.order_by("id").values_list("kind", "status")) == [
        ("created", "succeeded"),
        ("changed", "succeeded"),
        ("resweep", "succeeded"),
    ]


def test_a_paused_channel_is_not_polled(org, amazon):
    channel, _, _ = channel_with_customer(
        org, polling_disabled_reason="Amazon refused the credentials"
    )

    assert jobs.run_channel_poll(channel.pk, ["created"]) == []
    assert amazon.calls == []


def test_due_channels_are_queued_every_minute(org, monkeypatch):
    channel, _, _ = channel_with_customer(org)
    queued = []
    monkeypatch.setattr(jobs, "poll_channel", lambda *args: queued.append(args))

    jobs.sync_due_channels.call_local()

    assert queued == [(channel.pk, ["created", "changed", "resweep"])]


def test_which_channels_are_due(org):
    due = factories.make_channel(org, "DUE", poll_interval_minutes=15)
    SyncState.objects.create(
        channel=due,
        last_sync_at=NOW - timedelta(minutes=15),
        last_resweep_at=NOW - timedelta(hours=2),
    )
    recent = factories.make_channel(org, "RECENT", poll_interval_minutes=15)
    SyncState.objects.create(channel=recent, last_sync_at=NOW - timedelta(minutes=14))
    busy = factories.make_channel(org, "BUSY")
    SyncState.objects.create(channel=busy, locked_until=NOW + timedelta(minutes=1), lock_owner="x")
    factories.make_channel(org, "OFF", is_active=False)
    factories.make_channel(org, "PAUSED", polling_disabled_reason="credentials")
    fresh = factories.make_channel(org, "FRESH")

    assert due_channels(NOW) == [
        (due.pk, ["created", "changed"]),
        (fresh.pk, ["created", "changed", "resweep"]),
    ]


def test_reprocess_code_task(org):
    channel, _, _ = channel_with_customer(org)
    from vendorflow.orders.importing import import_purchase_orders

    import_purchase_orders(
        channel=channel, purchase_orders=[purchase_order("PO1", ship_to_party_id="DEL4")]
    )
    factories.map_warehouse(org, "DEL4", factories.make_customer(org, "AMZ-DEL4"))

    jobs.reprocess_code.call_local(org.pk, "DEL4")
    jobs.reprocess_code.call_local(org.pk, "DEL4")

    assert list(Order.objects.values_list("po_number", flat=True)) == ["PO1"]


def test_deadline_task(org, mailoutbox):
    channel = factories.make_channel(org)
    factories.make_order(
        channel, factories.make_customer(org), "PO1", lines=[{}], po_date=NOW - timedelta(hours=22)
    )

    with time_machine.travel(NOW, tick=False):
        jobs.notify_deadlines.call_local()
        jobs.notify_deadlines.call_local()

    assert len(mailoutbox) == 1


def test_a_sync_leaves_the_sqlite_planner_statistics_of_what_it_wrote(org, amazon):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's autovacuum keeps its own statistics")
    channel, _, _ = channel_with_customer(org)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")

    jobs.sync_channel.call_local(channel.pk, SyncKind.CREATED)

    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT idx FROM sqlite_stat1 WHERE tbl = 'orders_order'")
        analyzed = {row[0] for row in cursor.fetchall()}
    assert {"order_by_po_date", "order_by_status", "order_by_fc"} <= analyzed
