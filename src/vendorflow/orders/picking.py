"""Pick lists: what to take from the shelves for one PO or a batch of POs, grouped by SKU.

Each row is one product: its bin, a barcode to scan, the eaches still to pick (ordered less
already scanned) in cases and loose eaches, and which PO each unit goes to — the POs due first
on top. Lines that need mapping are listed apart: nobody can pick an unknown product.
A batch reads only the chosen orders' lines (at most MAX_BATCH orders), by the line index on
the order.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from barcode import errors as barcode_errors
from django.core.exceptions import ValidationError
from django.utils import timezone

from vendorflow.catalog.models import Barcode, Product
from vendorflow.lib.barcode_images import BarcodeImage, render
from vendorflow.orders.choices import OrderStatus, UnitOfMeasure
from vendorflow.orders.models import Order, OrderLine

MAX_BATCH = 200
PICKABLE_STATUSES = {OrderStatus.OPEN}


@dataclass(frozen=True)
class Drop:
    """Eaches of one product for one PO line."""

    order: Order
    line: OrderLine
    eaches: int

    @property
    def quantity_text(self) -> str:
        return quantity_text(self.eaches, self.line.unit_size if _by_case(self.line) else 0)


@dataclass
class PickRow:
    product: Product
    barcode: BarcodeImage | None
    case_size: int  # 0: not picked by the case
    drops: list[Drop] = field(default_factory=list)

    @property
    def eaches(self) -> int:
        return sum(drop.eaches for drop in self.drops)

    @property
    def cases(self) -> int:
        return self.eaches // self.case_size if self.case_size else 0

    @property
    def loose(self) -> int:
        return self.eaches % self.case_size if self.case_size else self.eaches

    @property
    def quantity_text(self) -> str:
        return quantity_text(self.eaches, self.case_size)


@dataclass(frozen=True)
class PickList:
    organization_name: str
    orders: list[Order]
    rows: list[PickRow]
    unmapped: list[OrderLine]
    created_at: datetime

    @property
    def eaches(self) -> int:
        return sum(row.eaches for row in self.rows)

    @property
    def po_numbers(self) -> list[str]:
        return [order.po_number for order in self.orders]


def quantity_text(eaches: int, case_size: int) -> str:
    """ "14 eaches", or with a case size "2 cases of 6 + 2 eaches"."""
    each_word = "each" if eaches == 1 else "eaches"
    if not case_size or eaches < case_size:
        return f"{eaches} {each_word}"
    cases, loose = divmod(eaches, case_size)
    text = f"{cases} {'case' if cases == 1 else 'cases'} of {case_size}"
    return text + (f" + {loose} {'each' if loose == 1 else 'eaches'}" if loose else "")


def orders_for_pick_list(*, organization, order_ids: Iterable[int]) -> list[Order]:
    """The organization's chosen orders, due first; refuses too many and any not open."""
    ids = sorted(set(order_ids))
    if not ids:
        raise ValidationError({"orders": "Choose at least one order."})
    if len(ids) > MAX_BATCH:
        raise ValidationError(
            {"orders": f"A pick list takes at most {MAX_BATCH} orders; {len(ids)} were chosen."}
        )
    if any(pk < 1 or pk >= 2**63 for pk in ids):  # no database id: refused before any query
        raise ValidationError({"orders": "Some of the chosen orders do not exist."})
    orders = list(
        Order.objects.filter(organization=organization, pk__in=ids)
        .select_related("customer", "location", "organization")
        .defer("raw_payload")
        .order_by("ack_due_at", "po_number")
    )
    if len(orders) != len(ids):
        raise ValidationError({"orders": "Some of the chosen orders do not exist."})
    closed = [order.po_number for order in orders if order.status not in PICKABLE_STATUSES]
    if closed:
        raise ValidationError(
            {"orders": f"Only open orders are picked; not open: {', '.join(closed)}."}
        )
    return orders


def build_pick_list(*, organization, orders: Sequence[Order], barcodes: bool = True) -> PickList:
    by_id = {order.pk: order for order in orders}
    lines = (
        OrderLine.objects.filter(order_id__in=list(by_id))
        .select_related("product")
        .order_by("order_id", "id")
    )
    rows: dict[int, PickRow] = {}
    unmapped: list[OrderLine] = []
    for line in lines:
        left = line.ordered_eaches - line.scanned_eaches
        if left <= 0:
            continue
        line.order = by_id[line.order_id]
        if line.product is None:
            unmapped.append(line)
            continue
        row = rows.setdefault(line.product.pk, PickRow(line.product, None, _case_size(line)))
        row.drops.append(Drop(line.order, line, left))
    if barcodes:
        _add_barcodes(rows)
    for row in rows.values():
        row.drops.sort(key=lambda drop: (drop.order.ack_due_at, drop.order.po_number))
    return PickList(
        organization_name=organization.name,
        orders=list(orders),
        rows=sorted(rows.values(), key=_shelf_order),
        unmapped=unmapped,
        created_at=timezone.now(),
    )


def pick_list_for(*, organization, order_ids: Iterable[int]) -> PickList:
    orders = orders_for_pick_list(organization=organization, order_ids=order_ids)
    return build_pick_list(organization=organization, orders=orders)


def _by_case(line: OrderLine) -> bool:
    return line.unit_of_measure == UnitOfMeasure.CASES and line.unit_size > 1


def _case_size(line: OrderLine) -> int:
    assert line.product is not None
    if line.product.case_pack_size and line.product.case_pack_size > 1:
        return line.product.case_pack_size
    return line.unit_size if _by_case(line) else 0


def _shelf_order(row: PickRow) -> tuple:
    """Walk the shelves in bin order; products without a bin come last, by SKU."""
    return (row.product.bin == "", row.product.bin, row.product.sku)


def _add_barcodes(rows: dict[int, PickRow]) -> None:
    """Each product's first each barcode (by code), or else its SKU, as an image."""
    first: dict[int, str] = {}
    codes = Barcode.objects.filter(product_id__in=list(rows)).order_by("product_id", "code")
    for product_id, code in codes.values_list("product_id", "code"):
        first.setdefault(product_id, code)
    for product_id, row in rows.items():
        row.barcode = barcode_for(first.get(product_id) or row.product.sku)


def barcode_for(code: str) -> BarcodeImage | None:
    """The code as an image, or None for one no symbology can carry (e.g. non-ASCII letters)."""
    try:
        return render(code)
    except (ValueError, TypeError, barcode_errors.BarcodeError):
        return None


CSV_COLUMNS = [
    "bin",
    "sku",
    "name",
    "barcode",
    "sku_eaches",
    "sku_cases",
    "case_size",
    "po_number",
    "fc",
    "item_sequence_number",
    "eaches",
]


def csv_rows(pick_list: PickList) -> Iterable[list]:
    """One row per PO line to pick, in the list's order; the SKU's totals repeat on each."""
    for row in pick_list.rows:
        for drop in row.drops:
            yield [
                row.product.bin,
                row.product.sku,
                row.product.name,
                row.barcode.code if row.barcode else "",
                row.eaches,
                row.cases if row.case_size else "",
                row.case_size or "",
                drop.order.po_number,
                drop.order.ship_to_code,
                drop.line.item_sequence_number,
                drop.eaches,
            ]
