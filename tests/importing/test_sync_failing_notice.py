from datetime import UTC, datetime, timedelta

from tests.importing.builders import FakeClient, channel_with_customer, fake_source
from vendorflow.channels.choices import SyncKind
from vendorflow.channels.models import SyncState
from vendorflow.channels.sync import run_sync

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


def _run(channel, n, error=None):
    source = fake_source(FakeClient(error=error))
    return run_sync(
        channel=channel, kind=SyncKind.CREATED, source=source, now=NOW + timedelta(minutes=n)
    )


def test_a_failing_sync_is_reported_once_per_streak(org, mailoutbox):
    channel, _, _ = channel_with_customer(org)
    for n in range(2):
        _run(channel, n, ConnectionError("simulator down"))
    assert mailoutbox == []

    _run(channel, 2, ConnectionError("simulator down"))
    _run(channel, 3, ConnectionError("simulator down"))
    assert [m.subject for m in mailoutbox] == [f"[vendorflow] Amazon sync failing for {channel}"]
    assert "Last error: ConnectionError: simulator down" in mailoutbox[0].body

    _run(channel, 4)
    state = SyncState.objects.get(channel=channel)
    assert (state.consecutive_failures, state.failure_notified_at) == (0, None)

    for n in range(5, 8):
        _run(channel, n, ConnectionError("again"))
    assert len(mailoutbox) == 2
