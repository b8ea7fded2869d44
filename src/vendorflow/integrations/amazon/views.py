from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from vendorflow.accounts.choices import Role
from vendorflow.accounts.permissions import member_required
from vendorflow.channels import readiness
from vendorflow.channels.models import AmazonChannel
from vendorflow.integrations.amazon import connection
from vendorflow.integrations.amazon.sync_api import enqueue_sync


@require_POST
@member_required(Role.MANAGER)
def sync_now(request, channel_id: int):
    channel = get_object_or_404(AmazonChannel, pk=channel_id, organization=request.organization)
    refusal = readiness.sync_refusal(channel, admin=request.membership.has_role(Role.ADMIN))
    if refusal:
        messages.error(request, refusal)
    else:
        enqueue_sync(channel=channel, kind="manual")
        messages.success(request, "Sync queued: new and changed POs will appear in Orders shortly.")
    return redirect("channels:detail", channel.pk)


@require_POST
@member_required(Role.MANAGER)
def test_connection(request, channel_id: int):
    channel = get_object_or_404(AmazonChannel, pk=channel_id, organization=request.organization)
    verdict = connection.try_connection(channel=channel, actor=request.user)
    (messages.success if verdict.ok else messages.error)(request, verdict.message)
    return redirect("channels:detail", channel.pk)
