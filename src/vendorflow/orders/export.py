"""The orders and their lines as CSV or JSON, for the list's current filters, streamed.

Order rows come from the kept totals on the order (no line is read); line rows join their order.
Both go through a database cursor in chunks, so a year of orders leaves the web worker's memory
where it was.
"""

import json
from collections.abc import Iterable, Iterator
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from vendorflow.orders.models import Order, OrderLine

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
LINE_COLUMNS = [
    "po_number", "status", "fc", "item_sequence_number", "asin", "vendor_product_id", "sku",
    "unit_of_measure", "unit_size", "ordered_quantity", "ordered_eaches", "scanned_eaches",
    "net_cost", "currency", "ack_accepted", "ack_rejected", "ack_rejection_reason",
    "amazon_accepted", "amazon_rejected",
]  # fmt: skip
_LINE_VALUES = [
    "order__po_number", "order__status", "order__ship_to_code", "item_sequence_number", "asin",
    "vendor_product_id", "product__sku", "unit_of_measure", "unit_size", "ordered_quantity",
    "ordered_eaches", "scanned_eaches", "net_cost", "currency", "ack_accepted", "ack_rejected",
    "ack_rejection_reason", "amazon_accepted", "amazon_rejected",
]  # fmt: skip
CHUNK = 2000


def order_records(orders: QuerySet[Order], keys: tuple[str, ...]) -> Iterator[dict]:
    rows = orders.order_by(*keys).values_list(*_VALUES)
    for row in rows.iterator(chunk_size=CHUNK):
        yield dict(zip(CSV_COLUMNS, row, strict=True))


def line_records(orders: QuerySet[Order], keys: tuple[str, ...]) -> Iterator[dict]:
    """Every line of the orders, the orders in their sort, each order's lines in PO order."""
    by_order = [_on_order(key) for key in keys]
    lines = OrderLine.objects.filter(order__in=orders.order_by().values("pk"))
    rows = lines.order_by(*by_order, "id").values_list(*_LINE_VALUES)
    for row in rows.iterator(chunk_size=CHUNK):
        yield dict(zip(LINE_COLUMNS, row, strict=True))


def export_rows(orders: QuerySet[Order], keys: tuple[str, ...]) -> Iterator[list]:
    return csv_rows(order_records(orders, keys))


def csv_rows(records: Iterable[dict]) -> Iterator[list]:
    for record in records:
        yield [_cell(value) for value in record.values()]


def json_response(filename: str, records: Iterable[dict]) -> StreamingHttpResponse:
    """A JSON array of the records, written as they are read."""
    response = StreamingHttpResponse(json_chunks(records), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_chunks(records: Iterable[dict]) -> Iterator[str]:
    yield "["
    for n, record in enumerate(records):
        yield ("," if n else "") + json.dumps(record, cls=DjangoJSONEncoder)
    yield "]"


def _on_order(key: str) -> str:
    descending = key.startswith("-")
    return f"{'-' if descending else ''}order__{key.lstrip('-')}"


def _cell(value) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value
