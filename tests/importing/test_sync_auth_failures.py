from datetime import UTC, datetime, timedelta

from tests.importing.builders import FakeAuthFailed, FakeClient, channel_with_customer, fake_source
from vendorflow.channels.choices import SyncKind, SyncStatus
from vendorflow.channels.models import AmazonChannel, SyncState
from vendorflow.channels.sync import due_channels, run_sync

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


def _fail(channel, n):
    source = fake_source(FakeClient(error=FakeAuthFailed("invalid_grant: refresh token revoked")))
    return run_sync(
        channel=channel, kind=SyncKind.CREATED, source=source, now=NOW + timedelta(minutes=n)
    )


def test_three_auth_failures_in_a_row_pause_polling_and_say_so_once(org, mailoutbox):
    channel, _, _ = channel_with_customer(
        org, registered_emails=["ops@example.com", "boss@example.com"]
    )

    runs = [_fail(channel, n) for n in range(2)]
    channel.refresh_from_db()
    assert channel.polling_disabled_reason == ""
    assert [r.status for r in runs] == [SyncStatus.FAILED, SyncStatus.FAILED]
    assert runs[0].error == "FakeAuthFailed: invalid_grant: refresh token revoked"

    _fail(channel, 2)
    channel.refresh_from_db()
    assert channel.polling_disabled_reason.startswith(
        "Amazon refused the credentials 3 times in a row"
    )
    assert channel.is_active is True
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == f"[vendorflow] Amazon polling paused for {channel}"
    assert mailoutbox[0].to == ["ops@example.com", "boss@example.com"]
    assert due_channels(NOW + timedelta(days=1)) == []

    _fail(channel, 3)
    assert len(mailoutbox) == 1


def test_a_successful_sync_resumes_polling(org):
    channel, _, _ = channel_with_customer(org)
    for n in range(3):
        _fail(channel, n)

    run = run_sync(
        channel=channel,
        kind=SyncKind.MANUAL,
        source=fake_source(FakeClient()),
        now=NOW + timedelta(hours=1),
    )

    assert run.status == SyncStatus.SUCCEEDED
    assert AmazonChannel.objects.get().polling_disabled_reason == ""
    state = SyncState.objects.get(channel=channel)
    assert (state.consecutive_failures, state.consecutive_auth_failures) == (0, 0)


def test_other_failures_between_auth_failures_break_the_streak(org):
    channel, _, _ = channel_with_customer(org)
    _fail(channel, 0)
    _fail(channel, 1)
    run_sync(
        channel=channel,
        kind=SyncKind.CREATED,
        source=fake_source(FakeClient(error=TimeoutError("read timeout"))),
        now=NOW,
    )
    _fail(channel, 3)

    assert AmazonChannel.objects.get().polling_disabled_reason == ""
    assert SyncState.objects.get(channel=channel).consecutive_auth_failures == 1
