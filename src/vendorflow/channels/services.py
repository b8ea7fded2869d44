"""Every write to channels and sales channels, and the channel prerequisites check.

Secrets (client secret, refresh token) are only ever written through the model properties, which
encrypt them; they never appear in audit entries, messages, exceptions or logs.
"""

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from vendorflow.accounts import audit
from vendorflow.accounts.choices import Role, role_at_least
from vendorflow.catalog.models import Location, ProductMapping
from vendorflow.channels import readiness, sync, validation
from vendorflow.channels.choices import ConnectionVerdict, Region
from vendorflow.channels.models import AmazonChannel, SalesChannel
from vendorflow.customers.models import WarehouseCodeMapping

SECRET_FIELDS = ("client_secret", "refresh_token")
CONNECTION_FIELDS = ("region", "lwa_client_id", "endpoint_override", "lwa_endpoint_override")
# Only an admin may set or change these.
ADMIN_FIELDS = CONNECTION_FIELDS + SECRET_FIELDS
CREATE_DEFAULTS: dict[str, Any] = {
    "name": "",
    "region": Region.EU,
    "lwa_client_id": "",
    "client_secret": "",
    "refresh_token": "",
    "endpoint_override": "",
    "lwa_endpoint_override": "",
    "poll_interval_minutes": 15,
    "backfill_days": 7,
    "send_asn": False,
}


# --- Amazon Retail B2B channels -------------------------------------------------------------


@sensitive_variables("client_secret", "refresh_token", "values", "cleaned")
def create_amazon_channel(
    *,
    organization,
    actor,
    vendor_code: str,
    warehouse_codes,
    registered_emails,
    sales_channel,
    name: str = "",
    region: str = Region.EU,
    lwa_client_id: str = "",
    client_secret: str = "",
    refresh_token: str = "",
    endpoint_override: str = "",
    lwa_endpoint_override: str = "",
    poll_interval_minutes: int = 15,
    backfill_days: int = 7,
    send_asn: bool = False,
) -> AmazonChannel:
    values = {k: v for k, v in locals().items() if k not in ("organization", "actor")}
    given_admin = [f for f in ADMIN_FIELDS if values[f] != CREATE_DEFAULTS[f]]
    _require_admin_for(actor, organization, given_admin)
    cleaned = _clean(organization, values)
    channel = AmazonChannel(organization=organization)
    _assign(channel, cleaned)
    with transaction.atomic():
        _save_channel(channel)
        audit.record(
            organization=organization,
            actor=actor,
            action="channel.created",
            obj=channel,
            changes=_created_changes(cleaned),
        )
    readiness.note(channel)
    return channel


@sensitive_variables("client_secret", "refresh_token", "changes", "cleaned")
def update_amazon_channel(*, channel: AmazonChannel, actor, **changes: Any) -> AmazonChannel:
    """Change the given fields; `None` (and a blank secret) leaves a field as it is."""
    unknown = (
        set(changes)
        - set(CREATE_DEFAULTS)
        - {"vendor_code", "warehouse_codes", "registered_emails", "sales_channel"}
    )
    if unknown:
        raise TypeError(f"unknown channel fields: {', '.join(sorted(unknown))}")
    changes = {k: v for k, v in changes.items() if v is not None}
    changes = {k: v for k, v in changes.items() if not (k in SECRET_FIELDS and v == "")}
    cleaned = _clean(channel.organization, changes)
    diff = _diff(channel, cleaned)
    _require_admin_for(actor, channel.organization, [f for f in diff if f in ADMIN_FIELDS])
    if not diff:
        return channel
    _assign(channel, {f: cleaned[f] for f in diff})
    with transaction.atomic():
        _save_channel(channel)
        audit.record(
            organization=channel.organization,
            actor=actor,
            action="channel.updated",
            obj=channel,
            changes=diff,
        )
        if set(diff) & set(ADMIN_FIELDS):
            sync.resume_polling(channel=channel)
    readiness.note(channel)
    return channel


def set_channel_active(*, channel: AmazonChannel, actor, active: bool) -> AmazonChannel:
    if channel.is_active == active:
        return channel
    with transaction.atomic():
        channel.is_active = active
        if active:
            channel.polling_disabled_reason = ""
        channel.save(update_fields=["is_active", "polling_disabled_reason", "updated_at"])
        audit.record(
            organization=channel.organization,
            actor=actor,
            action="channel.activated" if active else "channel.deactivated",
            obj=channel,
            changes={"is_active": [not active, active]},
        )
    readiness.note(channel)
    return channel


# Verdicts that mean Amazon refuses the credentials: polling is paused until they work.
REFUSED_VERDICTS = (
    ConnectionVerdict.WRONG_CLIENT,
    ConnectionVerdict.REVOKED_TOKEN,
    ConnectionVerdict.ROLE_MISSING,
)


def record_connection_test(
    *, channel: AmazonChannel, actor, verdict: str, message: str
) -> AmazonChannel:
    """Keep a Test connection's verdict on the channel. Credentials Amazon refuses pause polling
    (the channel needs credentials); credentials that work resume it."""
    if verdict not in ConnectionVerdict.values:
        raise ValueError(f"unknown connection verdict {verdict!r}")
    with transaction.atomic():
        channel.connection_tested_at = timezone.now()
        channel.connection_verdict = verdict
        channel.connection_message = message[:2000]
        fields = ["connection_tested_at", "connection_verdict", "connection_message"]
        if verdict in REFUSED_VERDICTS:
            channel.polling_disabled_reason = f"Test connection: {message}"[:2000]
            fields.append("polling_disabled_reason")
        channel.save(update_fields=[*fields, "updated_at"])
        if verdict == ConnectionVerdict.OK and channel.polling_disabled_reason:
            sync.resume_polling(channel=channel)
        audit.record(
            organization=channel.organization,
            actor=actor,
            action="channel.connection_tested",
            obj=channel,
            changes={"verdict": verdict},
        )
    readiness.note(channel)
    return channel


def _require_admin_for(actor, organization, fields) -> None:
    if not fields:
        return
    member = getattr(actor, "membership", None)
    if member is None or member.organization_id != organization.id:
        raise PermissionDenied("You are not a member of this organization.")
    if not role_at_least(member.role, Role.ADMIN):
        raise PermissionDenied(
            f"Only an Admin can set credentials, region or endpoints ({', '.join(sorted(fields))})."
        )


def _cleaners(organization) -> dict:
    return {
        "name": lambda v: " ".join((v or "").split())[:100],
        "vendor_code": validation.clean_vendor_code,
        "warehouse_codes": partial(validation.clean_warehouse_codes, organization),
        "registered_emails": validation.clean_emails,
        "sales_channel": partial(_resolve_sales_channel, organization),
        "region": _clean_region,
        "lwa_client_id": lambda v: (v or "").strip(),
        "client_secret": lambda v: (v or "").strip(),
        "refresh_token": lambda v: (v or "").strip(),
        "endpoint_override": validation.clean_endpoint,
        "lwa_endpoint_override": validation.clean_endpoint,
        "poll_interval_minutes": partial(_clean_int, low=1, high=1440),
        "backfill_days": partial(_clean_int, low=1, high=180),
        "send_asn": _clean_bool,
    }


@sensitive_variables("values", "cleaned")
def _clean(organization, values: dict) -> dict:
    """Every field cleaned; all errors at once, keyed by field name."""
    cleaners = _cleaners(organization)
    cleaned, errors = {}, {}
    for field, value in values.items():
        try:
            cleaned[field] = cleaners[field](value)
        except ValidationError as exc:
            errors[field] = exc.messages
    if errors:
        raise ValidationError(errors)
    return cleaned


def _resolve_sales_channel(organization, value) -> SalesChannel:
    pk = value.pk if isinstance(value, SalesChannel) else value
    try:
        sales_channel = SalesChannel.objects.filter(organization=organization, pk=pk).first()
    except (TypeError, ValueError):  # not an id at all, e.g. "abc"
        sales_channel = None
    if sales_channel is None:
        raise ValidationError("Choose one of your sales channels.")
    return sales_channel


def _clean_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off", ""):
        return False
    raise ValidationError("Say true or false.")


def _clean_region(value: str) -> str:
    if value not in Region.values:
        raise ValidationError(f"Choose one of {', '.join(Region.values)}.")
    return value


def _clean_int(value, *, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError("Enter a whole number.") from None
    if not low <= number <= high:
        raise ValidationError(f"Enter a number from {low} to {high}.")
    return number


def _assign(channel: AmazonChannel, cleaned: dict) -> None:
    for field, value in cleaned.items():
        setattr(channel, field, value)  # secrets go through the encrypting properties


def _save_channel(channel: AmazonChannel) -> None:
    try:
        with transaction.atomic():
            channel.save()
    except IntegrityError:
        taken = AmazonChannel.objects.filter(
            organization=channel.organization, vendor_code=channel.vendor_code
        ).exclude(pk=channel.pk)
        if taken.exists():
            raise ValidationError(
                {"vendor_code": f"A channel with vendor code {channel.vendor_code} already exists."}
            ) from None
        raise


def _diff(channel: AmazonChannel, cleaned: dict) -> dict:
    """What really changes, as audit changes: [old, new], or "changed" for a secret."""
    diff: dict[str, Any] = {}
    for field, new in cleaned.items():
        if field in SECRET_FIELDS:
            if new and new != getattr(channel, field):
                diff[field] = "changed"
            continue
        old = getattr(channel, field)
        if old != new:
            diff[field] = [_audit_value(old), _audit_value(new)]
    return diff


def _created_changes(cleaned: dict) -> dict:
    changes = {f: _audit_value(v) for f, v in cleaned.items() if f not in SECRET_FIELDS and v != ""}
    changes.update({f: "set" for f in SECRET_FIELDS if cleaned.get(f)})
    return changes


def _audit_value(value):
    return str(value) if isinstance(value, SalesChannel) else value


# --- Sales channels -------------------------------------------------------------------------


def create_sales_channel(*, organization, actor, name: str) -> SalesChannel:
    sales_channel = SalesChannel(organization=organization)
    with transaction.atomic():
        _save_sales_channel(sales_channel, name)
        audit.record(
            organization=organization,
            actor=actor,
            action="sales_channel.created",
            obj=sales_channel,
            changes={"name": sales_channel.name},
        )
    return sales_channel


def rename_sales_channel(*, sales_channel: SalesChannel, actor, name: str) -> SalesChannel:
    old = sales_channel.name
    with transaction.atomic():
        _save_sales_channel(sales_channel, name)
        if sales_channel.name != old:
            audit.record(
                organization=sales_channel.organization,
                actor=actor,
                action="sales_channel.renamed",
                obj=sales_channel,
                changes={"name": [old, sales_channel.name]},
            )
    return sales_channel


def delete_sales_channel(*, sales_channel: SalesChannel, actor) -> None:
    """Refused while a channel or an order is filed under it (the PROTECT foreign keys)."""
    try:
        with transaction.atomic():
            audit.record(
                organization=sales_channel.organization,
                actor=actor,
                action="sales_channel.deleted",
                obj=sales_channel,
                changes={"name": sales_channel.name},
            )
            sales_channel.delete()
    except ProtectedError:
        raise ValidationError(_in_use_message(sales_channel)) from None


def _save_sales_channel(sales_channel: SalesChannel, name: str) -> None:
    try:
        name = validation.clean_sales_channel_name(name)
    except ValidationError as exc:
        raise ValidationError({"name": exc.messages}) from None
    clash = SalesChannel.objects.filter(
        organization=sales_channel.organization, name__iexact=name
    ).exclude(pk=sales_channel.pk)
    duplicate = ValidationError({"name": f"A sales channel named “{name}” already exists."})
    if clash.exists():
        raise duplicate
    sales_channel.name = name
    try:
        with transaction.atomic():
            sales_channel.save()
    except IntegrityError:
        raise duplicate from None


def _in_use_message(sales_channel: SalesChannel) -> str:
    channels = list(sales_channel.amazon_channels.values_list("vendor_code", flat=True))
    orders = sales_channel.orders.count()
    uses = []
    if channels:
        uses.append(f"channel{'s' if len(channels) > 1 else ''} {', '.join(channels)}")
    if orders:
        uses.append(f"{orders} order{'s' if orders > 1 else ''}")
    return f"“{sales_channel.name}” cannot be deleted: it is used by {' and '.join(uses)}."


# --- Prerequisites --------------------------------------------------------------------------


@dataclass(frozen=True)
class Prerequisite:
    """Something a channel still needs before its POs can flow, with where to fix it."""

    key: str
    message: str
    fix_url: str
    fix_label: str


def prerequisites(channel: AmazonChannel) -> list[Prerequisite]:
    checks = (
        _missing_credentials,
        _missing_locations,
        _missing_customer_mapping,
        _missing_product_mappings,
    )
    return [item for check in checks if (item := check(channel)) is not None]


def _missing_credentials(channel: AmazonChannel) -> Prerequisite | None:
    missing = channel.missing_credentials
    if not missing:
        return None
    return Prerequisite(
        "credentials",
        f"SP-API credentials missing: {', '.join(missing)}.",
        f"/channels/{channel.pk}/edit/",
        "Enter credentials",
    )


def _missing_locations(channel: AmazonChannel) -> Prerequisite | None:
    known = {
        code.upper()
        for code in Location.objects.filter(organization=channel.organization).values_list(
            "code", flat=True
        )
    }
    missing = [code for code in channel.warehouse_codes if code.upper() not in known]
    if not channel.warehouse_codes:
        return Prerequisite(
            "locations",
            "No warehouse code is set for this channel.",
            f"/channels/{channel.pk}/edit/",
            "Set warehouse codes",
        )
    if not missing:
        return None
    return Prerequisite(
        "locations",
        f"No location for warehouse code{'s' if len(missing) > 1 else ''} {', '.join(missing)}.",
        "/catalog/locations/",
        "Add locations",
    )


def _missing_customer_mapping(channel: AmazonChannel) -> Prerequisite | None:
    if WarehouseCodeMapping.objects.filter(organization=channel.organization).exists():
        return None
    return Prerequisite(
        "customer_mapping",
        "No customer is mapped to any marketplace warehouse code: every PO would be held as an "
        "import exception.",
        "/customers/warehouse-codes/",
        "Map warehouse codes",
    )


def _missing_product_mappings(channel: AmazonChannel) -> Prerequisite | None:
    if ProductMapping.objects.filter(channel=channel).exists():
        return None
    return Prerequisite(
        "product_mappings",
        "No products are mapped on this channel: order lines cannot be scanned until their "
        "ASINs are mapped.",
        f"/catalog/mappings/?channel={channel.pk}",
        "Map products",
    )
