"""Sync on demand over the API; mounted at /api/v1/sync."""

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from vendorflow.accounts.api_auth import member_of
from vendorflow.accounts.choices import Role
from vendorflow.channels import readiness, sync
from vendorflow.channels.api import SyncRunOut
from vendorflow.channels.choices import SyncKind
from vendorflow.channels.models import AmazonChannel, SyncRun
from vendorflow.integrations.amazon import jobs

router = Router(tags=["sync"])


class SyncQueued(Schema):
    channel_id: int
    kind: SyncKind
    queued: bool
    run: SyncRunOut
    run_url: str


@router.post("/channels/{int:channel_id}", response={202: SyncQueued})
def sync_channel(
    request, response: HttpResponse, channel_id: int, kind: SyncKind = SyncKind.MANUAL
):
    """Queue a sync of the channel now (default: new, then changed POs). Answers with the run it
    queued; follow it at `run_url` (also the `Location` header) until it has finished. 409 for
    an inactive channel or one without credentials, with what is missing and who can fix it."""
    member = member_of(request, Role.MANAGER)
    channel = get_object_or_404(AmazonChannel, pk=channel_id, organization=member.organization)
    refusal = readiness.sync_refusal(channel, admin=member.has_role(Role.ADMIN))
    if refusal:  # inactive, or without credentials: nothing is queued
        raise HttpError(409, refusal)
    run = enqueue_sync(channel=channel, kind=kind)
    url = run_url(request, run)
    response["Location"] = url
    return Status(
        202, {"channel_id": channel.pk, "kind": kind, "queued": True, "run": run, "run_url": url}
    )


@router.get("/runs/{int:run_id}", response=SyncRunOut)
def get_run(request, run_id: int):
    """One sync run: queued, running, then succeeded, failed (with its error) or skipped."""
    member = member_of(request, Role.VIEWER)
    return get_object_or_404(SyncRun, pk=run_id, organization=member.organization)


def enqueue_sync(*, channel: AmazonChannel, kind: str) -> SyncRun:
    """Record the run (queued) and queue the sync task once the surrounding transaction
    commits."""
    run = sync.queue_run(channel=channel, kind=str(kind))
    channel_id, run_id = channel.pk, run.pk
    transaction.on_commit(lambda: jobs.sync_channel(channel_id, str(kind), run_id))
    return run


def run_url(request, run: SyncRun) -> str:
    return request.build_absolute_uri(reverse("api:get_run", args=[run.pk]))
