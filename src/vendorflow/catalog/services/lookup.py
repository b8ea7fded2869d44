"""Fast look-ups for scanning and order import: indexed queries only, at most two per call."""

from django.db.models import Q

from vendorflow.catalog.barcodes import gtin14
from vendorflow.catalog.models import Barcode, Product, ProductMapping


def find_product_by_code(*, organization, code: str) -> tuple[Product, int] | None:
    """The product a scanned code names, and how many eaches one scan counts.

    An each barcode (EAN-8/UPC-A/EAN-13/GTIN-14, compared as GTIN-14 so 012345678905,
    0012345678905 and 00012345678905 are the same) or a SKU code counts 1; a case barcode counts
    the product's case pack size. None when nothing matches.
    """
    code = (code or "").strip()
    if not code:
        return None
    barcode = (
        Barcode.objects.select_related("product")
        .filter(organization=organization, gtin=gtin14(code))
        .first()
    )
    if barcode is not None:
        return barcode.product, 1
    return _by_sku_or_case(organization, code)


def _by_sku_or_case(organization, code: str) -> tuple[Product, int] | None:
    """SKU codes match case-insensitively (handhelds type lower case); an exact SKU wins."""
    matches = list(
        Product.objects.filter(organization=organization).filter(
            Q(sku__iexact=code) | Q(case_barcode=gtin14(code))
        )[:3]
    )
    exact = [product for product in matches if product.sku == code]
    by_sku = exact or [product for product in matches if product.sku.lower() == code.lower()]
    if by_sku:
        return by_sku[0], 1
    if matches:
        return matches[0], matches[0].case_pack_size or 1
    return None


def find_product_by_asin(*, channel, asin: str) -> Product | None:
    """The product mapped to an ASIN on this channel (one scan counts 1)."""
    asin = (asin or "").strip().upper()
    if not asin:
        return None
    mapping = ProductMapping.objects.select_related("product").filter(channel=channel, asin=asin)
    found = mapping.first()
    return found.product if found else None


def find_mapped_product(*, channel, asin: str = "", vendor_product_id: str = "") -> Product | None:
    """The product an Amazon PO line names on this channel: by ASIN first, else by vendor id."""
    asin = (asin or "").strip().upper()
    vendor_product_id = (vendor_product_id or "").strip()
    condition = Q(pk__in=[])
    if asin:
        condition |= Q(asin=asin)
    if vendor_product_id:
        condition |= Q(vendor_product_id=vendor_product_id)
    mappings = ProductMapping.objects.select_related("product").filter(condition, channel=channel)
    found = sorted(mappings[:2], key=lambda mapping: mapping.asin != asin or not asin)
    return found[0].product if found else None


def find_product_by_identifier(
    *, organization, code: str, channel_id: int | None = None
) -> Product | None:
    """The product an Amazon identifier names through the product mappings: an ASIN (any case)
    first, else a vendor product id; on one channel, or on any of the organization's."""
    code = (code or "").strip()
    if not code:
        return None
    mappings = ProductMapping.objects.select_related("product").filter(organization=organization)
    if channel_id is not None:
        mappings = mappings.filter(channel_id=channel_id)
    mapping = (
        mappings.filter(asin__iexact=code).order_by("id").first()
        or mappings.filter(vendor_product_id=code).order_by("id").first()
    )
    return mapping.product if mapping else None
