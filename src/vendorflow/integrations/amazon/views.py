from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from vendorflow.accounts.choices import Role
from vendorflow.accounts.permissions import member_required
from vendorflow.channels.models import AmazonChannel
from vendorflow.integrations.amazon.sync_api import enqueue_sync


@require_POST
@member_required(Role.MANAGER)
def sync_now(request, channel_id: int):
    channel = get_object_or_404(AmazonChannel, pk=channel_id, organization=request.organization)
    if not channel.is_active:
        messages.error(request, "This channel is inactive; activate it before syncing.")
    else:
        enqueue_sync(channel=channel, kind="manual")
        messages.success(request, "Sync queued: new and changed POs will appear in Orders shortly.")
    return redirect("channels:detail", channel.pk)
