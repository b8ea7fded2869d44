"""Sync on demand over the API; mounted at /api/v1/sync."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from vendorflow.accounts.api_auth import member_of
from vendorflow.accounts.choices import Role
from vendorflow.channels.choices import SyncKind
from vendorflow.channels.models import AmazonChannel
from vendorflow.integrations.amazon import jobs

router = Router(tags=["sync"])


class SyncQueued(Schema):
    channel_id: int
    kind: SyncKind
    queued: bool


@router.post("/channels/{int:channel_id}", response={202: SyncQueued})
def sync_channel(request, channel_id: int, kind: SyncKind = SyncKind.MANUAL):
    """Queue a sync of the channel now (default: new, then changed POs)."""
    member = member_of(request, Role.MANAGER)
    channel = get_object_or_404(AmazonChannel, pk=channel_id, organization=member.organization)
    if not channel.is_active:
        raise HttpError(409, "This channel is inactive; activate it before syncing.")
    enqueue_sync(channel_id=channel.pk, kind=kind)
    return Status(202, {"channel_id": channel.pk, "kind": kind, "queued": True})


def enqueue_sync(*, channel_id: int, kind: str) -> None:
    """Queue the sync task once the surrounding transaction commits."""
    transaction.on_commit(lambda: jobs.sync_channel(channel_id, str(kind)))
