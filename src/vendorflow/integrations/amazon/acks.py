"""Pure builders between the acknowledgement plan (snake_case) and Amazon's JSON (camelCase).

`plan_to_acknowledgement` makes one `OrderAcknowledgement`; `submit_request` wraps several in the
`SubmitAcknowledgementRequest` body. `status_has_acknowledgement` and `line_statuses` read an
`OrderStatus` from getPurchaseOrdersStatus; `order_status_to_dto` makes one the order data of the
sync's status pass. No I/O here.
"""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from vendorflow.integrations.amazon import schemas
from vendorflow.orders import dto
from vendorflow.orders.acknowledging import AckPlan, LinePlan
from vendorflow.orders.dto import LineStatus

ACCEPTED = "Accepted"
REJECTED = "Rejected"


def plan_to_acknowledgement(plan: AckPlan, *, acknowledged_at: datetime | None = None) -> dict:
    """The OrderAcknowledgement for a plan. Lines Amazon cancelled (ordered 0) are left out."""
    return {
        "purchaseOrderNumber": plan.po_number,
        "sellingParty": {"partyId": plan.vendor_code},
        "acknowledgementDate": iso(acknowledged_at or datetime.now(UTC)),
        "items": [_item(plan, line) for line in plan.sent_lines],
    }


def submit_request(acknowledgements: list[dict]) -> dict:
    return {"acknowledgements": list(acknowledgements)}


def _item(plan: AckPlan, line: LinePlan) -> dict:
    item: dict[str, Any] = {"itemSequenceNumber": line.item_sequence_number}
    if line.asin:
        item["amazonProductIdentifier"] = line.asin
    if line.vendor_product_id:
        item["vendorProductIdentifier"] = line.vendor_product_id
    item["orderedQuantity"] = _quantity(line, line.ordered_quantity)
    if line.net_cost is not None:
        item["netCost"] = {"currencyCode": line.currency, "amount": money_string(line.net_cost)}
    item["itemAcknowledgements"] = _item_acknowledgements(plan, line)
    return item


def _item_acknowledgements(plan: AckPlan, line: LinePlan) -> list[dict]:
    entries = []
    if line.accepted:
        entries.append(
            {
                "acknowledgementCode": ACCEPTED,
                "acknowledgedQuantity": _quantity(line, line.accepted),
                "scheduledShipDate": iso(plan.scheduled_ship_date),
                "scheduledDeliveryDate": iso(plan.scheduled_delivery_date),
            }
        )
    if line.rejected:
        entries.append(
            {
                "acknowledgementCode": REJECTED,
                "acknowledgedQuantity": _quantity(line, line.rejected),
                "rejectionReason": line.rejection_reason,
            }
        )
    return entries


def _quantity(line: LinePlan, amount: int) -> dict:
    return {"amount": amount, "unitOfMeasure": line.unit_of_measure, "unitSize": line.unit_size}


def money_string(amount: Decimal) -> str:
    """A Decimal as Amazon writes money: at least two decimals, no trailing zeros beyond."""
    normal = amount.normalize()
    exponent = normal.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        normal = normal.quantize(Decimal("0.01"))
    return f"{normal:f}"


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- reading getPurchaseOrdersStatus --------------------------------------------------------------


def status_has_acknowledgement(order_status: dict) -> bool:
    """Does Amazon hold an acknowledgement for this PO (any line not UNCONFIRMED)?"""
    items = order_status.get("itemStatus") or []
    return any(
        (item.get("acknowledgementStatus") or {}).get("confirmationStatus", "UNCONFIRMED")
        != "UNCONFIRMED"
        for item in items
    )


def line_statuses(order_status: dict) -> list[LineStatus]:
    """Per line: Amazon's accepted and rejected quantities and the receiving status."""
    return [_line_status(item) for item in order_status.get("itemStatus") or []]


def _line_status(item: dict) -> LineStatus:
    ack = item.get("acknowledgementStatus") or {}
    receiving = item.get("receivingStatus") or {}
    return LineStatus(
        item_sequence_number=item["itemSequenceNumber"],
        accepted_quantity=(ack.get("acceptedQuantity") or {}).get("amount", 0),
        rejected_quantity=(ack.get("rejectedQuantity") or {}).get("amount", 0),
        receiving_status=receiving.get("receiveStatus", ""),
    )


def order_status_to_dto(status: schemas.OrderStatus) -> dto.PurchaseOrderStatus:
    """A PO's status as order data; its line figures only when Amazon holds an acknowledgement
    (an unacknowledged line has no accepted or rejected quantity to report)."""
    raw = status.model_dump(mode="json", by_alias=True, exclude_none=True)
    acknowledged = status_has_acknowledgement(raw)
    return dto.PurchaseOrderStatus(
        po_number=status.purchase_order_number,
        closed=status.purchase_order_status == schemas.PurchaseOrderStatus.CLOSED,
        selling_party_id=status.selling_party.party_id,
        last_updated=status.last_updated_date,
        lines=tuple(line_statuses(raw)) if acknowledged else (),
        raw=raw,
    )
