"""A channel without credentials is "Needs credentials": not polled, and a sync of it is refused
with what is missing (and, for a manager, whom to ask) before anything is queued or sent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories
from vendorflow.channels import sync
from vendorflow.channels.models import SyncRun
from vendorflow.integrations.amazon import jobs

pytestmark = pytest.mark.django_db


def _without_credentials(org, **kw):
    return factories.make_channel(org, client_secret="", refresh_token="", **kw)


def test_it_is_shown_as_needs_credentials_not_active(member_client, org):
    channel = _without_credentials(org)
    client = member_client("viewer")
    listing = client.get("/channels/").content.decode()
    page = client.get(f"/channels/{channel.pk}/").content.decode()
    assert "Needs credentials</span>" in listing
    assert ">Active<" not in listing
    assert "SP-API credentials missing: client secret, refresh token." in page
    assert "(not polled: needs credentials)" in page


def test_it_is_not_polled_while_a_ready_channel_is(org):
    ready = factories.make_channel(org, vendor_code="READY")
    _without_credentials(org, vendor_code="NOCRED")
    assert sync.due_channels() == [(ready.pk, ["created", "changed", "resweep"])]


def test_a_poll_task_for_it_does_nothing(org):
    channel = _without_credentials(org)
    calls = []
    runs = jobs.run_channel_poll(channel.pk, ["created"], source_factory=calls.append)
    assert runs == []
    assert calls == []
    assert not SyncRun.objects.exists()


def test_sync_now_explains_what_is_missing_and_whom_to_ask(member_client, org):
    factories.make_member(org, "admin", username="ana")
    channel = _without_credentials(org)
    client = member_client("manager")
    response = client.post(f"/channels/{channel.pk}/sync/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Channel VEND1 cannot sync yet: its SP-API credentials are missing (client secret, "
        "refresh token). Only an admin can enter credentials: ask ana."
    ]
    assert not SyncRun.objects.exists()
    html = response.content.decode()
    assert 'id="who-can-fix">Only an admin can enter credentials: ask ana.' in html
    assert f'href="/channels/{channel.pk}/edit/">Enter credentials' not in html


def test_an_admin_is_sent_to_the_edit_page(member_client, org):
    channel = _without_credentials(org)
    response = member_client("admin").post(f"/channels/{channel.pk}/sync/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Channel VEND1 cannot sync yet: its SP-API credentials are missing (client secret, "
        "refresh token). Enter them with Edit."
    ]
    assert f'href="/channels/{channel.pk}/edit/">Enter credentials' in response.content.decode()
    assert not SyncRun.objects.exists()


def test_the_api_refuses_the_sync_with_409(member_client, org):
    channel = _without_credentials(org)
    response = member_client("admin").post(f"/api/v1/sync/channels/{channel.pk}")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Channel VEND1 cannot sync yet: its SP-API credentials are missing (client "
        "secret, refresh token). Enter them with Edit."
    }
    assert not SyncRun.objects.exists()


def test_the_api_reports_the_state(member_client, org):
    channel = _without_credentials(org)
    body = member_client("viewer").get(f"/api/v1/channels/{channel.pk}").json()
    assert (body["state"], body["ready"], body["missing_credentials"]) == (
        "needs_credentials",
        False,
        ["client secret", "refresh token"],
    )
    assert body["not_ready_reason"] == "SP-API credentials missing: client secret, refresh token."


def test_a_queued_sync_reaching_the_worker_sends_nothing(org):
    channel = _without_credentials(org)
    run = sync.queue_run(channel=channel, kind="manual")
    calls = []
    result = jobs.run_channel_sync(channel.pk, "manual", source_factory=calls.append, run_id=run.pk)
    assert calls == []
    assert result is not None and result.pk == run.pk
    assert (result.status, result.error) == (
        "failed",
        "Channel VEND1 cannot sync yet: its SP-API credentials are missing (client secret, "
        "refresh token). Enter them with Edit.",
    )
    assert not hasattr(channel, "sync_state") or channel.sync_state.consecutive_failures == 0


def test_polling_copy_says_every_minute_for_one(member_client, org):
    channel = factories.make_channel(org, poll_interval_minutes=1)
    html = member_client("viewer").get(f"/channels/{channel.pk}/").content.decode()
    assert "every minute;" in html
    assert "every 1 minutes" not in html
    channel.poll_interval_minutes = 15
    channel.save()
    assert (
        "every 15 minutes;"
        in member_client("viewer").get(f"/channels/{channel.pk}/").content.decode()
    )


def test_a_ready_channel_still_syncs(member_client, org, django_capture_on_commit_callbacks):
    channel = factories.make_channel(org)
    channel.created_at = timezone.now() - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=False):
        response = member_client("manager").post(f"/channels/{channel.pk}/sync/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Sync queued: new and changed POs will appear in Orders shortly."
    ]
    assert list(SyncRun.objects.values_list("status", flat=True)) == ["queued"]
