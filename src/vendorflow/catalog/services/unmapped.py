"""The unmapped-items worklist: every ASIN / vendor product id on open orders without a product.

The list groups only the lines of open orders flagged `needs_mapping`, which the partial index
`order_needs_mapping` finds without reading the order history; mapping an item goes through
`save_product_mapping`, whose `resolve_lines_for_mappings` gives the waiting lines their product
and clears the flag of the orders that wait for nothing else.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min, Q, QuerySet, Sum

from vendorflow.catalog.barcodes import BarcodeError, validate_gtin
from vendorflow.catalog.models import Product, ProductMapping
from vendorflow.catalog.services.mappings import (
    Suggestion,
    normalise_asin,
    save_product_mapping,
    suggest_mappings,
)
from vendorflow.catalog.services.products import create_product
from vendorflow.channels.models import AmazonChannel
from vendorflow.lib.models import max_length
from vendorflow.orders.choices import OrderStatus
from vendorflow.orders.models import Order, OrderLine

SKU_MAX = max_length(Product, "sku")


@dataclass
class UnmappedItem:
    """One identifier pair of one channel that open orders wait on."""

    channel_id: int
    asin: str
    vendor_product_id: str
    po_count: int
    units: int  # ordered eaches on the waiting lines
    earliest_deadline: datetime  # the soonest acknowledgement deadline among its orders
    net_cost: Decimal | None = None
    list_price: Decimal | None = None
    suggestion: Suggestion | None = None

    @property
    def label(self) -> str:
        return self.asin or self.vendor_product_id


@dataclass
class MappedItem:
    """What mapping an item did: the mapping, the lines it gave a product, the orders it fixed."""

    mapping: ProductMapping
    product: Product
    lines_mapped: int
    orders_fixed: list[Order] = field(default_factory=list)


def waiting_lines(organization) -> QuerySet[OrderLine]:
    """Lines of the organization's open orders that wait for a product mapping."""
    return OrderLine.objects.filter(
        order__organization=organization,
        order__needs_mapping=True,
        order__status=OrderStatus.OPEN,
        product__isnull=True,
        ordered_quantity__gt=0,
    )


def unmapped_item_rows(organization, channel_id: int | None = None, q: str = "") -> QuerySet:
    """One row per (channel, ASIN, vendor product id), soonest deadline first."""
    lines = waiting_lines(organization)
    if channel_id is not None:
        lines = lines.filter(order__channel_id=channel_id)
    if q := q.strip():
        lines = lines.filter(Q(asin__icontains=q) | Q(vendor_product_id__icontains=q))
    return (
        lines.values("order__channel_id", "asin", "vendor_product_id")
        .annotate(
            po_count=Count("order_id", distinct=True),
            units=Sum("ordered_eaches"),
            earliest_deadline=Min("order__ack_due_at"),
            net_cost=Max("net_cost"),
            list_price=Max("list_price"),
        )
        .order_by("earliest_deadline", "asin", "vendor_product_id", "order__channel_id")
    )


def unmapped_items(rows) -> list[UnmappedItem]:
    """Rows of `unmapped_item_rows` (a page of them) with their barcode/SKU suggestions."""
    items = [
        UnmappedItem(
            channel_id=row["order__channel_id"],
            asin=row["asin"],
            vendor_product_id=row["vendor_product_id"],
            po_count=row["po_count"],
            units=row["units"],
            earliest_deadline=row["earliest_deadline"],
            net_cost=_line_money(row["net_cost"]),
            list_price=_line_money(row["list_price"]),
        )
        for row in rows
    ]
    _attach_suggestions(items)
    return items


def _line_money(amount) -> Decimal | None:
    """An order line's amount as stored (4 places), whatever the database's MAX answers."""
    return None if amount is None else Decimal(amount).quantize(Decimal("0.0001"))


def _attach_suggestions(items: list[UnmappedItem]) -> None:
    channels = AmazonChannel.objects.in_bulk({item.channel_id for item in items})
    for channel_id, channel in channels.items():
        mine = [item for item in items if item.channel_id == channel_id]
        pairs = [(item.asin, item.vendor_product_id) for item in mine]
        found = {
            (s.asin, s.vendor_product_id): s
            for s in suggest_mappings(channel=channel, identifiers=pairs)
        }
        for item in mine:
            item.suggestion = found.get((normalise_asin(item.asin), item.vendor_product_id.strip()))


def unmapped_item(*, channel, asin: str, vendor_product_id: str) -> UnmappedItem:
    """The one item of `channel` with these identifiers; ValidationError if no open order waits."""
    rows = unmapped_item_rows(channel.organization, channel_id=channel.pk).filter(
        asin=normalise_asin(asin), vendor_product_id=(vendor_product_id or "").strip()
    )
    found = unmapped_items(rows[:1])
    if not found:
        raise ValidationError(
            {"asin": [f"No open order of {channel} waits for item {asin or vendor_product_id}."]}
        )
    return found[0]


def _waiting_order_ids(channel, asin: str, vendor_product_id: str) -> list[int]:
    """The open orders that wait for a line with this ASIN or this vendor product id."""
    match = Q(pk__in=[])
    if asin:
        match |= Q(asin=asin)
    if vendor_product_id:
        match |= Q(vendor_product_id=vendor_product_id)
    lines = waiting_lines(channel.organization).filter(match, order__channel=channel)
    return list(lines.values_list("order_id", flat=True).distinct())


def _fixed(order_ids: list[int]) -> list[Order]:
    return list(
        Order.objects.filter(pk__in=order_ids, needs_mapping=False).order_by("ack_due_at", "id")
    )


@transaction.atomic
def map_unmapped_item(
    *, channel, actor, asin: str = "", vendor_product_id: str = "", sku: str = ""
) -> MappedItem:
    """Map the item's identifiers on `channel` to the product with `sku`; its waiting lines get
    the product at once."""
    asin, vendor_product_id = normalise_asin(asin), (vendor_product_id or "").strip()
    order_ids = _waiting_order_ids(channel, asin, vendor_product_id)
    before = waiting_lines(channel.organization).filter(order_id__in=order_ids).count()
    written = save_product_mapping(
        channel=channel, actor=actor, asin=asin, vendor_product_id=vendor_product_id, sku=sku
    )
    mapping = written[0]
    after = waiting_lines(channel.organization).filter(order_id__in=order_ids).count()
    return MappedItem(mapping, mapping.product, before - after, _fixed(order_ids))


def product_values_from_po(item: UnmappedItem) -> dict:
    """What an unmapped item's PO lines say about the product: the starting values of a new one."""
    vendor_id = item.vendor_product_id
    return {
        "sku": (vendor_id or item.asin)[:SKU_MAX],
        "name": f"Amazon item {item.label}",
        "barcodes": [vendor_id] if _is_gtin(vendor_id) else [],
        "mrp": _money(item.list_price),
        "expected_cost": _money(item.net_cost),
        "case_pack_size": None,
        "case_barcode": "",
        "bin": "",
    }


def _money(amount: Decimal | None) -> Decimal | None:
    return None if amount is None else amount.quantize(Decimal("0.01"))


def _is_gtin(code: str) -> bool:
    try:
        validate_gtin(code)
    except BarcodeError:
        return False
    return True


@transaction.atomic
def create_product_for_item(
    *, channel, actor, asin: str = "", vendor_product_id: str = "", data: dict | None = None
) -> MappedItem:
    """Create the product of an unmapped item from its PO data (`data` overrides any value) and
    map the item to it, in one transaction."""
    item = unmapped_item(channel=channel, asin=asin, vendor_product_id=vendor_product_id)
    values = {
        **product_values_from_po(item),
        **{k: v for k, v in (data or {}).items() if v is not None},
    }
    product = create_product(organization=channel.organization, actor=actor, data=values)
    return map_unmapped_item(
        channel=channel,
        actor=actor,
        asin=item.asin,
        vendor_product_id=item.vendor_product_id,
        sku=product.sku,
    )
