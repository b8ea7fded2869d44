"""Product mappings per Amazon channel: ASIN and/or vendor product id → product.

Every write (form, API, CSV) goes through `apply_mapping_changes`, which returns the mappings
that were created or changed, so the next step (resolving order lines waiting for a mapping)
has one place to hook in.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from vendorflow.catalog.barcodes import gtin14
from vendorflow.catalog.models import Barcode, Product, ProductMapping
from vendorflow.catalog.services.common import changed_fields, log
from vendorflow.lib.models import max_length
from vendorflow.orders.importing import resolve_lines_for_mappings

ASIN_LENGTH = 10
VENDOR_ID_MAX = max_length(ProductMapping, "vendor_product_id")


def normalise_asin(value: str | None) -> str:
    return (value or "").strip().upper()


def asin_problem(asin: str) -> str:
    """What is wrong with an (upper-cased) ASIN, or "" when it is well formed."""
    if len(asin) != ASIN_LENGTH:
        return f"ASIN {asin}: an ASIN has {ASIN_LENGTH} characters; it has {len(asin)}."
    bad = sorted({ch for ch in asin if not (ch.isascii() and ch.isalnum())})
    if bad:
        return f"ASIN {asin}: only letters and digits are allowed, not {' '.join(map(repr, bad))}."
    return ""


def vendor_id_problem(vendor_product_id: str) -> str:
    if len(vendor_product_id) > VENDOR_ID_MAX:
        return f"At most {VENDOR_ID_MAX} characters (it has {len(vendor_product_id)})."
    return ""


def _identifier_errors(asin: str, vendor_product_id: str) -> dict[str, list[str]]:
    errors = {}
    if not asin and not vendor_product_id:
        errors["__all__"] = ["Enter an ASIN or a vendor product id (or both)."]
    if asin and (problem := asin_problem(asin)):
        errors["asin"] = [problem]
    if problem := vendor_id_problem(vendor_product_id):
        errors["vendor_product_id"] = [problem]
    return errors


def _product_for(channel, product: Product | None, sku: str) -> Product:
    if product is not None and product.organization_id == channel.organization_id:
        return product
    sku = (sku or "").strip()
    if not sku:
        raise ValidationError({"sku": ["Choose the product (SKU)."]})
    found = Product.objects.filter(organization_id=channel.organization_id, sku=sku).first()
    if found is None:
        raise ValidationError({"sku": [f"No product with SKU {sku}."]})
    return found


def _taken_errors(channel, asin, vendor_product_id, mapping) -> dict[str, list[str]]:
    others = ProductMapping.objects.filter(channel=channel).select_related("product")
    if mapping is not None:
        others = others.exclude(pk=mapping.pk)
    errors = {}
    if asin and (other := others.filter(asin=asin).first()):
        errors["asin"] = [
            f"ASIN {asin} is already mapped to SKU {other.product.sku} on this channel."
        ]
    if vendor_product_id and (other := others.filter(vendor_product_id=vendor_product_id).first()):
        errors["vendor_product_id"] = [
            f"Vendor product id {vendor_product_id} is already mapped to SKU "
            f"{other.product.sku} on this channel."
        ]
    return errors


@transaction.atomic
def save_product_mapping(
    *,
    channel,
    actor,
    asin: str = "",
    vendor_product_id: str = "",
    product: Product | None = None,
    sku: str = "",
    mapping: ProductMapping | None = None,
) -> list[ProductMapping]:
    """Create a mapping, or change `mapping`. Returns [mapping] if anything was written, else []."""
    asin, vendor_product_id = normalise_asin(asin), (vendor_product_id or "").strip()
    errors = _identifier_errors(asin, vendor_product_id)
    try:
        product = _product_for(channel, product, sku)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    errors = errors or _taken_errors(channel, asin, vendor_product_id, mapping)
    if errors:
        raise ValidationError(errors)
    values = {"asin": asin, "vendor_product_id": vendor_product_id, "product": product}
    return apply_mapping_changes(channel=channel, actor=actor, changes=[(mapping, values)])


def apply_mapping_changes(*, channel, actor, changes: list[tuple[ProductMapping | None, dict]]):
    """Write checked mapping changes: (None, values) creates, (mapping, values) updates.

    Returns the mappings created or changed; unchanged ones are left out.
    """
    written = []
    try:
        with transaction.atomic():
            for mapping, values in changes:
                if (saved := _write_mapping(channel, actor, mapping, values)) is not None:
                    written.append(saved)
            resolve_lines_for_mappings(mappings=written)
    except IntegrityError as exc:
        raise ValidationError(
            "Another change to these identifiers was saved at the same time; try again."
        ) from exc
    return written


def _write_mapping(channel, actor, mapping, values) -> ProductMapping | None:
    organization = channel.organization
    if mapping is None:
        mapping = ProductMapping.objects.create(
            organization=organization, channel=channel, **values
        )
        log(
            organization=organization,
            actor=actor,
            action="product_mapping.create",
            obj=mapping,
            changes=_describe(values),
        )
        return mapping
    diff = changed_fields(mapping, values)
    if not diff:
        return None
    mapping.save()
    log(
        organization=organization,
        actor=actor,
        action="product_mapping.update",
        obj=mapping,
        changes=diff,
    )
    return mapping


def _describe(values: dict) -> dict:
    return {**values, "product": values["product"].sku}


@transaction.atomic
def delete_product_mapping(*, mapping: ProductMapping, actor) -> None:
    log(
        organization=mapping.organization,
        actor=actor,
        action="product_mapping.delete",
        obj=mapping,
        changes=_describe(
            {
                "asin": mapping.asin,
                "vendor_product_id": mapping.vendor_product_id,
                "product": mapping.product,
            }
        ),
    )
    mapping.delete()


@dataclass(frozen=True)
class Suggestion:
    """An unmapped identifier pair and the product it probably is."""

    asin: str
    vendor_product_id: str
    product: Product
    reason: str  # "barcode match" or "SKU match"


def suggest_mappings(*, channel, identifiers: list[tuple[str, str]]) -> list[Suggestion]:
    """For (asin, vendor_product_id) pairs not yet mapped on the channel: the product whose
    barcode (EAN/UPC, compared as GTIN-14) or SKU equals the vendor product id. Three queries."""
    pairs = _unmapped_pairs(channel, identifiers)
    vendor_ids = [vendor_id for _, vendor_id in pairs if vendor_id]
    by_barcode = _products_by_barcode(channel.organization_id, vendor_ids)
    by_sku = {
        p.sku: p
        for p in Product.objects.filter(organization_id=channel.organization_id, sku__in=vendor_ids)
    }
    suggestions = []
    for asin, vendor_id in pairs:
        if product := by_barcode.get(gtin14(vendor_id)):
            suggestions.append(Suggestion(asin, vendor_id, product, "barcode match"))
        elif product := by_sku.get(vendor_id):
            suggestions.append(Suggestion(asin, vendor_id, product, "SKU match"))
    return suggestions


def _unmapped_pairs(channel, identifiers) -> list[tuple[str, str]]:
    pairs = list(
        dict.fromkeys(
            (normalise_asin(asin), (vendor_id or "").strip()) for asin, vendor_id in identifiers
        )
    )
    asins = [asin for asin, _ in pairs if asin]
    vendor_ids = [vendor_id for _, vendor_id in pairs if vendor_id]
    mapped = (
        ProductMapping.objects.filter(channel=channel)
        .filter(Q(asin__in=asins) | Q(vendor_product_id__in=vendor_ids))
        .values_list("asin", "vendor_product_id")
    )
    taken = {value for pair in mapped for value in pair if value}
    return [(a, v) for a, v in pairs if (a or v) and a not in taken and v not in taken]


def _products_by_barcode(organization_id, codes: list[str]) -> dict[str, Product]:
    barcodes = Barcode.objects.filter(
        organization_id=organization_id, gtin__in=[gtin14(code) for code in codes]
    ).select_related("product")
    return {barcode.gtin: barcode.product for barcode in barcodes}


def suggest_product(*, channel, vendor_product_id: str) -> Suggestion | None:
    """The suggestion for one vendor product id (used to pre-select the product when adding)."""
    suggestions = suggest_mappings(channel=channel, identifiers=[("", vendor_product_id)])
    return suggestions[0] if suggestions else None
