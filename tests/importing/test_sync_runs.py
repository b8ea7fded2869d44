from datetime import UTC, datetime, timedelta

from tests.importing.builders import (
    FakeClient,
    changed,
    channel_with_customer,
    fake_source,
    purchase_order,
)
from vendorflow.channels.choices import SyncKind, SyncStatus
from vendorflow.channels.models import SyncState
from vendorflow.channels.sync import OVERLAP, run_sync
from vendorflow.orders import dto
from vendorflow.orders.models import ImportException, Order

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


def test_a_first_sync_imports_every_page_and_moves_the_cursor_to_the_window_end(org):
    channel, _, _ = channel_with_customer(org, vendor_code="VEND1", backfill_days=3)
    bad = dto.RejectedPurchaseOrder("PO4", "bad enum")
    client = FakeClient(
        [
            [
                [purchase_order("PO1"), purchase_order("PO2")],
                [purchase_order("PO3", ship_to_party_id="NOPE"), bad],
            ]
        ]
    )

    run = run_sync(channel=channel, kind=SyncKind.CREATED, source=fake_source(client), now=NOW)

    assert client.calls == [
        {
            "created_after": NOW - timedelta(days=3),
            "created_before": NOW,
            "vendor_code": "VEND1",
            "limit": 100,
        }
    ]
    assert run.status == SyncStatus.SUCCEEDED
    assert (run.pages, run.pos_new, run.pos_changed, run.pos_unchanged, run.pos_held) == (
        2,
        2,
        0,
        0,
        2,
    )
    assert (run.window_start, run.window_end) == (NOW - timedelta(days=3), NOW)
    assert run.finished_at is not None
    assert sorted(Order.objects.values_list("po_number", flat=True)) == ["PO1", "PO2"]
    assert ImportException.objects.count() == 2
    state = SyncState.objects.get(channel=channel)
    assert (state.created_cursor, state.changed_cursor) == (NOW, None)
    assert (state.last_sync_at, state.locked_until, state.lock_owner) == (NOW, None, "")


def test_the_next_sync_starts_an_overlap_before_the_cursor(org):
    channel, _, _ = channel_with_customer(org)
    SyncState.objects.create(channel=channel, created_cursor=NOW - timedelta(minutes=15))
    client = FakeClient([[[]]])

    run_sync(channel=channel, kind=SyncKind.CREATED, source=fake_source(client), now=NOW)

    assert client.calls[0]["created_after"] == NOW - timedelta(minutes=15) - OVERLAP
    assert SyncState.objects.get(channel=channel).created_cursor == NOW


def test_a_changed_sync_asks_for_changes_and_moves_only_its_own_cursor(org):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order("PO1")
    run_sync(
        channel=channel, kind=SyncKind.CREATED, source=fake_source(FakeClient([[[po]]])), now=NOW
    )
    client = FakeClient([[[changed(po)]]])
    later = NOW + timedelta(minutes=15)

    run = run_sync(channel=channel, kind=SyncKind.CHANGED, source=fake_source(client), now=later)

    assert set(client.calls[0]) == {"changed_after", "changed_before", "vendor_code", "limit"}
    assert client.calls[0]["changed_before"] == later
    assert (run.pos_changed, run.pos_new) == (1, 0)
    state = SyncState.objects.get(channel=channel)
    assert (state.created_cursor, state.changed_cursor) == (NOW, later)


def test_a_resweep_covers_the_last_seven_days_without_moving_cursors(org):
    channel, _, _ = channel_with_customer(org)
    SyncState.objects.create(channel=channel, created_cursor=NOW - timedelta(minutes=5))
    client = FakeClient([[[purchase_order("LATE1")]]])

    run = run_sync(channel=channel, kind=SyncKind.RESWEEP, source=fake_source(client), now=NOW)

    assert client.calls[0]["created_after"] == NOW - timedelta(days=7)
    assert run.pos_new == 1
    state = SyncState.objects.get(channel=channel)
    assert (state.created_cursor, state.last_resweep_at) == (NOW - timedelta(minutes=5), NOW)


def test_sync_now_runs_created_then_changed_in_one_run(org):
    channel, _, _ = channel_with_customer(org)
    client = FakeClient([[[purchase_order("PO1")]], [[]]])

    run = run_sync(channel=channel, kind=SyncKind.MANUAL, source=fake_source(client), now=NOW)

    assert [sorted(c)[0] for c in client.calls] == ["created_after", "changed_after"]
    assert run.status == SyncStatus.SUCCEEDED
    state = SyncState.objects.get(channel=channel)
    assert (state.created_cursor, state.changed_cursor) == (NOW, NOW)


def test_a_window_without_pages_still_moves_the_cursor(org):
    channel, _, _ = channel_with_customer(org)

    run = run_sync(
        channel=channel, kind=SyncKind.CREATED, source=fake_source(FakeClient([[]])), now=NOW
    )

    assert (run.status, run.pages, run.window_end) == (SyncStatus.SUCCEEDED, 0, NOW)
    assert SyncState.objects.get(channel=channel).created_cursor == NOW
