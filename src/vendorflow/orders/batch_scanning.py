"""Scanning against a batch pick list: one read of a product goes to the batch's PO that is due
first and still has room for it, and the answer says which PO to put it in.

Each read is an ordinary scan of that order (`scanning.record_scan`: the same locks, refusals
and counts); when another scanner fills the chosen line first, the next PO by deadline is tried.
"""

from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError

from vendorflow.orders import picking, scanning
from vendorflow.orders.models import Order, OrderLine, Scan

# Refusals after which the next PO in the batch may still take the read.
_TRY_NEXT = {"line_complete", "no_room"}


@dataclass(frozen=True)
class BatchScanResult:
    result: scanning.ScanResult
    order: Order | None = None  # where the read was counted


def record_batch_scan(*, orders: list[Order], barcode: str, user) -> BatchScanResult:
    """Count one read against the first of `orders` (due first) with room for it."""
    code = (barcode or "").strip()
    if not code:
        return _refused("empty", "Scan or type a barcode.")
    resolved = _resolve(orders, code)
    if resolved is None:
        return _refused(
            "unknown_barcode", f"Unknown barcode {code}: no product, SKU or ASIN has this code."
        )
    last = None
    for order in _orders_with_room(orders, resolved):
        result = scanning.record_scan(order=order, barcode=code, user=user)
        if result.ok:
            put = f"Put it in PO {order.po_number} (FC {order.ship_to_code}). "
            return BatchScanResult(replace(result, message=put + result.message), order)
        if result.code not in _TRY_NEXT:
            return BatchScanResult(result, order)
        last = result
    return BatchScanResult(last) if last else _nothing_left(orders, resolved)


def undo_last_batch_scan(*, orders: list[Order], user) -> Scan:
    """Undo the user's most recent scan on any order of the batch."""
    scan = (
        Scan.objects.filter(order__in=orders, user=user, undone_at__isnull=True)
        .order_by("-created_at", "-id")
        .select_related("order")
        .first()
    )
    if scan is None:
        raise ValidationError({"scan": "You have no scan to undo on these orders."})
    return scanning.undo_last_scan(order=scan.order, user=user)


def batch_orders(*, organization, order_ids) -> list[Order]:
    """The batch's orders, checked as for its pick list (open, of the organization, bounded)."""
    return picking.orders_for_pick_list(organization=organization, order_ids=order_ids)


def _resolve(orders: list[Order], code: str) -> scanning.ResolvedCode | None:
    """The code's product: the catalog's look-up, then each channel's ASIN / vendor id mapping."""
    seen_channels = set()
    for order in orders:
        if order.channel_id in seen_channels:
            continue
        seen_channels.add(order.channel_id)
        resolved = scanning.resolve_code(order, code)
        if resolved is not None:
            return resolved
    return None


def _orders_with_room(orders: list[Order], resolved: scanning.ResolvedCode) -> list[Order]:
    """The orders whose lines for the product have room for one read, due first."""
    rows = OrderLine.objects.filter(order__in=orders, product=resolved.product).values_list(
        "order_id", "ordered_eaches", "scanned_eaches"
    )
    roomy = {order_id for order_id, ordered, scanned in rows if ordered - scanned >= 1}
    by_deadline = sorted(orders, key=lambda order: (order.ack_due_at, order.po_number))
    return [order for order in by_deadline if order.pk in roomy]


def _nothing_left(orders: list[Order], resolved: scanning.ResolvedCode) -> BatchScanResult:
    sku = resolved.product.sku
    if OrderLine.objects.filter(order__in=orders, product=resolved.product).exists():
        return _refused("line_complete", f"{sku} is complete on every PO of this batch.")
    return _refused("not_on_order", f"{sku} is not on any PO of this batch.")


def _refused(code: str, message: str) -> BatchScanResult:
    return BatchScanResult(scanning.ScanResult(ok=False, message=message, code=code))
