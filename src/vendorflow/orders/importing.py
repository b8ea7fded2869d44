"""Purchase orders → B2B orders: the page import, held POs and their reprocessing.

One call of `import_purchase_orders` is one page from Amazon, written in one transaction with a
fixed number of queries however many POs the page holds (see docs/import.md).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass
from datetime import datetime, timedelta
from itertools import groupby

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from vendorflow.catalog.models import Location, ProductMapping
from vendorflow.channels.models import AmazonChannel
from vendorflow.customers.models import WarehouseCodeMapping
from vendorflow.orders import dto
from vendorflow.orders.bulk import JsonText, insert_rows, insert_values, update_objects
from vendorflow.orders.choices import EventKind, ExceptionReason, ExceptionStatus, OrderStatus
from vendorflow.orders.import_payload import payload_for, purchase_order_from_payload
from vendorflow.orders.models import ImportException, Order, OrderEvent, OrderLine

NO_CUSTOMER_MESSAGE = "No customer is mapped to marketplace warehouse code {code}"
ACK_WINDOW = timedelta(hours=24)
CLOSED_STATE = "Closed"
REPROCESS_BATCH = 100
_UNITS = frozenset(("Cases", "Eaches"))


@dataclass(frozen=True)
class ImportResult:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    held: int = 0
    invalid: int = 0

    def __add__(self, other: "ImportResult") -> "ImportResult":
        return ImportResult(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))


def normalize_code(code: str) -> str:
    return (code or "").strip().upper()


@dataclass
class PageContext:
    """Everything a page needs from the database, loaded up front in a handful of queries."""

    channel: AmazonChannel
    now: datetime
    codes: dict[str, tuple[int, int | None]]  # FC code → (customer id, mapped location id)
    customer_names: dict[int, str]  # customer id → name, of the customers in `codes`
    default_location_id: int | None
    by_asin: dict[str, int]
    by_vendor_id: dict[str, int]
    existing: dict[str, dict]  # PO number → id and stored change dates

    def customer_for(self, code: str) -> tuple[int, int | None] | None:
        found = self.codes.get(normalize_code(code))
        if found is None:
            return None
        customer_id, location_id = found
        return customer_id, location_id or self.default_location_id

    def product_for(self, asin: str, vendor_product_id: str) -> int | None:
        return self.by_asin.get(asin) or self.by_vendor_id.get(vendor_product_id)


# ---------------------------------------------------------------------------------------------
# The page import


def import_purchase_orders(
    *,
    channel: AmazonChannel,
    purchase_orders: Sequence[dto.PurchaseOrder | dto.CompactPurchaseOrder],
    rejected: Iterable[dto.RejectedPurchaseOrder] = (),
) -> ImportResult:
    """Write one page of POs. A concurrent writer of the same PO makes us re-read and go again."""
    purchase_orders, rejected = _split_invalid(_latest_per_number(purchase_orders), list(rejected))
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                return _import_page(channel, purchase_orders, rejected)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _import_page(channel, purchase_orders, rejected) -> ImportResult:
    from vendorflow.orders.import_changes import apply_changes

    ctx = load_context(channel, purchase_orders)
    new, changed, unchanged, held = _partition(ctx, purchase_orders)
    _create_orders(ctx, [_compact(po) for po in new])
    apply_changes(ctx, [_full(po) for po in changed])
    _hold(ctx, [_full(po) for po in held])
    _quarantine(ctx, rejected)
    resolve_exceptions(channel=channel, po_numbers=[po.po_number for po in [*new, *changed]])
    return ImportResult(len(new), len(changed), len(unchanged), len(held), len(rejected))


def _latest_per_number(purchase_orders) -> list[dto.PurchaseOrder]:
    """Amazon may repeat a PO within a page; the most recently changed version wins."""
    latest: dict[str, dto.PurchaseOrder] = {}
    for po in purchase_orders:
        seen = latest.get(po.po_number)
        if seen is None or _version(po) >= _version(seen):
            latest[po.po_number] = po
    return list(latest.values())


def _version(po: dto.PurchaseOrder) -> tuple[datetime, datetime]:
    return (po.changed_date or po.po_date, po.state_changed_date or po.po_date)


def _full(po) -> dto.PurchaseOrder:
    return po.purchase_order() if isinstance(po, dto.CompactPurchaseOrder) else po


def _compact(po) -> dto.CompactPurchaseOrder:
    return po if isinstance(po, dto.CompactPurchaseOrder) else dto.CompactPurchaseOrder.of(po)


def _split_invalid(purchase_orders, rejected):
    valid = []
    for po in purchase_orders:
        if isinstance(po, dto.CompactPurchaseOrder):
            if _compact_fits(po):
                valid.append(po)
                continue
            po = po.purchase_order()
        problem = validation_problem(po)
        if problem:
            rejected.append(dto.RejectedPurchaseOrder(po.po_number, problem, raw=po.raw))
        else:
            valid.append(po)
    return valid, rejected


def validation_problem(po: dto.PurchaseOrder) -> str:
    """What in a mapped PO the database could not hold; '' when it can be imported."""
    header = [
        (not po.po_number or len(po.po_number) > 32, "purchaseOrderNumber must be 1-32 characters"),
        (not normalize_code(po.ship_to_party_id), "shipToParty.partyId is missing"),
        (len(po.ship_to_party_id.strip()) > 20, "shipToParty.partyId is longer than 20 characters"),
        (po.po_date is None or po.po_date.tzinfo is None, "purchaseOrderDate needs a time zone"),
    ]
    problems = [message for failed, message in header if failed]
    sequences = {line.item_sequence_number for line in po.lines}
    if len(sequences) != len(po.lines):
        problems.append("itemSequenceNumber is repeated")
    if not _lines_fit(po.lines):
        problems += [p for line in po.lines for p in _line_problems(line)]
    return "; ".join(problems)


def _lines_fit(lines: Sequence[dto.PurchaseOrderLine]) -> bool:
    """The fast path of `_line_problems`: every line fits (one pass, no per-line call)."""
    return all(
        0 < len(line.item_sequence_number) <= 10
        and len(line.asin) <= 20
        and len(line.vendor_product_id) <= 64
        and line.ordered_quantity >= 0
        and line.unit_size >= 1
        and line.unit_of_measure in _UNITS
        and len(line.currency) <= 3
        for line in lines
    )


def _compact_fits(po: dto.CompactPurchaseOrder) -> bool:
    """`validation_problem(po.purchase_order())` is '' (the fast path, on the plain values)."""
    ship_to = po.ship_to_party_id
    lines = po.lines
    return (
        0 < len(po.po_number) <= 32
        and bool(normalize_code(ship_to))
        and len(ship_to.strip()) <= 20
        and po.po_date is not None
        and po.po_date.tzinfo is not None
        and len({line[0] for line in lines}) == len(lines)
        and all(
            0 < len(seq) <= 10
            and len(asin) <= 20
            and len(vendor_id) <= 64
            and quantity >= 0
            and unit_size >= 1
            and unit in _UNITS
            and len(currency) <= 3
            for seq, asin, vendor_id, quantity, unit, unit_size, _, _, currency, *_ in lines
        )
    )


def _line_problems(line: dto.PurchaseOrderLine) -> list[str]:
    where = f"item {line.item_sequence_number}"
    checks = [
        (
            not 0 < len(line.item_sequence_number) <= 10,
            "itemSequenceNumber must be 1-10 characters",
        ),
        (len(line.asin) > 20, "amazonProductIdentifier is longer than 20 characters"),
        (len(line.vendor_product_id) > 64, "vendorProductIdentifier is longer than 64 characters"),
        (line.ordered_quantity < 0, "orderedQuantity must not be negative"),
        (line.unit_size < 1, "unitSize must be at least 1"),
        (line.unit_of_measure not in _UNITS, f"unknown unitOfMeasure {line.unit_of_measure!r}"),
        (len(line.currency) > 3, "currencyCode must be 3 letters"),
    ]
    return [f"{where}: {message}" for failed, message in checks if failed]


def load_context(
    channel: AmazonChannel, purchase_orders: Sequence[dto.PurchaseOrder]
) -> PageContext:
    codes = {normalize_code(po.ship_to_party_id) for po in purchase_orders}
    by_asin, by_vendor_id = _product_mappings(channel, *_identifiers(purchase_orders))
    mappings = _warehouse_mappings(channel.organization_id, codes)
    return PageContext(
        channel=channel,
        now=timezone.now(),
        codes={code: (customer, location) for code, customer, location, _ in mappings},
        customer_names={customer: name for _, customer, _, name in mappings},
        default_location_id=_default_location_id(channel),
        by_asin=by_asin,
        by_vendor_id=by_vendor_id,
        existing=_existing_orders(channel, [po.po_number for po in purchase_orders]),
    )


def _warehouse_mappings(organization_id, codes) -> list[tuple[str, int, int | None, str]]:
    """(code, customer id, location id, customer name) of the mapped codes among `codes`."""
    if not codes:
        return []
    rows = WarehouseCodeMapping.objects.filter(organization_id=organization_id, code__in=codes)
    return list(rows.values_list("code", "customer_id", "location_id", "customer__name"))


def _default_location_id(channel: AmazonChannel) -> int | None:
    if not channel.default_location_code:
        return None
    locations = Location.objects.filter(
        organization_id=channel.organization_id, code=channel.default_location_code
    )
    return locations.values_list("id", flat=True).first()


def _identifiers(purchase_orders) -> tuple[set[str], set[str]]:
    """The ASINs and vendor product ids of the POs' lines."""
    asins: set[str] = set()
    vendor_ids: set[str] = set()
    for po in purchase_orders:
        if isinstance(po, dto.CompactPurchaseOrder):
            asins.update(line[1] for line in po.lines)
            vendor_ids.update(line[2] for line in po.lines)
        else:
            asins.update(line.asin for line in po.lines)
            vendor_ids.update(line.vendor_product_id for line in po.lines)
    asins.discard("")
    vendor_ids.discard("")
    return asins, vendor_ids


def _product_mappings(channel, asins, vendor_ids) -> tuple[dict[str, int], dict[str, int]]:
    if not asins and not vendor_ids:
        return {}, {}
    rows = ProductMapping.objects.filter(channel=channel).filter(
        Q(asin__in=asins) | Q(vendor_product_id__in=vendor_ids)
    )
    by_asin, by_vendor_id = {}, {}
    for asin, vendor_id, product_id in rows.values_list("asin", "vendor_product_id", "product_id"):
        if asin:
            by_asin[asin] = product_id
        if vendor_id:
            by_vendor_id[vendor_id] = product_id
    return by_asin, by_vendor_id


def _existing_orders(channel, po_numbers) -> dict[str, dict]:
    if not po_numbers:
        return {}
    rows = Order.objects.filter(channel=channel, po_number__in=po_numbers).values(
        "id", "po_number", "po_changed_date", "po_state_changed_date"
    )
    return {row["po_number"]: dict(row) for row in rows}


def _partition(ctx: PageContext, purchase_orders: list[dto.PurchaseOrder]):
    new: list[dto.PurchaseOrder] = []
    changed: list[dto.PurchaseOrder] = []
    unchanged: list[dto.PurchaseOrder] = []
    held: list[dto.PurchaseOrder] = []
    for po in purchase_orders:
        stored = ctx.existing.get(po.po_number)
        if stored is not None:
            (changed if is_newer(po, stored) else unchanged).append(po)
        elif ctx.customer_for(po.ship_to_party_id) is None:
            held.append(po)
        else:
            new.append(po)
    return new, changed, unchanged, held


def is_newer(po: dto.PurchaseOrder, stored: dict) -> bool:
    """A PO is changed when Amazon's change date (or its state-change date) moved forward."""
    return _later(po.changed_date, stored["po_changed_date"]) or _later(
        po.state_changed_date, stored["po_state_changed_date"]
    )


def _later(new: datetime | None, old: datetime | None) -> bool:
    return new is not None and (old is None or new > old)


# ---------------------------------------------------------------------------------------------
# New orders


def header_values(po: dto.PurchaseOrder) -> dict:
    """The order fields that come straight from the PO header."""
    ship = po.ship_window or (None, None)
    delivery = po.delivery_window or (None, None)
    return {
        "ship_to_code": normalize_code(po.ship_to_party_id),
        "amazon_state": po.state,
        "po_type": po.po_type[:32],
        "payment_method": po.payment_method[:32],
        "po_date": po.po_date,
        "po_changed_date": po.changed_date,
        "po_state_changed_date": po.state_changed_date,
        "ship_window_start": ship[0],
        "ship_window_end": ship[1],
        "delivery_window_start": delivery[0],
        "delivery_window_end": delivery[1],
        "ack_due_at": po.po_date + ACK_WINDOW,
        "selling_party_id": po.selling_party_id[:20],
        "buying_party_id": po.buying_party_id[:20],
        "bill_to_party_id": po.bill_to_party_id[:20],
        "raw_payload": po.raw,
    }


def line_values(ctx: PageContext, line: dto.PurchaseOrderLine) -> dict:
    return {
        "item_sequence_number": line.item_sequence_number,
        "asin": line.asin,
        "vendor_product_id": line.vendor_product_id,
        "product": ctx.product_for(line.asin, line.vendor_product_id),
        "ordered_quantity": line.ordered_quantity,
        "unit_of_measure": line.unit_of_measure,
        "unit_size": line.unit_size,
        "ordered_eaches": line.ordered_eaches,
        "is_back_order_allowed": line.is_back_order_allowed,
        "net_cost": line.net_cost,
        "currency": line.currency,
        "list_price": line.list_price,
    }


FINAL_STATUSES = (OrderStatus.CLOSED, OrderStatus.CANCELLED)


def close_order(order: Order, *, at: datetime, message: str, data: dict) -> dict | None:
    """Amazon closed the order's PO: the order is closed, unless it is closed or cancelled
    already. Changes `order` in memory only and returns the `closed` event to write with it, or
    None when nothing changed. Both the import (a PO in state Closed) and the status pass
    (getPurchaseOrdersStatus CLOSED) close orders through here."""
    if order.status in FINAL_STATUSES:
        return None
    order.status = OrderStatus.CLOSED
    order.amazon_state = CLOSED_STATE
    return {
        "organization": order.organization_id,
        "order": order.pk,
        "kind": EventKind.CLOSED,
        "message": message,
        "data": data,
        "created_at": at,
    }


def initial_status(po: dto.PurchaseOrder) -> str:
    if po.state == CLOSED_STATE:
        return OrderStatus.CLOSED
    if po.lines and all(line.ordered_quantity == 0 for line in po.lines):
        return OrderStatus.CANCELLED
    return OrderStatus.OPEN


def waits_for_mapping(line: dict) -> bool:
    return line["product"] is None and line["ordered_quantity"] > 0


# OrderLine columns of a new line, in the order `_line_rows` gives them.
_LINE_COLUMNS = (
    "order", "item_sequence_number", "asin", "vendor_product_id", "product", "ordered_quantity",
    "unit_of_measure", "unit_size", "ordered_eaches", "is_back_order_allowed", "net_cost",
    "currency", "list_price",
)  # fmt: skip


def _create_orders(ctx: PageContext, purchase_orders: list[dto.CompactPurchaseOrder]) -> None:
    if not purchase_orders:
        return
    product_for = ctx.product_for
    products = [[product_for(line[1], line[2]) for line in po.lines] for po in purchase_orders]
    pairs = zip(purchase_orders, products, strict=True)
    insert_rows(Order, [_order_row(ctx, po, po_products) for po, po_products in pairs])
    numbers = [po.po_number for po in purchase_orders]
    ids = dict(
        Order.objects.filter(channel=ctx.channel, po_number__in=numbers).values_list(
            "po_number", "id"
        )
    )
    rows = [
        row
        for po, po_products in zip(purchase_orders, products, strict=True)
        for row in _line_rows(ids[po.po_number], po.lines, po_products)
    ]
    insert_values(OrderLine, _LINE_COLUMNS, rows)
    insert_rows(OrderEvent, [_imported_event(ctx, ids[po.po_number], po) for po in purchase_orders])


def _line_rows(order_id: int, lines: tuple[tuple, ...], products: list[int | None]) -> list[tuple]:
    """New lines' values for `_LINE_COLUMNS` (the same as `line_values`, as rows) from a
    `CompactPurchaseOrder`'s lines."""
    return [
        (
            order_id, seq, asin, vendor_id, product_id, quantity, unit, unit_size, eaches,
            back_order, net_cost, currency, list_price,
        )
        for (
            seq, asin, vendor_id, quantity, unit, unit_size, back_order, net_cost, currency,
            list_price, eaches,
        ), product_id in zip(lines, products, strict=True)
    ]  # fmt: skip


def _compact_header(po: dto.CompactPurchaseOrder) -> dict:
    """`header_values` of a compact PO, with the raw PO as the JSON text it carries."""
    (
        _, state, po_type, payment_method, po_date, changed, state_changed, ship, delivery,
        selling, buying, ship_to, bill_to,
    ) = po.header  # fmt: skip
    ship = ship or (None, None)
    delivery = delivery or (None, None)
    return {
        "ship_to_code": normalize_code(ship_to),
        "amazon_state": state,
        "po_type": po_type[:32],
        "payment_method": payment_method[:32],
        "po_date": po_date,
        "po_changed_date": changed,
        "po_state_changed_date": state_changed,
        "ship_window_start": ship[0],
        "ship_window_end": ship[1],
        "delivery_window_start": delivery[0],
        "delivery_window_end": delivery[1],
        "ack_due_at": po_date + ACK_WINDOW,
        "selling_party_id": selling[:20],
        "buying_party_id": buying[:20],
        "bill_to_party_id": bill_to[:20],
        "raw_payload": JsonText(po.raw_json),
    }


def _compact_status(po: dto.CompactPurchaseOrder) -> str:
    """`initial_status` of a compact PO."""
    if po.state == CLOSED_STATE:
        return OrderStatus.CLOSED
    if po.lines and all(line[3] == 0 for line in po.lines):
        return OrderStatus.CANCELLED
    return OrderStatus.OPEN


def _order_row(ctx: PageContext, po: dto.CompactPurchaseOrder, products: list[int | None]) -> dict:
    found = ctx.customer_for(po.ship_to_party_id)
    assert found is not None, "new orders are only made for mapped codes"
    customer_id, location_id = found
    return {
        **_compact_header(po),
        "organization": ctx.channel.organization_id,
        "channel": ctx.channel.pk,
        "sales_channel": ctx.channel.sales_channel_id,
        "customer": customer_id,
        "customer_name": ctx.customer_names[customer_id],
        "location": location_id,
        "po_number": po.po_number,
        "status": _compact_status(po),
        "line_count": len(po.lines),
        "ordered_total": sum(line[10] for line in po.lines),
        "needs_mapping": any(
            product_id is None and line[3] > 0
            for line, product_id in zip(po.lines, products, strict=True)
        ),
        "created_at": ctx.now,
        "updated_at": ctx.now,
    }


def _imported_event(ctx: PageContext, order_id: int, po: dto.CompactPurchaseOrder) -> dict:
    return {
        "organization": ctx.channel.organization_id,
        "order": order_id,
        "kind": EventKind.IMPORTED,
        "message": f"Imported PO {po.po_number} ({len(po.lines)} lines, state {po.state}).",
        "data": {"lines": len(po.lines), "changed_date": _iso(po.changed_date)},
        "created_at": ctx.now,
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


# ---------------------------------------------------------------------------------------------
# Import exceptions

_EXCEPTION_UPDATE_FIELDS = [
    "reason", "message", "ship_to_code", "payload", "po_changed_date", "po_date", "line_count",
    "status", "order", "resolved_at", "updated_at",
]  # fmt: skip


def _upsert_exceptions(exceptions: list[ImportException]) -> None:
    """update_or_create by (channel, PO number) for a whole page, as one statement."""
    if exceptions:
        ImportException.objects.bulk_create(
            exceptions,
            update_conflicts=True,
            unique_fields=["channel", "po_number"],
            update_fields=_EXCEPTION_UPDATE_FIELDS,
        )


def _hold(ctx: PageContext, purchase_orders: list[dto.PurchaseOrder]) -> None:
    _upsert_exceptions([_held(ctx, po) for po in purchase_orders])


def _held(ctx: PageContext, po: dto.PurchaseOrder) -> ImportException:
    code = normalize_code(po.ship_to_party_id)
    return ImportException(
        organization_id=ctx.channel.organization_id,
        channel=ctx.channel,
        po_number=po.po_number,
        reason=ExceptionReason.NO_CUSTOMER,
        message=NO_CUSTOMER_MESSAGE.format(code=code),
        ship_to_code=code,
        payload=payload_for(po),
        po_changed_date=po.changed_date,
        po_date=po.po_date,
        line_count=len(po.lines),
        status=ExceptionStatus.OPEN,
    )


def _quarantine(ctx: PageContext, rejected: list[dto.RejectedPurchaseOrder]) -> None:
    _upsert_exceptions(
        [
            ImportException(
                organization_id=ctx.channel.organization_id,
                channel=ctx.channel,
                po_number=(item.po_number or "(no PO number)")[:64],
                reason=ExceptionReason.INVALID_PAYLOAD,
                message=item.message,
                payload={"raw": item.raw},
                status=ExceptionStatus.OPEN,
            )
            for item in rejected
        ]
    )


def resolve_exceptions(*, channel: AmazonChannel, po_numbers: Sequence[str]) -> int:
    """Close the open exceptions of POs that are orders now, linking each to its order."""
    if not po_numbers:
        return 0
    order = Order.objects.filter(channel=channel, po_number=OuterRef("po_number"))
    return (
        ImportException.objects.filter(
            channel=channel, po_number__in=po_numbers, status=ExceptionStatus.OPEN
        )
        .filter(Exists(order))
        .update(
            status=ExceptionStatus.RESOLVED,
            resolved_at=timezone.now(),
            updated_at=timezone.now(),
            order=Subquery(order.values("id")[:1]),
        )
    )


# ---------------------------------------------------------------------------------------------
# Reprocessing held POs and mapping waiting lines


def reprocess_exceptions(
    *, organization, code: str | None = None, exception_ids: Iterable[int] | None = None
) -> int:
    """Turn held POs whose FC code is mapped now into orders. Returns how many were resolved."""
    held = _reprocessable(organization, code, exception_ids)
    resolved = 0
    for _channel_id, group in groupby(held.iterator(), key=lambda e: e.channel_id):
        for batch in _chunks(list(group), REPROCESS_BATCH):
            resolved += _reprocess_batch(batch)
    return resolved


def _reprocessable(organization, code, exception_ids):
    mapped = WarehouseCodeMapping.objects.filter(organization=organization).values("code")
    held = ImportException.objects.filter(
        organization=organization,
        status=ExceptionStatus.OPEN,
        reason=ExceptionReason.NO_CUSTOMER,
        ship_to_code__in=Subquery(mapped),
    )
    if code is not None:
        held = held.filter(ship_to_code=normalize_code(code))
    if exception_ids is not None:
        held = held.filter(pk__in=list(exception_ids))
    return held.select_related("channel").order_by("channel_id", "id")


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _reprocess_batch(batch: list[ImportException]) -> int:
    channel = batch[0].channel
    purchase_orders = [
        purchase_order_from_payload(e.payload) for e in batch if "purchase_order" in e.payload
    ]
    with transaction.atomic():
        import_purchase_orders(channel=channel, purchase_orders=purchase_orders)
        resolve_exceptions(channel=channel, po_numbers=[e.po_number for e in batch])
        return ImportException.objects.filter(
            pk__in=[e.pk for e in batch], status=ExceptionStatus.RESOLVED
        ).count()


def resolve_lines_for_mappings(*, mappings: Iterable[ProductMapping]) -> int:
    """Give waiting lines of open orders their product now that it is mapped. Returns lines set."""
    by_channel: dict[int, list[ProductMapping]] = defaultdict(list)
    for mapping in mappings:
        by_channel[mapping.channel_id].append(mapping)
    return sum(_resolve_channel_lines(cid, group) for cid, group in by_channel.items())


def _resolve_channel_lines(channel_id: int, mappings: list[ProductMapping]) -> int:
    by_asin = {m.asin: m.product_id for m in mappings if m.asin}
    by_vendor_id = {m.vendor_product_id: m.product_id for m in mappings if m.vendor_product_id}
    with transaction.atomic():
        lines = list(
            OrderLine.objects.select_for_update()
            .filter(order__channel_id=channel_id, order__status=OrderStatus.OPEN)
            .filter(product__isnull=True)
            .filter(Q(asin__in=by_asin) | Q(vendor_product_id__in=by_vendor_id))
            .select_related("order")
        )
        for line in lines:
            line.product_id = by_asin.get(line.asin) or by_vendor_id[line.vendor_product_id]
        update_objects(lines, ["product"])
        _record_mapped_lines(lines)
        _clear_needs_mapping({line.order_id for line in lines})
    return len(lines)


def _record_mapped_lines(lines: list[OrderLine]) -> None:
    by_order: dict[int, list[OrderLine]] = defaultdict(list)
    for line in lines:
        by_order[line.order_id].append(line)
    insert_rows(
        OrderEvent,
        [
            {
                "organization": group[0].order.organization_id,
                "order": order_id,
                "kind": EventKind.LINE_MAPPED,
                "message": "Mapped item " + ", ".join(x.item_sequence_number for x in group),
                "data": {"lines": {x.item_sequence_number: x.product_id for x in group}},
            }
            for order_id, group in by_order.items()
        ],
    )


def _clear_needs_mapping(order_ids: set[int]) -> None:
    waiting = OrderLine.objects.filter(
        order_id__in=order_ids, product__isnull=True, ordered_quantity__gt=0
    ).values("order_id")
    Order.objects.filter(pk__in=order_ids, needs_mapping=True).exclude(pk__in=waiting).update(
        needs_mapping=False, updated_at=timezone.now()
    )


# ---------------------------------------------------------------------------------------------
# Read side: counts for the dashboard and the exceptions page


def open_exception_count(organization) -> int:
    return ImportException.objects.filter(
        organization=organization, status=ExceptionStatus.OPEN
    ).count()


def unmapped_warehouse_codes(organization) -> list[tuple[str, int]]:
    """FC codes that hold POs and still have no customer, with how many POs each holds."""
    mapped = WarehouseCodeMapping.objects.filter(organization=organization).values("code")
    rows = (
        ImportException.objects.filter(
            organization=organization,
            status=ExceptionStatus.OPEN,
            reason=ExceptionReason.NO_CUSTOMER,
        )
        .exclude(ship_to_code__in=Subquery(mapped))
        .values("ship_to_code")
        .annotate(held=Count("id"))
        .order_by("ship_to_code")
    )
    return [(row["ship_to_code"], row["held"]) for row in rows]
