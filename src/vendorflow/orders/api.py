"""Orders API for handheld scanning apps: read orders with lines, scan, bulk-enter, undo; pick
lists and PO sheets as JSON or PDF."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.renderers import JSONRenderer
from ninja.responses import Status

from vendorflow.accounts.api_auth import member_of
from vendorflow.accounts.choices import Role
from vendorflow.lib import keyset
from vendorflow.lib.csvio import csv_response
from vendorflow.lib.deprecation import deprecated
from vendorflow.lib.pagination import MAX_LIMIT
from vendorflow.orders import (
    batch_scanning,
    export,
    listing,
    picking,
    printing,
    scanning,
    selectors,
    sheets,
)
from vendorflow.orders.choices import OrderStatus
from vendorflow.orders.models import Order, OrderLine, Scan

router = Router(tags=["orders"])
# Past this, page with the cursor: an offset reads and drops every row before it.
MAX_ORDER_OFFSET = 10_000


class LineOut(Schema):
    id: int
    item_sequence_number: str
    asin: str
    vendor_product_id: str
    sku: str | None = Field(None, alias="product.sku")
    needs_mapping: bool
    ordered_quantity: int
    unit_of_measure: str
    unit_size: int
    ordered_eaches: int
    scanned_eaches: int
    remaining_eaches: int
    net_cost: Decimal | None
    currency: str
    ack_accepted: int | None
    ack_rejected: int | None
    amazon_accepted: int | None
    amazon_rejected: int | None

    @staticmethod
    def resolve_needs_mapping(line: OrderLine) -> bool:
        return line.product_id is None

    @staticmethod
    def resolve_remaining_eaches(line: OrderLine) -> int:
        return max(line.ordered_eaches - line.scanned_eaches, 0)


class OrderSummaryOut(Schema):
    id: int
    po_number: str
    status: str
    customer: str = Field(..., alias="customer.name")
    ship_to_code: str
    po_date: datetime
    ack_due_at: datetime
    needs_mapping: bool


class OrderOut(OrderSummaryOut):
    location: str | None = Field(None, alias="location.code")
    amazon_state: str
    ship_window_start: datetime | None
    ship_window_end: datetime | None
    delivery_window_start: datetime | None
    delivery_window_end: datetime | None
    lines: list[LineOut]

    @staticmethod
    def resolve_lines(order: Order) -> list[OrderLine]:
        return list(selectors.order_lines(order))


class ScanIn(Schema):
    barcode: str
    quantity: int | None = Field(
        None,
        ge=1,
        le=100_000,
        description="reads of this code at once, counted on the order's line for its product "
        "(a case barcode counts cases); omit for one read",
    )


class BulkIn(Schema):
    line_id: int
    quantity_eaches: int


class ScanOut(Schema):
    ok: bool
    code: str
    message: str
    warning: str = ""  # e.g. eaches that are not a whole case on a case-ordered line
    scan_id: int | None = None
    line: LineOut | None = None


class UndoOut(Schema):
    scan_id: int
    line: LineOut


SORT = Literal["deadline", "po_date", "customer", "fc", "status"]
DEADLINE = Literal["overdue", "due_soon"]
ACK_STATE = Literal["pending", "sending", "submitted", "failed", "confirmed"]


class OrderFilters(Schema):
    """The list page's filters, and exact identifiers."""

    status: OrderStatus | None = None
    q: str = Field("", max_length=200, description="search text, as in the list's search box")
    po_number: str = Field("", max_length=40, description="exactly this PO number")
    sku: str = Field("", max_length=64, description="orders with a line for this SKU")
    asin: str = Field("", max_length=20, description="orders with a line for this ASIN")
    fc: str = Field("", max_length=20, description="orders shipping to this Amazon FC")
    channel_id: int | None = None
    sales_channel_id: int | None = None
    customer_id: int | None = None
    location_id: int | None = None
    deadline: DEADLINE | None = None
    needs_mapping: bool | None = None
    changed_after_ack: bool | None = None
    ack: ACK_STATE | None = Field(None, description="the acknowledgement's state, e.g. failed")
    sort: SORT | None = Field(None, description="default: deadline for open orders, else po_date")


class OrderPageQuery(OrderFilters):
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_ORDER_OFFSET)
    after: str = Field("", max_length=400, description="`X-Next-Cursor` of the previous page")
    include: Literal["lines"] | None = Field(None, description="`lines`: each order's lines too")


class OrderListItem(OrderSummaryOut):
    lines: list[LineOut] | None = Field(None, description="with `include=lines`")


class OrderPage(Schema):
    count: int = Field(description=f"stops at {selectors.COUNT_CAP} (`X-Count-Capped: true`)")
    items: list[OrderListItem]


def _filtered(request, filters: OrderFilters) -> tuple[QuerySet[Order], tuple[str, ...]]:
    member = member_of(request, Role.VIEWER)
    return listing.filtered_orders(member.organization, filters.dict())


@router.get("", response=OrderPage)
def list_orders(request, response: HttpResponse, query: Query[OrderPageQuery]):
    """Orders matching the filters, in `sort` order. Page with `limit` and `offset` up to 10,000,
    or past it with `after` = the `X-Next-Cursor` header of the previous page (absent on the last
    page). `include=lines` adds each order's lines."""
    orders, keys = _filtered(request, query)
    counted = selectors.capped_count(orders)
    if counted.capped:
        response["X-Count-Capped"] = "true"
    items = _page(orders.select_related("customer").defer("raw_payload"), keys, query, response)
    lines = _line_rows([order.pk for order in items]) if query.include == "lines" else None
    body = {"count": counted.value, "items": [_list_item(o, lines) for o in items]}
    # Built as the schema would dump it (tests/warehouse/test_orders_list_api.py checks), not
    # validated through it: 50 orders of 20 lines took ~200 ms that way.
    response.content = JSONRenderer().render(request, body, response_status=200)
    return response


def _page(orders: QuerySet[Order], keys, query, response: HttpResponse) -> list[Order]:
    if query.offset and query.after:
        raise ValidationError({"after": "Send offset or after, not both."})
    if query.offset:
        return list(orders.order_by(*keys)[query.offset : query.offset + query.limit])
    try:
        page = keyset.paginate(orders, keys, size=query.limit, after=query.after or None)
    except keyset.InvalidCursor as invalid:
        raise ValidationError({"after": str(invalid)}) from invalid
    if page.next_cursor:
        response["X-Next-Cursor"] = page.next_cursor
    return list(page.items)


def _list_item(order: Order, lines: dict[int, list[dict]] | None) -> dict:
    """An `OrderListItem` as a dict; `lines` by order id, None without `include=lines`."""
    return {
        "id": order.pk,
        "po_number": order.po_number,
        "status": order.status,
        "customer": order.customer.name,
        "ship_to_code": order.ship_to_code,
        "po_date": order.po_date,
        "ack_due_at": order.ack_due_at,
        "needs_mapping": order.needs_mapping,
        "lines": None if lines is None else lines[order.pk],
    }


_LINE_VALUES = (
    "id", "order_id", "item_sequence_number", "asin", "vendor_product_id", "product_id",
    "product__sku", "ordered_quantity", "unit_of_measure", "unit_size", "ordered_eaches",
    "scanned_eaches", "net_cost", "currency", "ack_accepted", "ack_rejected", "amazon_accepted",
    "amazon_rejected",
)  # fmt: skip


def _line_rows(order_ids: list[int]) -> dict[int, list[dict]]:
    """Each order's lines as `LineOut` dicts, from one query of values rather than instances.
    The net cost is the string the JSON encoder would write for its Decimal."""
    rows: dict[int, list[dict]] = {pk: [] for pk in order_ids}
    lines = OrderLine.objects.filter(order_id__in=order_ids).order_by("id")
    for (
        pk, order_id, sequence, asin, vendor_id, product_id, sku, quantity, unit, unit_size,
        ordered, scanned, net_cost, currency, ack_accepted, ack_rejected, amazon_accepted,
        amazon_rejected,
    ) in lines.values_list(*_LINE_VALUES):  # fmt: skip
        rows[order_id].append(
            {
                "id": pk,
                "item_sequence_number": sequence,
                "asin": asin,
                "vendor_product_id": vendor_id,
                "sku": sku,
                "needs_mapping": product_id is None,
                "ordered_quantity": quantity,
                "unit_of_measure": unit,
                "unit_size": unit_size,
                "ordered_eaches": ordered,
                "scanned_eaches": scanned,
                "remaining_eaches": max(ordered - scanned, 0),
                "net_cost": None if net_cost is None else str(net_cost),
                "currency": currency,
                "ack_accepted": ack_accepted,
                "ack_rejected": ack_rejected,
                "amazon_accepted": amazon_accepted,
                "amazon_rejected": amazon_rejected,
            }
        )
    return rows


class OldOrderListQuery(Schema):
    status: OrderStatus | None = None
    q: str = Field("", max_length=200)
    sort: SORT = "po_date"
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_ORDER_OFFSET)
    after: str = Field("", max_length=400, description="`X-Next-Cursor` of the previous page")


@router.get("/", response=list[OrderSummaryOut], deprecated=True, operation_id="list_orders_old")
@deprecated("/api/v1/orders")
def list_orders_old(request, response: HttpResponse, query: Query[OldOrderListQuery]):
    """Deprecated: use `GET /api/v1/orders` (the `{count, items}` page). A bare list of orders."""
    orders, keys = _filtered(
        request, OrderFilters(**query.dict(exclude={"limit", "offset", "after"}))
    )
    return _page(orders.select_related("customer").defer("raw_payload"), keys, query, response)


@router.get("/export.csv", response={200: None})
def export_orders(request, query: Query[OrderFilters]):
    """Every order matching the filters, one CSV row each, streamed."""
    orders, keys = _filtered(request, query)
    return csv_response("orders.csv", export.CSV_COLUMNS, export.export_rows(orders, keys))


@router.get("/export.json", response={200: None})
def export_orders_json(request, query: Query[OrderFilters]):
    """Every order matching the filters as a JSON array, streamed."""
    orders, keys = _filtered(request, query)
    return export.json_response("orders.json", export.order_records(orders, keys))


@router.get("/lines/export.csv", response={200: None})
def export_lines(request, query: Query[OrderFilters]):
    """Every line of the orders matching the filters, one CSV row each, streamed."""
    orders, keys = _filtered(request, query)
    rows = export.csv_rows(export.line_records(orders, keys))
    return csv_response("order-lines.csv", export.LINE_COLUMNS, rows)


@router.get("/lines/export.json", response={200: None})
def export_lines_json(request, query: Query[OrderFilters]):
    """Every line of the orders matching the filters as a JSON array, streamed."""
    orders, keys = _filtered(request, query)
    return export.json_response("order-lines.json", export.line_records(orders, keys))


class DropOut(Schema):
    order_id: int
    po_number: str
    ship_to_code: str
    line_id: int
    item_sequence_number: str
    eaches: int


class PickRowOut(Schema):
    product_id: int
    sku: str
    name: str
    bin: str
    barcode: str
    symbology: str
    eaches: int
    case_size: int
    cases: int
    loose_eaches: int
    drops: list[DropOut]


class UnmappedOut(Schema):
    order_id: int
    po_number: str
    item_sequence_number: str
    asin: str
    vendor_product_id: str
    eaches: int


class PickListOut(Schema):
    orders: list[OrderSummaryOut]
    eaches: int
    rows: list[PickRowOut]
    unmapped: list[UnmappedOut]


class PickListQuery(Schema):
    orders: list[int] = Field(..., description=f"order ids, at most {picking.MAX_BATCH}")
    paper: Literal["a4", "label"] = "a4"


class PaperQuery(Schema):
    paper: Literal["a4", "label"] = "a4"


@router.get("/pick-list", response=PickListOut)
def batch_pick_list(request, query: Query[PickListQuery]):
    """One pick list for a batch of open orders (`?orders=1&orders=2`), grouped by SKU."""
    return _pick_list_out(_pick_list(request, query.orders))


@router.get("/pick-list.pdf", response={200: None})
def batch_pick_list_pdf(request, query: Query[PickListQuery]):
    pick_list = _pick_list(request, query.orders)
    context = {"pick_list": pick_list, "paper": query.paper}
    return _pdf(request, "orders/print/_pick_list.html", context, "pick-list")


class BatchIn(Schema):
    orders: list[int] = Field(..., description=f"order ids, at most {picking.MAX_BATCH}")


class BatchScanIn(BatchIn):
    barcode: str


class BatchScanOut(ScanOut):
    order_id: int | None = None  # the PO to put the unit in
    po_number: str | None = None


@router.post("/pick-list/scans", response={201: BatchScanOut, 422: BatchScanOut})
def batch_scan(request, body: BatchScanIn):
    """One read against a batch: counted on the batch's PO due first with room, named in the
    answer."""
    orders = _batch(request, body.orders)
    outcome = batch_scanning.record_batch_scan(
        orders=orders, barcode=body.barcode, user=request.user
    )
    result = outcome.result
    out = {
        "ok": result.ok,
        "code": result.code,
        "message": result.message,
        "warning": result.warning,
        "scan_id": result.scan.pk if result.scan else None,
        "line": result.line,
        "order_id": outcome.order.pk if outcome.order and result.ok else None,
        "po_number": outcome.order.po_number if outcome.order and result.ok else None,
    }
    return Status(201 if result.ok else 422, out)


@router.post("/pick-list/scans/undo", response=UndoOut)
def batch_scan_undo(request, body: BatchIn):
    """Undo your most recent scan on any order of the batch."""
    scan_row = batch_scanning.undo_last_batch_scan(
        orders=_batch(request, body.orders), user=request.user
    )
    return {"scan_id": scan_row.pk, "line": _reload(scan_row.line)}


def _batch(request, order_ids: list[int]) -> list[Order]:
    member = member_of(request, Role.OPERATOR)
    return batch_scanning.batch_orders(organization=member.organization, order_ids=order_ids)


@router.get("/pick-list.csv", response={200: None})
def batch_pick_list_csv(request, query: Query[PickListQuery]):
    """The pick list as CSV: one row per PO line to pick, with the SKU's totals."""
    pick_list = _pick_list(request, query.orders)
    return csv_response("pick-list.csv", picking.CSV_COLUMNS, picking.csv_rows(pick_list))


@router.get("/{order_id}/pick-list", response=PickListOut)
def order_pick_list(request, order_id: int):
    order = _order(request, order_id, Role.OPERATOR)
    return _pick_list_out(_pick_list(request, [order.pk]))


@router.get("/{order_id}/pick-list.pdf", response={200: None})
def order_pick_list_pdf(request, order_id: int, query: Query[PaperQuery]):
    order = _order(request, order_id, Role.OPERATOR)
    pick_list = _pick_list(request, [order.pk])
    context = {"pick_list": pick_list, "paper": query.paper}
    return _pdf(request, "orders/print/_pick_list.html", context, f"pick-list-{order.po_number}")


@router.get("/{order_id}/sheet.pdf", response={200: None})
def order_sheet_pdf(request, order_id: int, query: Query[PaperQuery]):
    order = _order(request, order_id, Role.VIEWER)
    context = {"sheet": sheets.po_sheet(order), "paper": query.paper}
    return _pdf(request, "orders/print/_po_sheet.html", context, f"po-{order.po_number}")


def _pick_list(request, order_ids: list[int]) -> picking.PickList:
    member = member_of(request, Role.OPERATOR)
    return picking.pick_list_for(organization=member.organization, order_ids=order_ids)


def _pdf(request, template: str, context: dict, name: str) -> HttpResponse:
    member = member_of(request, Role.VIEWER)
    pdf = printing.render_pdf(template, context, time_zone=member.shown_time_zone)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def _pick_list_out(pick_list: picking.PickList) -> dict:
    return {
        "orders": pick_list.orders,
        "eaches": pick_list.eaches,
        "rows": [_row_out(row) for row in pick_list.rows],
        "unmapped": [
            {
                "order_id": line.order_id,
                "po_number": line.order.po_number,
                "item_sequence_number": line.item_sequence_number,
                "asin": line.asin,
                "vendor_product_id": line.vendor_product_id,
                "eaches": line.ordered_eaches - line.scanned_eaches,
            }
            for line in pick_list.unmapped
        ],
    }


def _row_out(row: picking.PickRow) -> dict:
    return {
        "product_id": row.product.pk,
        "sku": row.product.sku,
        "name": row.product.name,
        "bin": row.product.bin,
        "barcode": row.barcode.code if row.barcode else "",
        "symbology": row.barcode.symbology if row.barcode else "",
        "eaches": row.eaches,
        "case_size": row.case_size,
        "cases": row.cases,
        "loose_eaches": row.loose,
        "drops": [
            {
                "order_id": drop.order.pk,
                "po_number": drop.order.po_number,
                "ship_to_code": drop.order.ship_to_code,
                "line_id": drop.line.pk,
                "item_sequence_number": drop.line.item_sequence_number,
                "eaches": drop.eaches,
            }
            for drop in row.drops
        ],
    }


@router.get("/{order_id}", response=OrderOut)
def get_order(request, order_id: int):
    return _order(request, order_id, Role.VIEWER)


@router.post("/{order_id}/scans", response={201: ScanOut, 422: ScanOut})
def scan(request, order_id: int, body: ScanIn):
    """One read of a barcode, EAN/UPC/GTIN, SKU, ASIN or vendor product id; or, with `quantity`,
    that many reads at once. A refusal is a 422 with its `code` and a readable `message`."""
    member = member_of(request, Role.OPERATOR)
    queryset = Order.objects.select_related("organization")  # the catalog look-up needs it
    order = get_object_or_404(queryset, pk=order_id, organization=member.organization)
    if body.quantity is None:
        result = scanning.record_scan(order=order, barcode=body.barcode, user=request.user)
    else:
        result = scanning.record_quantity(
            order=order, barcode=body.barcode, quantity=body.quantity, user=request.user
        )
    out = {
        "ok": result.ok,
        "code": result.code,
        "message": result.message,
        "warning": result.warning,
        "scan_id": result.scan.pk if result.scan else None,
        "line": result.line,  # read under the line's lock and counted: no reload needed
    }
    return Status(201 if result.ok else 422, out)


@router.post("/{order_id}/scans/bulk", response={201: ScanOut})
def bulk(request, order_id: int, body: BulkIn):
    order = _order(request, order_id, Role.OPERATOR)
    line = OrderLine.objects.filter(pk=body.line_id, order=order).first()
    if line is None:
        raise ValidationError({"line_id": f"Order {order.po_number} has no line {body.line_id}."})
    scan_row = scanning.record_bulk(
        line=line, quantity_eaches=body.quantity_eaches, user=request.user
    )
    line = _reload(line)
    message = f"{scanning.line_label(line)}: {scanning.eaches_text(scan_row.quantity_eaches)} added"
    out = {
        "ok": True,
        "code": "ok",
        "message": message,
        "warning": scanning.loose_eaches_warning(line),
        "scan_id": scan_row.pk,
        "line": line,
    }
    return Status(201, out)


@router.post("/{order_id}/scans/undo", response=UndoOut)
def undo(request, order_id: int):
    order = _order(request, order_id, Role.OPERATOR)
    scan_row: Scan = scanning.undo_last_scan(order=order, user=request.user)
    return {"scan_id": scan_row.pk, "line": _reload(scan_row.line)}


def _order(request, order_id: int, role: str) -> Order:
    member = member_of(request, role)
    queryset = Order.objects.select_related("customer", "location")
    return get_object_or_404(queryset, pk=order_id, organization=member.organization)


def _reload(line: OrderLine) -> OrderLine:
    return OrderLine.objects.select_related("product").get(pk=line.pk)
