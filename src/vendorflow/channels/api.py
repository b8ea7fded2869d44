"""/api/v1/channels: Amazon Retail B2B channels, sales channels and sync runs.

Secrets are write-only: accepted on create/update, never returned (`has_client_secret` instead).
Every field of the write schemas is lenient so that a malformed request never makes the
framework echo the request body (and a secret in it) back in a validation error; the service
validates and answers with field errors.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.views.decorators.debug import sensitive_variables
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import Field, field_validator

from vendorflow.accounts.api_auth import member_of
from vendorflow.accounts.choices import Role
from vendorflow.channels import services
from vendorflow.channels.models import AmazonChannel, SalesChannel, SyncRun
from vendorflow.lib.deprecation import deprecated
from vendorflow.lib.pagination import LimitOffsetPagination

router = Router(tags=["channels"])


class ChannelOut(Schema):
    id: int
    name: str
    vendor_code: str
    warehouse_codes: list[str]
    registered_emails: list[str]
    sales_channel_id: int
    sales_channel_name: str
    region: str
    lwa_client_id: str
    has_client_secret: bool
    has_refresh_token: bool
    endpoint_override: str
    lwa_endpoint_override: str
    is_active: bool
    polling_disabled_reason: str
    # active (synced and polled), needs_credentials (not polled; `not_ready_reason` says why) or
    # inactive
    state: str
    ready: bool
    not_ready_reason: str
    missing_credentials: list[str]
    connection_verdict: str  # of the last Test connection ("" if none yet)
    connection_message: str
    connection_tested_at: datetime | None
    poll_interval_minutes: int
    backfill_days: int
    send_asn: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_sales_channel_name(obj: AmazonChannel) -> str:
        return obj.sales_channel.name

    @staticmethod
    def resolve_has_client_secret(obj: AmazonChannel) -> bool:
        return bool(obj.client_secret_encrypted)

    @staticmethod
    def resolve_has_refresh_token(obj: AmazonChannel) -> bool:
        return bool(obj.refresh_token_encrypted)

    @staticmethod
    def resolve_state(obj: AmazonChannel) -> str:
        return obj.readiness.state

    @staticmethod
    def resolve_ready(obj: AmazonChannel) -> bool:
        return obj.readiness.ready

    @staticmethod
    def resolve_not_ready_reason(obj: AmazonChannel) -> str:
        return obj.readiness.reason


class ChannelPatch(Schema):
    """Fields to change; omitted fields (and blank secrets) stay as they are."""

    name: str | None = None
    vendor_code: str | None = None
    warehouse_codes: list[str] | str | None = None
    registered_emails: list[str] | str | None = None
    sales_channel_id: int | str | None = None
    region: str | None = None
    lwa_client_id: str | None = None
    client_secret: str | None = Field(None, repr=False)
    refresh_token: str | None = Field(None, repr=False)
    endpoint_override: str | None = None
    lwa_endpoint_override: str | None = None
    poll_interval_minutes: int | str | None = None
    backfill_days: int | str | None = None
    send_asn: bool | None = None

    @field_validator("client_secret", "refresh_token", mode="before")
    @classmethod
    def _secret_as_text(cls, value: Any) -> str | None:
        return None if value is None else str(value)


class ChannelIn(ChannelPatch):
    """A new channel: vendor_code, warehouse_codes, registered_emails, sales_channel_id needed."""


class SalesChannelIn(Schema):
    name: str | None = None


class SalesChannelOut(Schema):
    id: int
    name: str
    created_at: datetime


class SyncRunOut(Schema):
    id: int
    kind: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    window_start: datetime | None
    window_end: datetime | None
    pages: int
    api_calls: int
    pos_new: int
    pos_changed: int
    pos_unchanged: int
    pos_held: int
    closed: int
    closed_unknown: int
    closed_unreadable: int
    resumed_after_pages: int  # pages of an interrupted window an earlier run had committed
    error: str


@sensitive_variables("payload", "data")
def _service_kwargs(payload: ChannelPatch, *, partial: bool) -> dict[str, Any]:
    data = payload.dict(exclude_unset=partial)
    if "sales_channel_id" in data:
        data["sales_channel"] = data.pop("sales_channel_id")
    return data


@sensitive_variables("kwargs")
def _call(service, **kwargs):
    try:
        return service(**kwargs)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    except ValidationError as exc:
        raise _named_as_in_the_api(exc) from None


def _named_as_in_the_api(exc: ValidationError) -> ValidationError:
    """The services call it `sales_channel`; the API field is `sales_channel_id`."""
    if not hasattr(exc, "error_dict") or "sales_channel" not in exc.error_dict:
        return exc
    errors = dict(exc.error_dict)
    errors["sales_channel_id"] = errors.pop("sales_channel")
    return ValidationError(errors)


def _channel(member, channel_id: int) -> AmazonChannel:
    queryset = AmazonChannel.objects.select_related("sales_channel")
    return get_object_or_404(queryset, pk=channel_id, organization=member.organization)


# --- Channels -------------------------------------------------------------------------------


def _channels(request, vendor_code: str = ""):
    member = member_of(request, Role.VIEWER)
    channels = AmazonChannel.objects.filter(organization=member.organization)
    if vendor_code:
        channels = channels.filter(vendor_code=vendor_code.strip().upper())
    return channels.select_related("sales_channel").order_by("id")


@router.get("", response=list[ChannelOut])
@paginate(LimitOffsetPagination)
def list_channels(request, vendor_code: str = ""):
    """`vendor_code`: exactly this Amazon vendor code."""
    return _channels(request, vendor_code)


@router.get("/", response=list[ChannelOut], deprecated=True, operation_id="list_channels_old")
@deprecated("/api/v1/channels")
def list_channels_old(request):
    """Deprecated: use `GET /api/v1/channels` (the `{count, items}` page). A bare list."""
    return _channels(request)


@router.post("/", response={201: ChannelOut}, deprecated=True, operation_id="create_channel_old")
@deprecated("/api/v1/channels")
@sensitive_variables("payload")
def create_channel_old(request, payload: ChannelIn):
    """Deprecated: use `POST /api/v1/channels`."""
    return create_channel(request, payload)


@router.post("", response={201: ChannelOut})
@sensitive_variables("payload", "kwargs")
def create_channel(request, payload: ChannelIn):
    member = member_of(request, Role.MANAGER)
    kwargs = {k: v for k, v in _service_kwargs(payload, partial=False).items() if v is not None}
    for required in ("vendor_code", "warehouse_codes", "registered_emails", "sales_channel"):
        kwargs.setdefault(required, None)
    channel = _call(
        services.create_amazon_channel,
        organization=member.organization,
        actor=request.user,
        **kwargs,
    )
    return Status(201, channel)


@router.get("/{int:channel_id}", response=ChannelOut)
def get_channel(request, channel_id: int):
    return _channel(member_of(request, Role.VIEWER), channel_id)


@router.patch("/{int:channel_id}", response=ChannelOut)
@sensitive_variables("payload", "kwargs")
def update_channel(request, channel_id: int, payload: ChannelPatch):
    member = member_of(request, Role.MANAGER)
    channel = _channel(member, channel_id)
    kwargs = _service_kwargs(payload, partial=True)
    return _call(services.update_amazon_channel, channel=channel, actor=request.user, **kwargs)


@router.post("/{int:channel_id}/activate", response=ChannelOut)
def activate_channel(request, channel_id: int):
    member = member_of(request, Role.MANAGER)
    channel = _channel(member, channel_id)
    return services.set_channel_active(channel=channel, actor=request.user, active=True)


@router.post("/{int:channel_id}/deactivate", response=ChannelOut)
def deactivate_channel(request, channel_id: int):
    member = member_of(request, Role.MANAGER)
    channel = _channel(member, channel_id)
    return services.set_channel_active(channel=channel, actor=request.user, active=False)


@router.get("/{int:channel_id}/sync-runs", response=list[SyncRunOut])
@paginate(LimitOffsetPagination)
def list_sync_runs(request, channel_id: int):
    channel = _channel(member_of(request, Role.VIEWER), channel_id)
    return SyncRun.objects.filter(channel=channel, organization=channel.organization)


# --- Sales channels -------------------------------------------------------------------------


def _sales_channel(member, sales_channel_id: int) -> SalesChannel:
    return get_object_or_404(SalesChannel, pk=sales_channel_id, organization=member.organization)


@router.get("/sales-channels", response=list[SalesChannelOut])
def list_sales_channels(request):
    member = member_of(request, Role.VIEWER)
    return SalesChannel.objects.filter(organization=member.organization)


@router.post("/sales-channels", response={201: SalesChannelOut})
def create_sales_channel(request, payload: SalesChannelIn):
    member = member_of(request, Role.MANAGER)
    sales_channel = services.create_sales_channel(
        organization=member.organization, actor=request.user, name=payload.name or ""
    )
    return Status(201, sales_channel)


@router.get("/sales-channels/{int:sales_channel_id}", response=SalesChannelOut)
def get_sales_channel(request, sales_channel_id: int):
    return _sales_channel(member_of(request, Role.VIEWER), sales_channel_id)


@router.patch("/sales-channels/{int:sales_channel_id}", response=SalesChannelOut)
def rename_sales_channel(request, sales_channel_id: int, payload: SalesChannelIn):
    member = member_of(request, Role.MANAGER)
    sales_channel = _sales_channel(member, sales_channel_id)
    return services.rename_sales_channel(
        sales_channel=sales_channel, actor=request.user, name=payload.name or ""
    )


@router.delete("/sales-channels/{int:sales_channel_id}", response={204: None})
def delete_sales_channel(request, sales_channel_id: int):
    member = member_of(request, Role.MANAGER)
    sales_channel = _sales_channel(member, sales_channel_id)
    try:
        services.delete_sales_channel(sales_channel=sales_channel, actor=request.user)
    except ValidationError as exc:
        raise HttpError(409, " ".join(exc.messages)) from None
    return Status(204, None)
