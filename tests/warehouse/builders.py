"""Builders for warehouse tests: a channel, a customer and products with every kind of code."""

from dataclasses import dataclass
from datetime import UTC, datetime

from tests import factories

PO_DATE = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


@dataclass
class World:
    org: object
    channel: object
    customer: object
    soap: object  # SKU-1: each barcode, case of 12 with a case barcode, ASIN B0SOAP0001
    brush: object  # SKU-2: each barcode, ASIN B0BRUSH002


def world(org) -> World:
    channel = factories.make_channel(org, vendor_code="VEND1")
    customer = factories.make_customer(org, "AMZ-BLR7")
    soap = factories.make_product(
        org,
        "SKU-1",
        barcodes=["8901000000011", "0890100000011"],
        case_pack_size=12,
        case_barcode="18901000000018",
    )
    brush = factories.make_product(org, "SKU-2", barcodes=["8901000000028"])
    factories.map_product(channel, soap, asin="B0SOAP0001")
    factories.map_product(channel, brush, asin="B0BRUSH002", vendor_product_id="BRUSH-V")
    return World(org, channel, customer, soap, brush)


def soap_line(**kw) -> dict:
    return {"asin": "B0SOAP0001", "vendor_product_id": "SOAP-V", **kw}


def order_for(w: World, lines, po_number: str = "4Z32PABC", **kw):
    kw.setdefault("po_date", PO_DATE)
    customer = kw.pop("customer", w.customer)
    return factories.make_order(w.channel, customer, po_number=po_number, lines=lines, **kw)


def line(order, n: int = 1):
    return order.lines.get(item_sequence_number=str(n))


# PO windows the acknowledgement tests date their plans in.
WINDOWS = {
    "ship_window_start": datetime(2026, 12, 1, 6, 0, tzinfo=UTC),
    "ship_window_end": datetime(2026, 12, 5, 6, 0, tzinfo=UTC),
    "delivery_window_start": datetime(2026, 12, 3, 9, 0, tzinfo=UTC),
    "delivery_window_end": datetime(2026, 12, 9, 9, 0, tzinfo=UTC),
}
