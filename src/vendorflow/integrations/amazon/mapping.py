"""Pure functions between Amazon's payloads (schemas) and the order data (orders.dto)."""

from typing import Any

from pydantic import ValidationError

from vendorflow.integrations.amazon import schemas
from vendorflow.orders import dto


class MappingError(ValueError):
    """A parsed PO that still lacks what an order needs; `field` is the Amazon path."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(f"{field}: {message}")


# --- PO payload -> order data ---------------------------------------------------------------


def parse_purchase_order(raw: Any) -> schemas.Order | dto.RejectedPurchaseOrder:
    """Validate one PO from a page: the parsed order, or a rejection naming every bad field."""
    po_number = raw.get("purchaseOrderNumber") if isinstance(raw, dict) else None
    po_number = po_number if isinstance(po_number, str) else ""
    if not isinstance(raw, dict):
        return dto.RejectedPurchaseOrder(po_number, "(root): a purchase order must be an object")
    try:
        order = schemas.Order.from_amazon(raw)
        purchase_order_to_dto(order)
    except ValidationError as exc:
        return dto.RejectedPurchaseOrder(po_number, describe_validation_error(exc), raw)
    except MappingError as exc:
        return dto.RejectedPurchaseOrder(po_number, str(exc), raw)
    return order


def purchase_order_to_dto(order: schemas.Order) -> dto.PurchaseOrder:
    details = _details(order)
    return dto.PurchaseOrder(
        po_number=order.purchase_order_number,
        # Amazon's sandbox leaves the state out of open POs; a PO without one is treated as New.
        state=str(order.purchase_order_state or schemas.PurchaseOrderState.NEW),
        po_type=str(details.purchase_order_type or ""),
        payment_method=str(details.payment_method or ""),
        po_date=details.purchase_order_date,
        changed_date=details.purchase_order_changed_date,
        state_changed_date=details.purchase_order_state_changed_date,
        ship_window=_window(details.ship_window),
        delivery_window=_window(details.delivery_window),
        selling_party_id=_party_id(details.selling_party, "sellingParty", required=True),
        buying_party_id=_party_id(details.buying_party, "buyingParty"),
        ship_to_party_id=_party_id(details.ship_to_party, "shipToParty", required=True),
        bill_to_party_id=_party_id(details.bill_to_party, "billToParty"),
        lines=tuple(_line(item, index) for index, item in enumerate(details.items)),
        raw=order.as_received(),
    )


def _details(order: schemas.Order) -> schemas.OrderDetails:
    if order.order_details is None:
        raise MappingError("orderDetails", "Field required (request POs with includeDetails=true)")
    if not order.order_details.items:
        raise MappingError("orderDetails.items", "a purchase order needs at least one item")
    return order.order_details


def _party_id(
    party: schemas.PartyIdentification | None, name: str, *, required: bool = False
) -> str:
    if party is None or not party.party_id.strip():
        if required:
            raise MappingError(f"orderDetails.{name}", "Field required")
        return ""
    return party.party_id.strip()


def _window(window: schemas.Window | None) -> tuple | None:
    return (window.start, window.end) if window is not None else None


def _line(item: schemas.OrderItem, index: int) -> dto.PurchaseOrderLine:
    quantity = item.ordered_quantity
    unit = quantity.unit_of_measure or schemas.UnitOfMeasure.EACHES
    unit_size = 1 if unit == schemas.UnitOfMeasure.EACHES else (quantity.unit_size or 1)
    if unit_size < 1:
        path = f"orderDetails.items.{index}.orderedQuantity.unitSize"
        raise MappingError(path, f"must be at least 1, got {quantity.unit_size}")
    return dto.PurchaseOrderLine(
        item_sequence_number=item.item_sequence_number,
        asin=item.amazon_product_identifier or "",
        vendor_product_id=item.vendor_product_identifier or "",
        ordered_quantity=quantity.amount,
        unit_of_measure=str(unit),
        unit_size=unit_size,
        is_back_order_allowed=item.is_back_order_allowed,
        net_cost=item.net_cost.amount if item.net_cost else None,
        currency=_currency(item),
        list_price=item.list_price.amount if item.list_price else None,
    )


def _currency(item: schemas.OrderItem) -> str:
    for money in (item.net_cost, item.list_price):
        if money is not None and money.currency_code:
            return money.currency_code
    return ""


# --- validation messages --------------------------------------------------------------------


def describe_validation_error(exc: ValidationError) -> str:
    """'orderDetails.items.0.orderedQuantity.amount: Input should be ... (got -3)'; '; '-joined."""
    return "; ".join(_describe(error) for error in exc.errors(include_url=False))


def _describe(error: Any) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "(root)"
    message = error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    if error["type"] != "missing" and isinstance(value, str | int | float | bool):
        message += f" (got {value!r})"
    return f"{where}: {message}"
