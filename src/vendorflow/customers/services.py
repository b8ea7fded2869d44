"""Customer Master writes: customers, shipping addresses, warehouse-code mappings, CSV import.

Every warehouse-code mapping write goes through `_write_mapping`, reached only from
`save_warehouse_mapping` and `import_customers_csv`; both return the codes that became mapped
(created, moved to another customer or re-pointed to another location), so POs held for those
codes can be reprocessed by the caller.
"""

import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from vendorflow.accounts import audit
from vendorflow.accounts.models import Organization
from vendorflow.catalog.models import Location
from vendorflow.customers.models import Customer, ShippingAddress, WarehouseCodeMapping
from vendorflow.customers.validators import normalize_warehouse_code, validate_warehouse_code
from vendorflow.lib.csvio import CsvFormatError, RowError, read_csv
from vendorflow.orders.importing import reprocess_exceptions
from vendorflow.orders.models import Order

ADDRESS_FIELDS = (
    "address_line1",
    "address_line2",
    "city",
    "state_or_region",
    "postal_code",
    "country_code",
)
CUSTOMER_FIELDS = ("code", "name", "tax_id", "contact_email", "contact_phone", *ADDRESS_FIELDS)
SHIPPING_FIELDS = ("label", *ADDRESS_FIELDS)

logger = logging.getLogger(__name__)


def _assign(obj, fields: Mapping[str, Any], allowed: tuple[str, ...]) -> dict[str, list]:
    """Set the allowed fields (strings stripped); return {field: [old, new]} for what changed."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError({"__all__": f"Unknown field(s): {', '.join(sorted(unknown))}."})
    before = {name: getattr(obj, name) for name in allowed}
    for name, value in fields.items():
        setattr(
            obj, name, value.strip() if isinstance(value, str) else ("" if value is None else value)
        )
    return before


def _diff(obj, before: dict[str, Any]) -> dict[str, list]:
    return {
        name: [old, getattr(obj, name)] for name, old in before.items() if getattr(obj, name) != old
    }


def _code_taken(customer: Customer) -> ValidationError:
    other = Customer.objects.filter(organization=customer.organization, code=customer.code).first()
    owner = f" by {other.name}" if other else ""
    return ValidationError({"code": f"Customer code {customer.code} is already used{owner}."})


def _save_customer(customer: Customer) -> None:
    customer.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            customer.save()
    except IntegrityError as exc:
        raise _code_taken(customer) from exc


@transaction.atomic
def create_customer(*, organization: Organization, actor, fields: Mapping[str, Any]) -> Customer:
    customer = Customer(organization=organization)
    _assign(customer, fields, CUSTOMER_FIELDS)
    _save_customer(customer)
    changes = {name: getattr(customer, name) for name in CUSTOMER_FIELDS if getattr(customer, name)}
    audit.record(
        organization=organization,
        actor=actor,
        action="customer.created",
        obj=customer,
        changes=changes,
    )
    return customer


@transaction.atomic
def update_customer(*, customer: Customer, actor, fields: Mapping[str, Any]) -> Customer:
    """Apply `fields` to the stored row (locked), whatever the state of the `customer` instance."""
    customer = Customer.objects.select_for_update().get(pk=customer.pk)
    before = _assign(customer, fields, CUSTOMER_FIELDS)
    _save_customer(customer)
    changes = _diff(customer, before)
    if "name" in changes:
        # Orders keep their customer's name to sort by it (orders/models.Order.customer_name).
        Order.objects.filter(customer=customer).update(customer_name=customer.name)
    if changes:
        audit.record(
            organization=customer.organization,
            actor=actor,
            action="customer.updated",
            obj=customer,
            changes=changes,
        )
    return customer


@transaction.atomic
def delete_customer(*, customer: Customer, actor) -> None:
    """Delete a customer with its addresses and mappings; refused while it has orders."""
    codes = list(customer.warehouse_mappings.values_list("code", flat=True))
    record = {"code": customer.code, "name": customer.name, "warehouse_codes": codes}
    entry = audit.record(
        organization=customer.organization,
        actor=actor,
        action="customer.deleted",
        obj=customer,
        changes=record,
    )
    try:
        with transaction.atomic():
            customer.delete()
    except ProtectedError as exc:
        entry.delete()
        count = len(exc.protected_objects)
        raise ValidationError(
            f"{customer} cannot be deleted: it has {count} order{'s' if count != 1 else ''}. "
            "Orders keep their customer; leave this customer in place."
        ) from exc


@transaction.atomic
def add_shipping_address(
    *, customer: Customer, actor, fields: Mapping[str, Any]
) -> ShippingAddress:
    address = ShippingAddress(customer=customer)
    _assign(address, fields, SHIPPING_FIELDS)
    address.full_clean()
    address.save()
    audit.record(
        organization=customer.organization,
        actor=actor,
        action="shipping_address.added",
        obj=address,
        changes={
            "customer": customer.code,
            **{n: getattr(address, n) for n in SHIPPING_FIELDS if getattr(address, n)},
        },
    )
    return address


@transaction.atomic
def update_shipping_address(
    *, address: ShippingAddress, actor, fields: Mapping[str, Any]
) -> ShippingAddress:
    address = (
        ShippingAddress.objects.select_for_update().select_related("customer").get(pk=address.pk)
    )
    before = _assign(address, fields, SHIPPING_FIELDS)
    address.full_clean()
    address.save()
    changes = _diff(address, before)
    if changes:
        audit.record(
            organization=address.customer.organization,
            actor=actor,
            action="shipping_address.updated",
            obj=address,
            changes={"customer": address.customer.code, **changes},
        )
    return address


@transaction.atomic
def delete_shipping_address(*, address: ShippingAddress, actor) -> None:
    audit.record(
        organization=address.customer.organization,
        actor=actor,
        action="shipping_address.deleted",
        obj=address,
        changes={"customer": address.customer.code, "address": address.address_text()},
    )
    address.delete()


# Warehouse-code mappings -------------------------------------------------------------------


def _check_same_organization(
    organization: Organization, customer: Customer, location: Location | None
) -> None:
    if customer.organization_id != organization.pk:
        raise ValidationError({"customer": "Choose a customer of your organization."})
    if location is not None and location.organization_id != organization.pk:
        raise ValidationError({"location": "Choose a location of your organization."})


def _already_mapped(organization: Organization, code: str) -> ValidationError:
    current = (
        WarehouseCodeMapping.objects.filter(organization=organization, code=code)
        .select_related("customer")
        .first()
    )
    owner = (
        f"customer {current.customer.code} ({current.customer.name})"
        if current
        else "another customer"
    )
    return ValidationError({"code": f"Warehouse code {code} is already mapped to {owner}."})


def _write_mapping(
    *,
    organization: Organization,
    actor,
    code: str,
    customer: Customer,
    location: Location | None,
    mapping: WarehouseCodeMapping | None,
) -> bool:
    """The one place a mapping row is written. True when the code's mapping changed."""
    created = mapping is None
    mapping = mapping or WarehouseCodeMapping(organization=organization)
    before = {
        "code": mapping.code,
        "customer": _customer_code(mapping),
        "location": _location_code(mapping),
    }
    mapping.code, mapping.customer, mapping.location = code, customer, location
    after = {
        "code": code,
        "customer": customer.code,
        "location": location.code if location else None,
    }
    if not created and before == after:
        return False
    try:
        with transaction.atomic():
            mapping.save()
    except IntegrityError as exc:
        raise _already_mapped(organization, code) from exc
    changes = (
        after if created else {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    )
    action = "warehouse_mapping.created" if created else "warehouse_mapping.updated"
    audit.record(
        organization=organization, actor=actor, action=action, obj=mapping, changes=changes
    )
    return True


def _customer_code(mapping: WarehouseCodeMapping) -> str | None:
    return mapping.customer.code if mapping.customer_id else None


def _location_code(mapping: WarehouseCodeMapping) -> str | None:
    return mapping.location.code if mapping.location is not None else None


@transaction.atomic
def save_warehouse_mapping(
    *,
    organization: Organization,
    actor,
    code: str,
    customer: Customer,
    location: Location | None = None,
    mapping: WarehouseCodeMapping | None = None,
) -> list[str]:
    """Create (mapping=None) or change a mapping. Returns the codes that became mapped.

    That is `[code]` when the mapping was created or changed, `[]` when nothing changed.
    """
    code = normalize_warehouse_code(code)
    validate_warehouse_code(code)
    _check_same_organization(organization, customer, location)
    if mapping is not None:
        mapping = (
            WarehouseCodeMapping.objects.select_for_update(of=("self",))
            .select_related("customer", "location")
            .filter(pk=mapping.pk, organization=organization)
            .first()
        )
        if mapping is None:
            raise ValidationError({"code": "No such warehouse-code mapping in your organization."})
    changed = _write_mapping(
        organization=organization,
        actor=actor,
        code=code,
        customer=customer,
        location=location,
        mapping=mapping,
    )
    mapped = [code] if changed else []
    _reprocess_held_orders(organization, mapped)
    return mapped


@transaction.atomic
def map_code_to_new_customer(
    *,
    organization: Organization,
    actor,
    code: str,
    fields: Mapping[str, Any],
    location: Location | None = None,
) -> tuple[Customer, list[str]]:
    """Create a customer and map FC `code` to it in one step ("Map a code" for an FC that has
    no customer yet). The POs held for the code import once this commits.

    The new customer's field errors are named `new_customer.<field>`."""
    code = normalize_warehouse_code(code)
    validate_warehouse_code(code)
    if WarehouseCodeMapping.objects.filter(organization=organization, code=code).exists():
        raise _already_mapped(organization, code)
    try:
        customer = create_customer(organization=organization, actor=actor, fields=fields)
    except ValidationError as exc:
        raise _as_new_customer_errors(exc) from exc
    mapped = save_warehouse_mapping(
        organization=organization, actor=actor, code=code, customer=customer, location=location
    )
    return customer, mapped


def _as_new_customer_errors(exc: ValidationError) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return ValidationError({"new_customer": exc.messages})
    return ValidationError(
        {f"new_customer.{name}": messages for name, messages in exc.message_dict.items()}
    )


@transaction.atomic
def delete_warehouse_mapping(*, mapping: WarehouseCodeMapping, actor) -> None:
    audit.record(
        organization=mapping.organization,
        actor=actor,
        action="warehouse_mapping.deleted",
        obj=mapping,
        changes={"code": mapping.code, "customer": mapping.customer.code},
    )
    mapping.delete()


# CSV import and export ---------------------------------------------------------------------

CSV_COLUMNS = (*CUSTOMER_FIELDS[:5], *ADDRESS_FIELDS, "warehouse_codes")
CODE_SEPARATORS = re.compile(r"[|;]")


class CustomerImportError(Exception):
    """The file was rejected as a whole; `errors` are 'line N: reason' strings."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} problem(s) in the file")
        self.errors = [str(error) for error in errors]


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)  # customer codes
    updated: list[str] = field(default_factory=list)
    mapped_codes: list[str] = field(default_factory=list)  # warehouse codes that became mapped


@dataclass
class _Row:
    line: int
    customer: Customer
    fields: dict[str, str]
    codes: list[str]


def _split_codes(raw: str) -> list[str]:
    return [normalize_warehouse_code(part) for part in CODE_SEPARATORS.split(raw) if part.strip()]


def _row_problems(customer: Customer, codes: list[str]) -> list[str]:
    problems = []
    if not customer.code:
        problems.append("code is required")
    if not customer.name:
        problems.append("name is required")
    try:
        customer.full_clean(
            validate_constraints=False,
            exclude=[n for n in ("code", "name") if not getattr(customer, n)],
        )
    except ValidationError as exc:
        problems += [f"{name}: {msg}" for name, msgs in exc.message_dict.items() for msg in msgs]
    for code in codes:
        try:
            validate_warehouse_code(code)
        except ValidationError as exc:
            problems.append(f"warehouse_codes: {exc.message_dict['code'][0]}")
    return problems


def _parse_rows(organization: Organization, records) -> tuple[list[_Row], list[RowError]]:
    existing = {c.code: c for c in Customer.objects.filter(organization=organization)}
    rows, errors = [], []
    for line, values in records:
        fields = {name: values[name] for name in CUSTOMER_FIELDS if name in values}
        codes = _split_codes(values.get("warehouse_codes", ""))
        customer = existing.get(fields.get("code", "")) or Customer(organization=organization)
        _assign(customer, fields, CUSTOMER_FIELDS)
        errors += [RowError(line, problem) for problem in _row_problems(customer, codes)]
        rows.append(_Row(line, customer, fields, codes))
    return rows, errors


def _duplicate_problems(rows: list[_Row]) -> list[RowError]:
    errors: list[RowError] = []
    customer_lines: dict[str, int] = {}
    code_lines: dict[str, int] = {}
    for row in rows:
        code = row.customer.code
        if code and code in customer_lines:
            errors.append(
                RowError(row.line, f"customer code {code} is also on line {customer_lines[code]}")
            )
        customer_lines.setdefault(code, row.line)
        for wh in row.codes:
            if wh in code_lines:
                where = (
                    "earlier in this row"
                    if code_lines[wh] == row.line
                    else f"on line {code_lines[wh]}"
                )
                errors.append(
                    RowError(row.line, f"warehouse code {wh} is listed twice (also {where})")
                )
            code_lines.setdefault(wh, row.line)
    return errors


def _mapping_conflicts(organization: Organization, rows: list[_Row]) -> list[RowError]:
    """A code may move between customers of this file, never away from a customer not in it."""
    in_file = {row.customer.code for row in rows}
    wanted = {code: row for row in rows for code in row.codes}
    current = WarehouseCodeMapping.objects.filter(
        organization=organization, code__in=wanted
    ).select_related("customer")
    return [
        RowError(
            wanted[m.code].line,
            f"warehouse code {m.code} is already mapped to customer {m.customer.code} "
            f"({m.customer.name}), "
            "which is not in this file",
        )
        for m in current
        if m.customer.code not in in_file
    ]


def _read_import(organization: Organization, data: bytes | str) -> list[_Row]:
    try:
        records = read_csv(data, required=("code", "name"), known=CSV_COLUMNS)
    except CsvFormatError as exc:
        raise CustomerImportError([RowError(exc.line, exc.reason)]) from exc
    if not records:
        raise CustomerImportError([RowError(2, "no customer rows after the header")])
    rows, errors = _parse_rows(organization, records)
    errors += _duplicate_problems(rows) + _mapping_conflicts(organization, rows)
    if errors:
        raise CustomerImportError(sorted(errors, key=lambda e: e.line))
    return rows


def _import_row(organization: Organization, actor, row: _Row, result: ImportResult) -> None:
    if row.customer.pk is None:
        row.customer = create_customer(organization=organization, actor=actor, fields=row.fields)
        result.created.append(row.customer.code)
        return
    row.customer = update_customer(customer=row.customer, actor=actor, fields=row.fields)
    result.updated.append(row.customer.code)


def _import_mappings(organization: Organization, actor, row: _Row, result: ImportResult) -> None:
    current = {
        m.code: m
        for m in WarehouseCodeMapping.objects.select_for_update(of=("self",))
        .filter(organization=organization, code__in=row.codes)
        .select_related("customer", "location")
    }
    for code in row.codes:
        mapping = current.get(code)
        location = mapping.location if mapping else None
        if _write_mapping(
            organization=organization,
            actor=actor,
            code=code,
            customer=row.customer,
            location=location,
            mapping=mapping,
        ):
            result.mapped_codes.append(code)


@transaction.atomic
def import_customers_csv(*, organization: Organization, actor, data: bytes | str) -> ImportResult:
    """Upsert customers by code and create/move their warehouse codes; all rows or none.

    Raises CustomerImportError listing every bad row. A blank `warehouse_codes` cell leaves the
    customer's mappings as they are; import never deletes a mapping.
    """
    rows = _read_import(organization, data)
    result = ImportResult()
    try:
        for row in rows:
            _import_row(organization, actor, row, result)
        for row in rows:
            _import_mappings(organization, actor, row, result)
    except ValidationError as exc:
        raise CustomerImportError([RowError(row.line, "; ".join(exc.messages))]) from exc
    audit.record(
        organization=organization,
        actor=actor,
        action="customers.imported",
        object_type="customers.customer",
        changes={
            "created": result.created,
            "updated": result.updated,
            "mapped_codes": result.mapped_codes,
        },
    )
    _reprocess_held_orders(organization, result.mapped_codes)
    return result


def _reprocess_held_orders(organization: Organization, codes: list[str]) -> None:
    """POs held for these codes become orders once the mapping is committed."""

    def reprocess() -> None:
        for code in codes:
            try:
                reprocess_exceptions(organization=organization, code=code)
            except Exception:
                logger.exception("Reprocessing POs held for %s failed; use Reprocess", code)

    if codes:
        transaction.on_commit(reprocess)


def export_rows(organization: Organization) -> Iterator[list[str]]:
    customers = (
        Customer.objects.filter(organization=organization)
        .order_by("code")
        .prefetch_related("warehouse_mappings")
    )
    for customer in customers.iterator(chunk_size=500):
        codes = "|".join(m.code for m in customer.warehouse_mappings.all())
        yield [*(getattr(customer, name) for name in CSV_COLUMNS[:-1]), codes]
