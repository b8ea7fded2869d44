"""Plain data the Amazon integration hands to the order services (snake_case, no Amazon types).

`integrations/amazon/mapping.py` builds these from Amazon's payloads; `orders/importing.py` consumes
them. Neither side imports the other.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any


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
