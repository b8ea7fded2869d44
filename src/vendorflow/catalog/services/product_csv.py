"""Products from and to CSV: `sku,name,barcodes,mrp,expected_cost,case_pack_size,case_barcode,bin`.

Barcodes are `|`-separated. Rows upsert by SKU and describe the product completely: its barcodes
become exactly the listed ones. A column left out of the file keeps the stored values.
"""

from dataclasses import dataclass, field

from django.db import transaction

from vendorflow.catalog.barcodes import gtin14
from vendorflow.catalog.models import Barcode, Product
from vendorflow.catalog.services.common import CsvImportError, ImportResult, changed_fields, log
from vendorflow.catalog.services.product_values import (
    PRODUCT_FIELDS,
    SELF_NAMED_FIELDS,
    parse_product_values,
)
from vendorflow.catalog.services.products import (
    SCALAR_FIELDS,
    _audit_values,
    barcode_list,
    set_barcodes,
)
from vendorflow.lib.csvio import RowError, read_csv


@dataclass
class _Row:
    line: int
    values: dict
    product: Product | None
    gtins: dict[str, str] = field(default_factory=dict)  # gtin → "barcode"/"case barcode" code


@transaction.atomic
def import_products_csv(*, organization, actor, data: bytes | str) -> ImportResult:
    """Upsert products by SKU. Any bad row rejects the whole file (CsvImportError)."""
    records = read_csv(data, ["sku", "name"], PRODUCT_FIELDS)
    existing = _existing_products(organization, records)
    rows, errors = _parse_rows(records, existing)
    errors += _in_file_duplicates(rows) + _stored_conflicts(organization, rows)
    if errors:
        raise CsvImportError(errors)
    return _write(organization, actor, rows)


def _existing_products(organization, records) -> dict[str, Product]:
    skus = {values.get("sku", "") for _, values in records}
    products = Product.objects.filter(organization=organization, sku__in=skus)
    return {product.sku: product for product in products.prefetch_related("barcodes")}


def _parse_rows(records, existing) -> tuple[list[_Row], list[RowError]]:
    rows: list[_Row] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, record in records:
        sku = record.get("sku", "")
        if sku and sku in seen:
            errors.append(RowError(line, f"duplicate SKU {sku} (also on line {seen[sku]})"))
            continue
        seen[sku] = line
        product = existing.get(sku)
        values, field_errors = parse_product_values(_with_stored(record, product), separators="|")
        if field_errors:
            errors.append(RowError(line, _reason(field_errors)))
        else:
            rows.append(_Row(line, values, product, _row_gtins(values)))
    return rows, errors


def _with_stored(record: dict, product: Product | None) -> dict:
    data = dict(record)
    for name in PRODUCT_FIELDS:
        if name not in data and product is not None:
            data[name] = _stored_value(product, name)
    return data


def _reason(errors: dict[str, list[str]]) -> str:
    parts: list[str] = []
    for name in PRODUCT_FIELDS:
        prefix = "" if name in SELF_NAMED_FIELDS else f"{name}: "
        parts.extend(prefix + message.rstrip(".") for message in errors.get(name, []))
    return "; ".join(parts)


def _row_gtins(values: dict) -> dict[str, str]:
    gtins = {gtin14(code): f"barcode {code}" for code in values["barcodes"]}
    if values["case_barcode"]:
        gtins[gtin14(values["case_barcode"])] = f"case barcode {values['case_barcode']}"
    return gtins


def _in_file_duplicates(rows: list[_Row]) -> list[RowError]:
    errors: list[RowError] = []
    first_line: dict[str, int] = {}
    for row in rows:
        clashes = [
            f"{label} is also on line {first_line[g]}"
            for g, label in row.gtins.items()
            if g in first_line
        ]
        if clashes:
            errors.append(RowError(row.line, "; ".join(clashes)))
        for gtin in row.gtins:
            first_line.setdefault(gtin, row.line)
    return errors


def _stored_conflicts(organization, rows: list[_Row]) -> list[RowError]:
    """Barcodes that a product outside the file already has (file products give theirs up)."""
    file_skus = {row.values["sku"] for row in rows}
    owners = _stored_owners(organization, [g for row in rows for g in row.gtins])
    errors = []
    for row in rows:
        clashes = [
            f"{label} {owners[g][1]} product {owners[g][0]}"
            for g, label in row.gtins.items()
            if g in owners and owners[g][0] != row.values["sku"] and owners[g][0] not in file_skus
        ]
        if clashes:
            errors.append(RowError(row.line, "; ".join(clashes)))
    return errors


def _stored_owners(organization, gtins: list[str]) -> dict[str, tuple[str, str]]:
    """gtin → (owning SKU, how it is used there)."""
    owners = {}
    barcodes = Barcode.objects.filter(organization=organization, gtin__in=gtins)
    for gtin, sku in barcodes.values_list("gtin", "product__sku"):
        owners[gtin] = (sku, "is already an each barcode of")
    cases = Product.objects.filter(organization=organization, case_barcode__in=gtins)
    for case, sku in cases.values_list("case_barcode", "sku"):
        owners[case] = (sku, "is already the case barcode of")
    return owners


def _write(organization, actor, rows: list[_Row]) -> ImportResult:
    _release_barcodes(rows)
    result = ImportResult()
    for row in rows:
        _write_row(organization, actor, row, result)
    return result


def _release_barcodes(rows: list[_Row]) -> None:
    """Drop barcodes that products of the file give up, so another row may take them."""
    for row in rows:
        if row.product is None:
            continue
        keep = {gtin14(code) for code in row.values["barcodes"]}
        row.product.barcodes.exclude(gtin__in=keep).delete()
        if row.product.case_barcode != row.values["case_barcode"]:
            Product.objects.filter(pk=row.product.pk).update(case_barcode="")


def _write_row(organization, actor, row: _Row, result: ImportResult) -> None:
    scalars = {name: row.values[name] for name in SCALAR_FIELDS}
    product = row.product
    if product is None:
        product = Product.objects.create(organization=organization, **scalars)
        set_barcodes(product, row.values["barcodes"])
        result.created.append(product)
        log(
            organization=organization,
            actor=actor,
            action="product.import",
            obj=product,
            changes=_audit_values(row.values),
        )
        return
    before = sorted(barcode.code for barcode in product.barcodes.all())  # as loaded, before release
    _update_row(organization, actor, product, row, scalars, before, result)


def _update_row(organization, actor, product, row, scalars, before, result) -> None:
    changes = changed_fields(product, scalars)
    if changes:
        product.save()
    set_barcodes(product, row.values["barcodes"])
    after = barcode_list(product)
    if after != before:
        changes["barcodes"] = [before, after]
    if not changes:
        result.unchanged += 1
        return
    result.updated.append(product)
    log(
        organization=organization,
        actor=actor,
        action="product.import",
        obj=product,
        changes=changes,
    )


def product_export_rows(organization):
    products = Product.objects.filter(organization=organization).prefetch_related("barcodes")
    for product in products.order_by("sku"):
        yield [
            product.sku,
            product.name,
            "|".join(sorted(barcode.code for barcode in product.barcodes.all())),
            "" if product.mrp is None else product.mrp,
            "" if product.expected_cost is None else product.expected_cost,
            product.case_pack_size or "",
            product.case_barcode,
            product.bin,
        ]


def _stored_value(product: Product, name: str):
    if name == "barcodes":
        return "|".join(sorted(barcode.code for barcode in product.barcodes.all()))
    return getattr(product, name)
