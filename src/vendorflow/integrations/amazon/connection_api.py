"""Test connection over the API; mounted at /api/v1/channels beside the channels' own router."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from vendorflow.accounts.api_auth import member_of
from vendorflow.accounts.choices import Role
from vendorflow.channels.choices import ConnectionVerdict
from vendorflow.channels.models import AmazonChannel
from vendorflow.integrations.amazon import connection

router = Router(tags=["channels"])


class ConnectionTestOut(Schema):
    channel_id: int
    ok: bool
    verdict: ConnectionVerdict
    message: str
    tested_at: datetime
    ready: bool  # whether the channel can sync now (and is polled)
    state: str  # active, needs_credentials or inactive


@router.post("/{int:channel_id}/test-connection", response=ConnectionTestOut)
def check_connection(request, channel_id: int):
    """Log in with the channel's credentials and make one tiny call (getPurchaseOrders, limit 1),
    each tried once. `verdict`: ok, missing_credentials, wrong_client (LWA invalid_client),
    revoked_token (LWA invalid_grant), role_missing (SP-API 403 Unauthorized), unreachable (DNS,
    refused connection, timeout), throttled or amazon_error; `message` says it in plain language.
    Refused credentials pause polling; working ones resume it."""
    member = member_of(request, Role.MANAGER)
    channel = get_object_or_404(AmazonChannel, pk=channel_id, organization=member.organization)
    verdict = connection.try_connection(channel=channel, actor=request.user)
    state = channel.readiness
    assert channel.connection_tested_at is not None
    return {
        "channel_id": channel.pk,
        "ok": verdict.ok,
        "verdict": verdict.verdict,
        "message": verdict.message,
        "tested_at": channel.connection_tested_at,
        "ready": state.ready,
        "state": state.state,
    }
