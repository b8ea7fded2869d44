"""The PO sheet: one order on paper — PO, FC, customer, windows, lines with barcodes, and what
was accepted and rejected once acknowledged."""

from dataclasses import dataclass

from vendorflow.catalog.models import Barcode
from vendorflow.orders import selectors
from vendorflow.orders.models import Acknowledgement, Order, OrderLine
from vendorflow.orders.picking import barcode_for, quantity_text
from vendorflow.orders.templatetags.order_display import quantity


@dataclass(frozen=True)
class SheetLine:
    line: OrderLine
    ordered_text: str
    scanned_text: str
    accepted_text: str
    rejected_text: str
    barcode: object  # BarcodeImage | None


@dataclass(frozen=True)
class PoSheet:
    order: Order
    lines: list[SheetLine]
    acknowledgement: Acknowledgement | None
    po_barcode: object  # BarcodeImage | None: the PO number as a Code 128


def po_sheet(order: Order) -> PoSheet:
    order = Order.objects.select_related(
        "customer", "channel", "location", "sales_channel", "organization"
    ).get(pk=order.pk)
    lines = list(selectors.order_lines(order))
    first_codes = _first_barcodes([line.product_id for line in lines if line.product_id])
    return PoSheet(
        order=order,
        lines=[_sheet_line(line, first_codes) for line in lines],
        acknowledgement=Acknowledgement.objects.filter(order=order).first(),
        po_barcode=barcode_for(order.po_number),
    )


def _sheet_line(line: OrderLine, first_codes: dict[int, str]) -> SheetLine:
    code = ""
    if line.product is not None:
        code = first_codes.get(line.product.pk) or line.product.sku
    size = line.unit_size if line.unit_of_measure == "Cases" else 0
    return SheetLine(
        line=line,
        ordered_text=quantity_text(line.ordered_eaches, size),
        scanned_text=quantity_text(line.scanned_eaches, size),
        accepted_text=_acked(line.ack_accepted, line),
        rejected_text=_acked(line.ack_rejected, line),
        barcode=barcode_for(code) if code else None,
    )


def _acked(amount: int | None, line: OrderLine) -> str:
    return "" if amount is None else quantity(amount, line)


def _first_barcodes(product_ids: list[int]) -> dict[int, str]:
    first: dict[int, str] = {}
    codes = Barcode.objects.filter(product_id__in=product_ids).order_by("product_id", "code")
    for product_id, code in codes.values_list("product_id", "code"):
        first.setdefault(product_id, code)
    return first
