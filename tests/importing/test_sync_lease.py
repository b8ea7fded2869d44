from datetime import UTC, datetime, timedelta

from tests.importing.builders import FakeClient, channel_with_customer, fake_source, purchase_order
from vendorflow.channels.choices import SyncKind, SyncStatus
from vendorflow.channels.models import SyncRun, SyncState
from vendorflow.channels.sync import acquire_lease, lease_length, release_lease, run_sync
from vendorflow.orders.models import Order

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


def test_a_sync_while_another_holds_the_lease_is_recorded_as_skipped(org):
    channel, _, _ = channel_with_customer(org)
    assert acquire_lease(channel=channel, owner="worker-a", now=NOW)
    client = FakeClient([[[purchase_order("PO1")]]])

    run = run_sync(
        channel=channel,
        kind=SyncKind.CREATED,
        source=fake_source(client),
        now=NOW,
        owner="worker-b",
    )

    assert run.status == SyncStatus.SKIPPED
    assert client.calls == []
    assert not Order.objects.exists()
    state = SyncState.objects.get(channel=channel)
    assert (state.lock_owner, state.locked_until, state.created_cursor) == (
        "worker-a",
        NOW + lease_length(),
        None,
    )
    assert list(SyncRun.objects.values_list("status", flat=True)) == [SyncStatus.SKIPPED]


def test_only_one_of_two_owners_gets_the_lease_until_it_is_released(org):
    channel, _, _ = channel_with_customer(org)

    assert acquire_lease(channel=channel, owner="a", now=NOW) is True
    assert acquire_lease(channel=channel, owner="b", now=NOW) is False
    release_lease(channel=channel, owner="b")  # not b's to release
    assert acquire_lease(channel=channel, owner="b", now=NOW) is False
    release_lease(channel=channel, owner="a")
    assert acquire_lease(channel=channel, owner="b", now=NOW) is True


def test_a_stale_lease_expires(org):
    channel, _, _ = channel_with_customer(org)
    acquire_lease(channel=channel, owner="crashed", now=NOW - lease_length() - timedelta(seconds=1))

    run = run_sync(
        channel=channel, kind=SyncKind.CREATED, source=fake_source(FakeClient([[[]]])), now=NOW
    )

    assert run.status == SyncStatus.SUCCEEDED


def test_a_sync_that_loses_its_lease_mid_run_rolls_back_the_page_and_stops(org):
    channel, _, _ = channel_with_customer(org)

    def stolen(page_number):
        if page_number == 1:
            SyncState.objects.filter(channel=channel).update(lock_owner="usurper")

    client = FakeClient([[[purchase_order("PO1")], [purchase_order("PO2")]]], on_page=stolen)
    run = run_sync(
        channel=channel, kind=SyncKind.CREATED, source=fake_source(client), now=NOW, owner="me"
    )

    assert run.status == SyncStatus.FAILED
    assert run.error.startswith("LeaseLost: Another worker took over")
    assert list(Order.objects.values_list("po_number", flat=True)) == ["PO1"]
    state = SyncState.objects.get(channel=channel)
    assert (state.lock_owner, state.created_cursor) == ("usurper", None)
