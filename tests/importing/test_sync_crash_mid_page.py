from datetime import UTC, datetime, timedelta

from tests.importing.builders import FakeClient, channel_with_customer, fake_source, purchase_order
from vendorflow.channels.choices import SyncKind, SyncStatus
from vendorflow.channels.models import SyncState
from vendorflow.channels.sync import run_sync
from vendorflow.orders import importing
from vendorflow.orders.models import Order, OrderEvent, OrderLine

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


def _pages():
    return [
        [purchase_order("PO1"), purchase_order("PO2")],
        [purchase_order("PO3"), purchase_order("PO4")],
    ]


def test_a_crash_inside_a_page_writes_nothing_of_it_and_keeps_the_cursor(org, monkeypatch):
    channel, _, _ = channel_with_customer(org)
    real_insert = importing.insert_rows
    calls = {"events": 0}

    def crash_on_second_page_events(model, rows):
        if model is OrderEvent:
            calls["events"] += 1
            if calls["events"] == 2:
                raise RuntimeError("worker killed")
        real_insert(model, rows)

    monkeypatch.setattr(importing, "insert_rows", crash_on_second_page_events)
    run = run_sync(
        channel=channel, kind=SyncKind.CREATED, source=fake_source(FakeClient([_pages()])), now=NOW
    )

    assert run.status == SyncStatus.FAILED
    assert run.error == "RuntimeError: worker killed"
    assert sorted(Order.objects.values_list("po_number", flat=True)) == ["PO1", "PO2"]
    assert OrderLine.objects.count() == 4
    state = SyncState.objects.get(channel=channel)
    assert (state.created_cursor, state.lock_owner, state.consecutive_failures) == (None, "", 1)
    window = (NOW - timedelta(days=7), NOW)
    assert (state.resume_phase, state.resume_window_start, state.resume_window_end) == (
        "created_cursor",
        *window,
    )
    assert (state.resume_token, state.resume_pages) == ("token-1", 1)

    monkeypatch.setattr(importing, "insert_rows", real_insert)
    later = NOW + timedelta(minutes=15)
    client = FakeClient([_pages()])
    rerun = run_sync(channel=channel, kind=SyncKind.CREATED, source=fake_source(client), now=later)

    assert rerun.status == SyncStatus.SUCCEEDED
    # The second page only: the first, already in, is not asked for or written again.
    first = client.calls[0]
    assert (first["created_after"], first["created_before"], first["next_token"]) == (
        *window,
        "token-1",
    )
    assert (rerun.pos_new, rerun.pos_unchanged, rerun.resumed_after_pages) == (2, 0, 1)
    assert sorted(Order.objects.values_list("po_number", flat=True)) == ["PO1", "PO2", "PO3", "PO4"]
    assert OrderLine.objects.count() == 8
    assert OrderEvent.objects.count() == 4
    state = SyncState.objects.get(channel=channel)
    assert (state.created_cursor, state.resume_phase, state.resume_token) == (later, "", "")
