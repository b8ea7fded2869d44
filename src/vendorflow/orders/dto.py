"""Plain data the Amazon integration hands to the order services (snake_case, no Amazon types).

`integrations/amazon/mapping.py` builds these from Amazon's payloads; `orders/importing.py` consumes
them. Neither side imports the other.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import orjson


@dataclass(frozen=True)
class PurchaseOrderLine:
    item_sequence_number: str
    asin: str
    vendor_product_id: str
    ordered_quantity: int  # as Amazon expresses it (cases for Cases lines)
    unit_of_measure: str  # "Cases" or "Eaches"
    unit_size: int  # eaches per case; 1 for Eaches lines
    is_back_order_allowed: bool
    net_cost: Decimal | None
    currency: str
    list_price: Decimal | None

    @property
    def ordered_eaches(self) -> int:
        return self.ordered_quantity * (self.unit_size if self.unit_of_measure == "Cases" else 1)


@dataclass(frozen=True)
class PurchaseOrder:
    po_number: str
    state: str  # New / Acknowledged / Closed
    po_type: str
    payment_method: str
    po_date: datetime
    changed_date: datetime | None
    state_changed_date: datetime | None
    ship_window: tuple[datetime, datetime] | None
    delivery_window: tuple[datetime, datetime] | None
    selling_party_id: str
    buying_party_id: str
    ship_to_party_id: str
    bill_to_party_id: str
    lines: tuple[PurchaseOrderLine, ...]
    raw: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class RejectedPurchaseOrder:
    """A PO on a page that failed validation; it becomes an import exception."""

    po_number: str
    message: str
    raw: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class LineStatus:
    """One line of getPurchaseOrdersStatus, in the line's unit of measure."""

    item_sequence_number: str
    accepted_quantity: int
    rejected_quantity: int
    receiving_status: str = ""


@dataclass(frozen=True)
class PurchaseOrderStatus:
    """One PO of getPurchaseOrdersStatus: whether Amazon has closed it and, when Amazon holds an
    acknowledgement for it, its per-line figures (`lines` is empty otherwise)."""

    po_number: str
    closed: bool  # purchaseOrderStatus CLOSED: the buyer has received everything it will
    selling_party_id: str
    last_updated: datetime | None
    lines: tuple[LineStatus, ...]
    raw: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class CompactPurchaseOrder:
    """A `PurchaseOrder` as plain values (cheap to send between processes): the header fields in
    `PurchaseOrder`'s order up to `lines`, each line's fields in `PurchaseOrderLine`'s order
    followed by its ordered eaches, and the raw PO as JSON text."""

    header: tuple
    lines: tuple[tuple, ...]
    raw_json: str

    @classmethod
    def of(cls, po: PurchaseOrder) -> "CompactPurchaseOrder":
        lines = tuple((*_line_values(line), line.ordered_eaches) for line in po.lines)
        header = tuple(getattr(po, name) for name in _HEADER_FIELDS)
        return cls(header, lines, orjson.dumps(po.raw).decode())

    po_number = property(lambda self: self.header[0])
    state = property(lambda self: self.header[1])
    po_date = property(lambda self: self.header[4])
    changed_date = property(lambda self: self.header[5])
    state_changed_date = property(lambda self: self.header[6])
    ship_to_party_id = property(lambda self: self.header[11])

    @property
    def raw(self) -> dict[str, Any]:
        return orjson.loads(self.raw_json)

    def purchase_order(self) -> PurchaseOrder:
        lines = tuple(PurchaseOrderLine(*line[:-1]) for line in self.lines)
        values = (*self.header, lines, self.raw)  # every field, in `PurchaseOrder`'s order
        return PurchaseOrder(*values)


_HEADER_FIELDS = tuple(f for f in PurchaseOrder.__dataclass_fields__ if f not in ("lines", "raw"))
_LINE_FIELDS = tuple(PurchaseOrderLine.__dataclass_fields__)


def _line_values(line: PurchaseOrderLine) -> tuple:
    return tuple(getattr(line, name) for name in _LINE_FIELDS)
