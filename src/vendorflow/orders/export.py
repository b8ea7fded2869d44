"""The orders CSV: one row per order of the list's current filters, streamed.

Rows come from the kept totals on the order (no line is read) through a database cursor in
chunks, so a year of orders leaves the web worker's memory where it was.
"""

from collections.abc import Iterator
from datetime import datetime

from django.db.models import QuerySet

from vendorflow.orders.models import Order

CSV_COLUMNS = [
    "po_number", "status", "customer", "fc", "location", "vendor_code", "po_date", "ack_due_at",
    "lines", "ordered_eaches", "scanned_eaches", "acknowledgement", "needs_mapping",
    "changed_after_ack",
]  # fmt: skip
_VALUES = [
    "po_number", "status", "customer_name", "ship_to_code", "location__code",
    "channel__vendor_code", "po_date", "ack_due_at", "line_count", "ordered_total",
    "scanned_total", "acknowledgement__state", "needs_mapping", "changed_after_ack",
]  # fmt: skip
CHUNK = 2000


def export_rows(orders: QuerySet[Order], keys: tuple[str, ...]) -> Iterator[list]:
    rows = orders.order_by(*keys).values_list(*_VALUES)
    for row in rows.iterator(chunk_size=CHUNK):
        yield [_cell(value) for value in row]


def _cell(value) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value
