import threading
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.importing.builders import FakeClient, channel_with_customer, fake_source, purchase_order
from vendorflow.channels import sync
from vendorflow.channels.choices import SyncKind, SyncStatus
from vendorflow.channels.models import SyncState

WAIT = 30  # seconds a test waits for a heartbeat thread before it fails


def test_the_lease_is_one_minute_renewed_every_twenty_seconds(settings):
    assert settings.SYNC_LEASE_SECONDS == 60
    assert sync.lease_length() == timedelta(minutes=1)
    assert sync.Heartbeat(channel_id=1, owner="me").every == 20


@pytest.mark.django_db(transaction=True)
def test_a_heartbeat_renews_the_lease_it_holds(org):
    channel, _, _ = channel_with_customer(org)
    taken_at = timezone.now() - timedelta(seconds=50)
    assert sync.acquire_lease(channel=channel, owner="me", now=taken_at)

    with sync.Heartbeat(channel_id=channel.pk, owner="me", every=0.01) as heartbeat:
        _wait_until(lambda: heartbeat.beats >= 2)

    state = SyncState.objects.get(channel=channel)
    assert state.lock_owner == "me"
    assert state.locked_until > taken_at + sync.lease_length() + timedelta(seconds=49)


@pytest.mark.django_db(transaction=True)
def test_a_heartbeat_stops_and_touches_nothing_once_the_lease_is_anothers(org):
    channel, _, _ = channel_with_customer(org)
    taken_at = timezone.now()
    assert sync.acquire_lease(channel=channel, owner="other", now=taken_at)

    heartbeat = sync.Heartbeat(channel_id=channel.pk, owner="me", every=0.01)
    with heartbeat:
        heartbeat._thread.join(WAIT)  # it ends on its own after its first beat
        assert not heartbeat._thread.is_alive()

    assert heartbeat.beats == 1
    state = SyncState.objects.get(channel=channel)
    assert (state.lock_owner, state.locked_until) == ("other", taken_at + sync.lease_length())


@pytest.mark.django_db(transaction=True)
def test_the_lease_is_renewed_while_a_slow_page_is_on_its_way(org, settings):
    settings.SYNC_LEASE_SECONDS = 3  # beats every second
    channel, _, _ = channel_with_customer(org)
    started = timezone.now()
    seen = []

    def slow_second_page(page_number):
        if page_number == 1:
            _wait_until(lambda: _locked_until(channel) > started + timedelta(seconds=3.5))
            seen.append(_locked_until(channel))

    client = FakeClient(
        [[[purchase_order("PO1")], [purchase_order("PO2")]]], on_page=slow_second_page
    )
    run = sync.run_sync(
        channel=channel, kind=SyncKind.CREATED, source=fake_source(client), owner="me"
    )

    assert run.status == SyncStatus.SUCCEEDED
    assert (run.pages, run.pos_new) == (2, 2)
    assert len(seen) == 1  # renewed by a beat, before the second page was written
    state = SyncState.objects.get(channel=channel)
    assert (state.lock_owner, state.locked_until) == ("", None)


def _locked_until(channel):
    return SyncState.objects.get(channel=channel).locked_until


def _wait_until(condition) -> None:
    done = threading.Event()
    deadline = timezone.now() + timedelta(seconds=WAIT)
    while not condition():
        assert timezone.now() < deadline, "the heartbeat did not beat"
        done.wait(0.01)
