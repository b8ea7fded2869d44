"""Product mappings of one channel from and to CSV: `asin,vendor_product_id,sku`.

A row identical to a stored mapping (or naming only part of one, with the same SKU) changes
nothing; a row that adds the missing identifier to a stored mapping of the same SKU completes it.
"""

from django.db import transaction
from django.db.models import Q

from vendorflow.catalog.models import Product, ProductMapping
from vendorflow.catalog.services.common import CsvImportError
from vendorflow.catalog.services.mappings import (
    apply_mapping_changes,
    asin_problem,
    normalise_asin,
    vendor_id_problem,
)
from vendorflow.lib.csvio import RowError, read_csv

MAPPING_COLUMNS = ["asin", "vendor_product_id", "sku"]


@transaction.atomic
def import_product_mappings_csv(*, channel, actor, data: bytes | str) -> list[ProductMapping]:
    """Create/complete the file's mappings on `channel`; returns the mappings created or changed.

    Any bad row rejects the whole file (CsvImportError listing every bad row)."""
    records = read_csv(data, MAPPING_COLUMNS, MAPPING_COLUMNS)
    rows = [(line, _normalised(record)) for line, record in records]
    products = _products(channel, rows)
    stored = _stored(channel, rows)
    changes, errors = [], _duplicates_in_file(rows)
    bad_lines = {error.line for error in errors}
    for line, row in rows:
        change, problems = _plan(row, products, stored)
        if problems and line not in bad_lines:
            errors.append(RowError(line, "; ".join(problems)))
        elif problems:
            errors = [_extend(e, problems) if e.line == line else e for e in errors]
        elif change is not None:
            changes.append(change)
    if errors:
        raise CsvImportError(errors)
    return apply_mapping_changes(channel=channel, actor=actor, changes=changes)


def _normalised(record: dict) -> dict:
    return {
        "asin": normalise_asin(record.get("asin")),
        "vendor_product_id": record.get("vendor_product_id", ""),
        "sku": record.get("sku", ""),
    }


def _extend(error: RowError, problems: list[str]) -> RowError:
    return RowError(error.line, "; ".join([error.message, *problems]))


def _products(channel, rows) -> dict[str, Product]:
    skus = {row["sku"] for _, row in rows if row["sku"]}
    products = Product.objects.filter(organization_id=channel.organization_id, sku__in=skus)
    return {product.sku: product for product in products}


def _stored(channel, rows) -> dict[tuple[str, str], ProductMapping]:
    """Stored mappings of the file's identifiers, keyed ("asin", value) / ("vendor", value)."""
    asins = [row["asin"] for _, row in rows if row["asin"]]
    vendor_ids = [row["vendor_product_id"] for _, row in rows if row["vendor_product_id"]]
    mappings = ProductMapping.objects.filter(channel=channel).filter(
        Q(asin__in=asins) | Q(vendor_product_id__in=vendor_ids)
    )
    stored = {}
    for mapping in mappings.select_related("product"):
        if mapping.asin:
            stored[("asin", mapping.asin)] = mapping
        if mapping.vendor_product_id:
            stored[("vendor", mapping.vendor_product_id)] = mapping
    return stored


def _duplicates_in_file(rows) -> list[RowError]:
    errors: list[RowError] = []
    first: dict[tuple[str, str], int] = {}
    for line, row in rows:
        problems = []
        for key, label in (("asin", "ASIN"), ("vendor_product_id", "vendor product id")):
            value = row[key]
            if value and (key, value) in first:
                problems.append(f"duplicate {label} {value} (also on line {first[(key, value)]})")
            elif value:
                first[(key, value)] = line
        if problems:
            errors.append(RowError(line, "; ".join(problems)))
    return errors


def _plan(row, products, stored) -> tuple[tuple | None, list[str]]:
    """(change for apply_mapping_changes or None when nothing changes, problems)."""
    problems = _row_problems(row, products)
    if problems:
        return None, problems
    product = products[row["sku"]]
    by_asin = stored.get(("asin", row["asin"])) if row["asin"] else None
    by_vendor = (
        stored.get(("vendor", row["vendor_product_id"])) if row["vendor_product_id"] else None
    )
    problems = _conflicts(row, product, by_asin, by_vendor)
    if problems:
        return None, problems
    return _change(row, product, by_asin or by_vendor), []


def _row_problems(row, products) -> list[str]:
    problems = []
    if not row["asin"] and not row["vendor_product_id"]:
        problems.append("empty identifier: give an ASIN or a vendor product id")
    if row["asin"] and (problem := asin_problem(row["asin"])):
        problems.append(problem.rstrip("."))
    if problem := vendor_id_problem(row["vendor_product_id"]):
        problems.append("vendor_product_id: " + problem.rstrip("."))
    if not row["sku"]:
        problems.append("SKU is empty")
    elif row["sku"] not in products:
        problems.append(f"unknown SKU {row['sku']}")
    return problems


def _conflicts(row, product, by_asin, by_vendor) -> list[str]:
    problems = []
    if by_asin and by_asin.product_id != product.pk:
        problems.append(f"ASIN {row['asin']} is already mapped to SKU {by_asin.product.sku}")
    if by_vendor and by_vendor.product_id != product.pk:
        problems.append(
            f"vendor product id {row['vendor_product_id']} is already mapped to SKU "
            f"{by_vendor.product.sku}"
        )
    if problems:
        return problems
    return _pairing_conflicts(row, by_asin, by_vendor)


def _pairing_conflicts(row, by_asin, by_vendor) -> list[str]:
    asin, vendor_id = row["asin"], row["vendor_product_id"]
    if by_asin and by_vendor and by_asin.pk != by_vendor.pk:
        return [f"ASIN {asin} and vendor product id {vendor_id} are on two different mappings"]
    if by_asin and vendor_id and by_asin.vendor_product_id not in ("", vendor_id):
        return [
            f"ASIN {asin} is mapped with vendor product id {by_asin.vendor_product_id}, "
            f"not {vendor_id}"
        ]
    if by_vendor and asin and by_vendor.asin not in ("", asin):
        return [f"vendor product id {vendor_id} is mapped with ASIN {by_vendor.asin}, not {asin}"]
    return []


def _change(row, product, mapping: ProductMapping | None) -> tuple | None:
    if mapping is None:
        return None, {
            "asin": row["asin"],
            "vendor_product_id": row["vendor_product_id"],
            "product": product,
        }
    values = {
        "asin": mapping.asin or row["asin"],
        "vendor_product_id": mapping.vendor_product_id or row["vendor_product_id"],
        "product": product,
    }
    if (values["asin"], values["vendor_product_id"]) == (mapping.asin, mapping.vendor_product_id):
        return None
    return mapping, values


def mapping_export_rows(channel):
    mappings = ProductMapping.objects.filter(channel=channel).select_related("product")
    for mapping in mappings.order_by("asin", "vendor_product_id"):
        yield [mapping.asin, mapping.vendor_product_id, mapping.product.sku]
