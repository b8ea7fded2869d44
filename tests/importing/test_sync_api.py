import pytest

from tests import factories
from vendorflow.channels.models import SyncRun
from vendorflow.integrations.amazon import jobs

pytestmark = pytest.mark.urls("tests.importing.urls")


@pytest.fixture
def sync(monkeypatch, django_capture_on_commit_callbacks):
    """POST to the sync endpoint; `sync.queued` lists the tasks queued on commit."""
    queued = []
    monkeypatch.setattr(jobs, "sync_channel", lambda *args: queued.append(args))

    def post(client, channel_id, query=""):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/api/v1/sync/channels/{channel_id}{query}")

    post.queued = queued
    return post


def test_a_manager_queues_a_sync(member_client, org, sync):
    channel = factories.make_channel(org)

    response = sync(member_client("manager"), channel.pk, "?kind=changed")

    run = SyncRun.objects.get()
    url = f"http://testserver/api/v1/sync/runs/{run.pk}"
    assert response.status_code == 202
    assert response["Location"] == url
    body = response.json()
    assert (body["channel_id"], body["kind"], body["queued"], body["run_url"]) == (
        channel.pk,
        "changed",
        True,
        url,
    )
    assert (body["run"]["id"], body["run"]["status"], body["run"]["kind"]) == (
        run.pk,
        "queued",
        "changed",
    )
    assert sync.queued == [(channel.pk, "changed", run.pk)]


def test_the_queued_run_is_the_one_the_worker_runs_and_can_be_followed(member_client, org, sync):
    channel = factories.make_channel(org)
    client = member_client("viewer")
    run_id = sync(member_client("manager"), channel.pk).json()["run"]["id"]

    jobs.run_channel_sync(channel.pk, "manual", source_factory=_failing_source, run_id=run_id)

    followed = client.get(f"/api/v1/sync/runs/{run_id}")
    assert followed.status_code == 200
    assert (followed.json()["status"], followed.json()["error"]) == (
        "failed",
        "RuntimeError: no connection",
    )
    assert SyncRun.objects.count() == 1


def test_another_organizations_run_is_not_found(member_client, other_org):
    channel = factories.make_channel(other_org)
    run = SyncRun.objects.create(organization=other_org, channel=channel, kind="manual")
    assert member_client("admin").get(f"/api/v1/sync/runs/{run.pk}").status_code == 404


def _failing_source(channel):
    raise RuntimeError("no connection")


def test_default_is_sync_now(member_client, org, sync):
    channel = factories.make_channel(org)

    sync(member_client("admin"), channel.pk)

    assert sync.queued == [(channel.pk, "manual", SyncRun.objects.get().pk)]


def test_operators_cannot_sync(member_client, org, sync):
    channel = factories.make_channel(org)

    assert sync(member_client("operator"), channel.pk).status_code == 403
    assert sync.queued == []


def test_other_organizations_channel_is_not_found(member_client, other_org, sync):
    channel = factories.make_channel(other_org)

    assert sync(member_client("manager"), channel.pk).status_code == 404
    assert sync.queued == []


def test_an_inactive_channel_is_refused(member_client, org, sync):
    channel = factories.make_channel(org, is_active=False)

    response = sync(member_client("manager"), channel.pk)

    assert response.status_code == 409
    assert response.json() == {"detail": "This channel is inactive; activate it before syncing."}
    assert sync.queued == []


def test_an_unknown_kind_is_rejected(member_client, org, sync):
    channel = factories.make_channel(org)

    assert sync(member_client("manager"), channel.pk, "?kind=all").status_code == 422
    assert sync.queued == []


def test_token_auth_works(client, org, sync):
    from vendorflow.accounts.models import ApiToken

    user = factories.make_member(org, "manager")
    ApiToken.objects.create(
        user=user, name="ci", prefix="abc", key_hash=ApiToken.hash_key("secret-key")
    )
    channel = factories.make_channel(org)

    with_token = client.post(
        f"/api/v1/sync/channels/{channel.pk}", HTTP_AUTHORIZATION="Bearer secret-key"
    )

    assert with_token.status_code == 202
    assert (
        client.post(
            f"/api/v1/sync/channels/{channel.pk}", HTTP_AUTHORIZATION="Bearer wrong"
        ).status_code
        == 401
    )
