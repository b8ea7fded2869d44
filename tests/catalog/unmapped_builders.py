"""Open orders waiting on unmapped items, for the unmapped-items tests."""

from datetime import timedelta

from django.utils import timezone

from tests import factories
from vendorflow.orders.totals import refresh_totals

ASIN = "B0DEMO0099"
VENDOR_ID = "8901234567890"  # a valid EAN-13


def waiting_order(channel, customer, po_number: str, lines, hours: int = 24, **kw):
    """An open order flagged needs_mapping (as the import leaves it), due in `hours`."""
    kw.setdefault("ack_due_at", timezone.now() + timedelta(hours=hours))
    order = factories.make_order(channel, customer, po_number, lines=lines, **kw)
    waits = order.lines.filter(product__isnull=True, ordered_quantity__gt=0).exists()
    order.needs_mapping = waits
    order.save(update_fields=["needs_mapping"])
    refresh_totals(order_ids=[order.pk])
    return order


def unmapped_line(asin: str = ASIN, vendor_product_id: str = VENDOR_ID, **kw) -> dict:
    return {"asin": asin, "vendor_product_id": vendor_product_id, **kw}
