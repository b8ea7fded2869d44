"""Locations: the seller's own warehouses."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from vendorflow.catalog.models import Location
from vendorflow.catalog.services.common import (
    CsvImportError,
    ImportResult,
    changed_fields,
    error_text,
    log,
)
from vendorflow.lib.csvio import RowError, read_csv
from vendorflow.lib.models import max_length

LOCATION_FIELDS = [
    "code",
    "name",
    "address_line1",
    "address_line2",
    "city",
    "state_or_region",
    "postal_code",
    "country_code",
]
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9._-]*$")
MAX_LENGTHS = {name: max_length(Location, name) for name in LOCATION_FIELDS}


def normalise_location_code(code: str) -> str:
    return (code or "").strip().upper()


def clean_location_data(*, organization, data: dict, instance: Location | None = None) -> dict:
    """Trimmed values of every location field; raises ValidationError naming each bad field."""
    values = {name: str(data.get(name) or "").strip() for name in LOCATION_FIELDS}
    values["code"] = normalise_location_code(values["code"])
    values["country_code"] = values["country_code"].upper()
    errors = _field_errors(values)
    if not errors.get("code") and _code_taken(organization, values["code"], instance):
        errors["code"] = [f"A location with code {values['code']} already exists."]
    if not errors.get("code") and instance and values["code"] != instance.code:
        errors.update(_code_change_errors(instance))
    if errors:
        raise ValidationError(errors)
    return values


def _field_errors(values: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in ("code", "name"):
        if not values[name]:
            errors[name] = ["This field is required."]
    for name, value in values.items():
        if len(value) > MAX_LENGTHS[name]:
            errors[name] = [f"At most {MAX_LENGTHS[name]} characters (it has {len(value)})."]
    if values["code"] and "code" not in errors and not CODE_RE.match(values["code"]):
        errors["code"] = ["Use letters, digits, '.', '_' or '-' only (no spaces)."]
    country = values["country_code"]
    if country and not (len(country) == 2 and country.isalpha() and country.isascii()):
        errors["country_code"] = ["Use a two-letter ISO country code, e.g. IN."]
    return errors


def _code_taken(organization, code: str, instance: Location | None) -> bool:
    others = Location.objects.filter(organization=organization, code=code)
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    return others.exists()


def _code_change_errors(location: Location) -> dict[str, list[str]]:
    channels = channels_using(location)
    if not channels:
        return {}
    names = ", ".join(str(channel) for channel in channels)
    return {
        "code": [
            f"The code {location.code} cannot change: it is a warehouse code of {names}. "
            "Change the channel first."
        ]
    }


def channels_using(location: Location) -> list:
    from vendorflow.channels.models import AmazonChannel

    channels = AmazonChannel.objects.filter(organization_id=location.organization_id)
    return [channel for channel in channels if location.code in (channel.warehouse_codes or [])]


@transaction.atomic
def create_location(*, organization, actor, data: dict) -> Location:
    values = clean_location_data(organization=organization, data=data)
    location = _save(Location(organization=organization, **values))
    log(
        organization=organization,
        actor=actor,
        action="location.create",
        obj=location,
        changes=values,
    )
    return location


@transaction.atomic
def update_location(*, location: Location, actor, data: dict) -> Location:
    values = clean_location_data(organization=location.organization, data=data, instance=location)
    changes = changed_fields(location, values)
    if changes:
        _save(location)
        log(
            organization=location.organization,
            actor=actor,
            action="location.update",
            obj=location,
            changes=changes,
        )
    return location


def _save(location: Location) -> Location:
    try:
        with transaction.atomic():
            location.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"code": [f"A location with code {location.code} already exists."]}
        ) from exc
    return location


def location_usage(location: Location) -> list[str]:
    """Why a location cannot be deleted, one phrase per kind of use (empty when it can)."""
    uses = []
    orders = location.orders.count()
    if orders:
        uses.append(f"{orders} order(s)")
    mappings = location.warehouse_mappings.count()
    if mappings:
        uses.append(f"{mappings} warehouse-code mapping(s)")
    uses.extend(f"the channel {channel}" for channel in channels_using(location))
    return uses


@transaction.atomic
def delete_location(*, location: Location, actor) -> None:
    uses = location_usage(location)
    if uses:
        raise ValidationError(_in_use_message(location, uses))
    log(organization=location.organization, actor=actor, action="location.delete", obj=location)
    try:
        with transaction.atomic():
            location.delete()
    except ProtectedError as exc:
        raise ValidationError(_in_use_message(location, ["scans"])) from exc


def _in_use_message(location: Location, uses: list[str]) -> str:
    return f"Location {location.code} cannot be deleted: it is used by {', '.join(uses)}."


@transaction.atomic
def import_locations_csv(*, organization, actor, data: bytes | str) -> ImportResult:
    """Upsert locations by code. Any bad row rejects the whole file (CsvImportError)."""
    rows = read_csv(data, LOCATION_FIELDS[:2], LOCATION_FIELDS)
    existing = {loc.code: loc for loc in Location.objects.filter(organization=organization)}
    planned, errors = _plan_location_rows(organization, rows, existing)
    if errors:
        raise CsvImportError(errors)
    result = ImportResult()
    for values in planned:
        _apply_location_row(organization, actor, values, existing.get(values["code"]), result)
    return result


def _plan_location_rows(organization, rows, existing) -> tuple[list[dict], list[RowError]]:
    planned: list[dict] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        code = normalise_location_code(row.get("code", ""))
        if code and code in seen:
            errors.append(RowError(line, f"duplicate code {code} (also on line {seen[code]})"))
            continue
        seen[code] = line
        try:
            planned.append(_clean_row(organization, row, existing.get(code)))
        except ValidationError as exc:
            errors.append(RowError(line, error_text(exc)))
    return planned, errors


def _clean_row(organization, row: dict, instance: Location | None) -> dict:
    """A missing optional column keeps the stored value (or the default for a new location)."""
    default = instance or Location()
    data = {name: row.get(name, getattr(default, name)) for name in LOCATION_FIELDS}
    return clean_location_data(organization=organization, data=data, instance=instance)


def _apply_location_row(organization, actor, values, location, result: ImportResult) -> None:
    if location is None:
        location = _save(Location(organization=organization, **values))
        result.created.append(location)
        log(
            organization=organization,
            actor=actor,
            action="location.import",
            obj=location,
            changes=values,
        )
        return
    changes = changed_fields(location, values)
    if not changes:
        result.unchanged += 1
        return
    _save(location)
    result.updated.append(location)
    log(
        organization=organization,
        actor=actor,
        action="location.import",
        obj=location,
        changes=changes,
    )


def location_export_rows(organization):
    for location in Location.objects.filter(organization=organization).order_by("code"):
        yield [getattr(location, name) for name in LOCATION_FIELDS]
