"""Scanning: a barcode read (or a bulk quantity) counts eaches against an order line.

A code resolves to a product (each barcode, case barcode, SKU code, or the channel's ASIN /
vendor product id mapping) and then to the order's first line for that product with room. The
count is raised with a conditional UPDATE whose WHERE keeps `scanned_eaches <= ordered_eaches`,
so two scanners on the same line can never overshoot. Refusals write nothing. A counted scan
also packs its eaches into the PO's open box, and an undo takes them out (shipping/packing.py).
"""

import fcntl
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NoReturn

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper
from django.db.models import F
from django.utils import timezone

from vendorflow.accounts import audit
from vendorflow.catalog.barcodes import gtin14
from vendorflow.catalog.models import Product
from vendorflow.catalog.services import find_product_by_code, find_product_by_identifier
from vendorflow.orders.choices import EventKind, OrderStatus, ScanKind, UnitOfMeasure
from vendorflow.orders.models import Order, OrderEvent, OrderLine, Scan
from vendorflow.orders.totals import move_scanned
from vendorflow.shipping import packing

SCANNABLE_STATUSES = {OrderStatus.OPEN}


@dataclass(frozen=True)
class ScanResult:
    ok: bool
    message: str
    code: str = "ok"  # machine-readable outcome for handheld apps
    line: OrderLine | None = None
    scan: Scan | None = None
    quantity_eaches: int = 0
    warning: str = ""  # counted, but worth a look: eaches that are not a whole case


@dataclass(frozen=True)
class ResolvedCode:
    product: Product
    eaches: int  # eaches one read of this code counts
    kind: str  # ScanKind


class ScanRefused(Exception):
    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(message)


def line_label(line: OrderLine) -> str:
    name = line.product.sku if line.product is not None else (line.asin or line.vendor_product_id)
    return f"Line {line.item_sequence_number} ({name})"


def record_scan(*, order: Order, barcode: str, user, location=None) -> ScanResult:
    """Count one read of `barcode` against `order`. Refusals return ok=False and write nothing."""
    code = (barcode or "").strip()
    # The catalog look-up only reads, so it runs before the write transaction: the order lock
    # (and on SQLite the database's single write lock) is held for four short statements.
    resolved = resolve_code(order, code) if code else None
    try:
        with _scan_transaction():
            order = _lock_scannable(order)
            if not code:
                raise ScanRefused("empty", "Scan or type a barcode.")
            if resolved is None:
                _refuse_unresolved(order, code)
            line = _line_for_code(order, code, resolved)
            scan = _count(
                order,
                line,
                resolved.eaches,
                user=user,
                barcode=code,
                kind=resolved.kind,
                location_id=location.pk if location else order.location_id,
            )
    except ScanRefused as refused:
        return ScanResult(ok=False, message=refused.message, code=refused.code)
    return _ok(line, scan)


def record_bulk(*, line: OrderLine, quantity_eaches: int, user) -> Scan:
    """Add a typed quantity to a line (for large lines); at most what is left to scan."""
    with _scan_transaction():
        order = _lock_scannable_or_error(line.order)
        line = (
            OrderLine.objects.select_for_update(of=("self",))
            .select_related("product")
            .get(pk=line.pk)
        )
        _check_bulk_quantity(line, quantity_eaches)
        scan = _count(
            order,
            line,
            quantity_eaches,
            user=user,
            barcode="",
            kind=ScanKind.BULK,
            location_id=order.location_id,
        )
        _event(
            order,
            EventKind.SCANNED,
            f"{line_label(line)}: {eaches_text(quantity_eaches)} entered in bulk",
            user,
            {"line": line.item_sequence_number, "eaches": quantity_eaches},
        )
        audit.record(
            organization=order.organization,
            actor=user,
            action="order.scan_bulk",
            obj=order,
            changes={"line": line.item_sequence_number, "eaches": quantity_eaches},
        )
    return scan


def record_quantity(*, order: Order, barcode: str, quantity: int, user) -> ScanResult:
    """`quantity` reads of `barcode` at once (a case barcode counts cases), entered on the order's
    line for that product with room for them: a bulk entry that needs no line id. Refusals
    return ok=False and write nothing."""
    code = (barcode or "").strip()
    try:
        line, eaches = _line_for_quantity(order, code, quantity)
        scan = record_bulk(line=line, quantity_eaches=eaches, user=user)
    except ScanRefused as refused:
        return ScanResult(ok=False, message=refused.message, code=refused.code)
    except ValidationError as error:
        code = "order_locked" if "order" in getattr(error, "error_dict", {}) else "invalid"
        return ScanResult(ok=False, message=" ".join(error.messages), code=code)
    line = OrderLine.objects.select_related("product").get(pk=line.pk)
    message = (
        f"{line_label(line)}: {eaches_text(eaches)} added — "
        f"{line.scanned_eaches} of {line.ordered_eaches} eaches scanned" + _cases_note(line)
    )
    return ScanResult(ok=True, message=message, line=line, scan=scan, quantity_eaches=eaches)


def _line_for_quantity(order: Order, code: str, quantity: int) -> tuple[OrderLine, int]:
    """The line `quantity` reads of `code` go on, and the eaches they count (read only: the
    bulk entry locks the line and checks its room again)."""
    if not code:
        raise ScanRefused("empty", "Scan or type a barcode.")
    resolved = resolve_code(order, code)
    if resolved is None:
        _refuse_unresolved(order, code)
    if resolved.eaches < 1:
        raise ScanRefused(
            "no_case_pack",
            f"{code} is the case barcode of {resolved.product.sku}, "
            "which has no case pack size set.",
        )
    lines = list(order.lines.filter(product=resolved.product).order_by("id"))
    if not lines:
        raise ScanRefused("not_on_order", f"{resolved.product.sku} is not on this order.")
    for line in lines:
        line.product = resolved.product
    eaches = resolved.eaches * quantity
    return _line_with_room(lines, eaches), eaches


def undo_last_scan(*, order: Order, user) -> Scan:
    """Undo this user's most recent scan on the order: mark it undone and take its eaches off."""
    with _scan_transaction():
        order = _lock_scannable_or_error(order)
        scan = (
            Scan.objects.select_related("line__product")
            .filter(order=order, user=user, undone_at__isnull=True)
            .order_by("-created_at", "-id")
            .first()
        )
        if scan is None:
            raise ValidationError({"scan": "You have no scan to undo on this order."})
        _take_off(scan, user)
        _event(
            order,
            EventKind.SCAN_UNDONE,
            f"{line_label(scan.line)}: scan of {eaches_text(scan.quantity_eaches)} undone",
            user,
            {"scan": scan.pk},
        )
    return scan


# -- resolving a code ------------------------------------------------------------------------------


def resolve_code(order: Order, code: str) -> ResolvedCode | None:
    """The product a code names in the order's organization, and how many eaches it counts.

    Each barcode, SKU code or case barcode (the catalog's look-up), then the channel's ASIN /
    vendor id mapping.
    """
    found = find_product_by_code(organization=order.organization, code=code)
    if found is None:
        return _resolve_by_mapping(order, code)
    product, eaches = found
    is_case = bool(product.case_barcode) and gtin14(product.case_barcode) == gtin14(code)
    if is_case:  # a case of unknown size counts nothing (refused with a reason)
        return ResolvedCode(product, product.case_pack_size or 0, ScanKind.CASE)
    return ResolvedCode(product, eaches, ScanKind.BARCODE)


def _resolve_by_mapping(order: Order, code: str) -> ResolvedCode | None:
    product = find_product_by_identifier(
        organization=order.organization, code=code, channel_id=order.channel_id
    )
    return ResolvedCode(product, 1, ScanKind.BARCODE) if product else None


def _line_for_code(order: Order, code: str, resolved: ResolvedCode) -> OrderLine:
    if resolved.eaches < 1:
        raise ScanRefused(
            "no_case_pack",
            f"{code} is the case barcode of {resolved.product.sku}, "
            "which has no case pack size set.",
        )
    lines = list(order.lines.select_for_update(of=("self",)).filter(product=resolved.product))
    if not lines:
        raise ScanRefused("not_on_order", f"{resolved.product.sku} is not on this order.")
    for line in lines:
        line.product = resolved.product  # the product just read; no join needed
    return _line_with_room(lines, resolved.eaches)


def _refuse_unresolved(order: Order, code: str) -> NoReturn:
    unmapped = order.lines.filter(product__isnull=True)
    line = (
        unmapped.filter(asin__iexact=code).first()
        or unmapped.filter(vendor_product_id=code).first()
    )
    if line:
        raise ScanRefused("needs_mapping", _needs_mapping_message(line))
    raise ScanRefused(
        "unknown_barcode", f"Unknown barcode {code}: no product, SKU or ASIN has this code."
    )


def _needs_mapping_message(line: OrderLine) -> str:
    return (
        f"{line_label(line)} needs mapping: map ASIN {line.asin or '-'} to a SKU in the catalog "
        "before it can be scanned."
    )


def _line_with_room(lines: list[OrderLine], count: int) -> OrderLine:
    for line in lines:
        if line.ordered_eaches - line.scanned_eaches >= count:
            return line
    partly = next((line for line in lines if line.scanned_eaches < line.ordered_eaches), None)
    if partly is None:
        line = lines[0]
        raise ScanRefused("line_complete", _complete_message(line))
    left = partly.ordered_eaches - partly.scanned_eaches
    raise ScanRefused(
        "no_room",
        f"{line_label(partly)} has room for {left} more {_word(left)}; this code counts {count}.",
    )


def _complete_message(line: OrderLine) -> str:
    counted = f"{line.scanned_eaches} of {line.ordered_eaches} eaches scanned"
    return f"{line_label(line)} is complete: {counted}"


# -- writing ---------------------------------------------------------------------------------------

# SQLite has one write lock for the whole database, and a writer that finds it taken sleeps and
# polls (1, 2, 5 … 100 ms apart) with no queue: under twenty handhelds some scans waited seconds,
# a few past the busy timeout. Scans therefore queue for their turn first, in this process
# (a lock) and across server processes (an flock on a file beside the database), and only then
# open the write transaction. The database's own locking still guarantees correctness; the
# queue only makes waiting fair and wakes the next scanner the moment the lock is free.
_PROCESS_TURN = threading.Lock()
_turn_file = None


@contextmanager
def _scan_transaction():
    if not _queues_for_sqlite_writes():
        with transaction.atomic():
            yield
        return
    with _PROCESS_TURN, _database_turn(), transaction.atomic():
        yield


def _queues_for_sqlite_writes() -> bool:
    """A file-backed SQLite database, and not already inside a transaction."""
    database = connections[DEFAULT_DB_ALIAS]
    if not isinstance(database, SQLiteDatabaseWrapper) or database.in_atomic_block:
        return False
    return not database.is_in_memory_db()


@contextmanager
def _database_turn():
    global _turn_file
    if _turn_file is None:
        _turn_file = open(f"{connection.settings_dict['NAME']}.scan-lock", "a")  # noqa: SIM115
    fcntl.flock(_turn_file, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(_turn_file, fcntl.LOCK_UN)


def _lock_scannable(order: Order) -> Order:
    order = Order.objects.select_for_update(of=("self",)).get(pk=order.pk)
    if order.status not in SCANNABLE_STATUSES:
        raise ScanRefused(
            "order_locked",
            f"Order {order.po_number} is {order.get_status_display().lower()}; scanning is closed.",
        )
    return order


def _lock_scannable_or_error(order: Order) -> Order:
    try:
        return _lock_scannable(order)
    except ScanRefused as refused:
        raise ValidationError({"order": refused.message}) from refused


def _check_bulk_quantity(line: OrderLine, quantity: int) -> None:
    if line.product_id is None:
        raise ValidationError({"quantity_eaches": _needs_mapping_message(line)})
    left = line.ordered_eaches - line.scanned_eaches
    if quantity is None or quantity < 1:
        raise ValidationError({"quantity_eaches": "Enter a quantity of at least 1 each."})
    if quantity > left:
        raise ValidationError(
            {
                "quantity_eaches": f"{line_label(line)} has {eaches_text(left)} left to scan; "
                f"{quantity} is too many."
            }
        )


def add_eaches(line_id: int, quantity: int) -> bool:
    """Raise a line's scanned count unless that would pass the ordered eaches. True if it did."""
    changed = OrderLine.objects.filter(
        pk=line_id, scanned_eaches__lte=F("ordered_eaches") - quantity
    ).update(scanned_eaches=F("scanned_eaches") + quantity)
    return changed == 1


def _count(order, line, eaches, *, user, barcode, kind, location_id) -> Scan:
    if not add_eaches(line.pk, eaches):
        line.refresh_from_db(fields=["scanned_eaches", "ordered_eaches"])
        raise ScanRefused("line_complete", _complete_message(line))
    move_scanned(order_id=order.pk, eaches=eaches)
    line.scanned_eaches += eaches
    packing.pack_scanned(order=order, line=line, eaches=eaches, user=user)
    return Scan.objects.create(
        organization_id=order.organization_id,
        order=order,
        line=line,
        user=user,
        location_id=location_id,
        barcode=barcode[:64],
        kind=kind,
        quantity_eaches=eaches,
    )


def _take_off(scan: Scan, user) -> None:
    packing.unpack_scanned(order=scan.order, line=scan.line, eaches=scan.quantity_eaches, user=user)
    taken = OrderLine.objects.filter(
        pk=scan.line_id, scanned_eaches__gte=scan.quantity_eaches
    ).update(scanned_eaches=F("scanned_eaches") - scan.quantity_eaches)
    if taken:
        move_scanned(order_id=scan.order_id, eaches=-scan.quantity_eaches)
    scan.undone_at = timezone.now()
    scan.undone_by = user
    scan.save(update_fields=["undone_at", "undone_by"])


def _ok(line: OrderLine, scan: Scan) -> ScanResult:
    what = "1 each" if scan.quantity_eaches == 1 else f"a case of {scan.quantity_eaches} eaches"
    message = (
        f"{line_label(line)}: {what} — "
        f"{line.scanned_eaches} of {line.ordered_eaches} eaches scanned" + _cases_note(line)
    )
    return ScanResult(
        ok=True,
        message=message,
        line=line,
        scan=scan,
        quantity_eaches=scan.quantity_eaches,
        warning=loose_eaches_warning(line),
    )


def loose_eaches_warning(line: OrderLine) -> str:
    """For a case-ordered line whose scanned eaches are not whole cases, what that means."""
    if line.unit_of_measure != UnitOfMeasure.CASES or line.unit_size < 2:
        return ""
    loose = line.scanned_eaches % line.unit_size
    if not loose:
        return ""
    cases = line.scanned_eaches // line.unit_size
    missing = line.unit_size - loose
    return (
        f"Not a whole case: {eaches_text(line.scanned_eaches)} on {line_label(line)}, ordered in "
        f"cases of {line.unit_size}. Only {cases} {'case' if cases == 1 else 'cases'} can be "
        f"accepted: scan {eaches_text(missing)} more to finish the case, or undo {loose}."
    )


def eaches_text(count: int) -> str:
    """A count of eaches in words: "1 each", "2 eaches"."""
    return f"{count} {_word(count)}"


def _word(count: int) -> str:
    return "each" if count == 1 else "eaches"


def cases_scanned(line: OrderLine) -> str:
    """Whole cases scanned of a case-ordered line: "0 of 1 case", "2 of 3 cases"."""
    unit = "case" if line.ordered_quantity == 1 else "cases"
    return f"{line.scanned_eaches // line.unit_size} of {line.ordered_quantity} {unit}"


def _cases_note(line: OrderLine) -> str:
    if line.unit_of_measure != UnitOfMeasure.CASES:
        return ""
    return f" ({cases_scanned(line)})"


def _event(order: Order, kind: str, message: str, user, data: dict) -> None:
    OrderEvent.objects.create(
        organization_id=order.organization_id,
        order=order,
        kind=kind,
        message=message,
        actor=user,
        data=data,
    )
