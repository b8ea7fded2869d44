"""Pydantic models of the Amazon payloads we read and send.

Faithful to the official models in ./spec (vendorOrders.json, vendorShipments.json,
vendorTransactionStatus.json):
same names (camelCase aliases; snake_case attributes), same required fields, same enums. Where this
module is more lenient or stricter than the official model, it says so next to the field:

- enums are matched case-insensitively and stored in the official spelling (Amazon's own sandbox
  sends "CASES" for "Cases");
- fields we do not know are kept (`extra="allow"`) rather than refused;
- `Order.purchaseOrderState` and `OrderDetails.purchaseOrderStateChangedDate` may be absent, because
  the catch-all examples of Amazon's sandbox leave them out;
- quantities (`ItemQuantity.amount`) must be present and must not be negative.

Amazon's camelCase lives only here; everything past `mapping.py` is snake_case.
"""

from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, NamedTuple

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
)
from pydantic.alias_generators import to_camel

# --- value types ----------------------------------------------------------------------------


def format_datetime(value: datetime) -> str:
    """ISO 8601 in UTC with a Z, to the millisecond when there is a fraction."""
    value = value.astimezone(UTC)
    if value.microsecond:
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


UtcDatetime = Annotated[
    AwareDatetime,
    AfterValidator(lambda value: value.astimezone(UTC)),
    PlainSerializer(format_datetime, return_type=str, when_used="json"),
]


class Window(NamedTuple):
    """A `DateTimeInterval` ("start--end") as a pair of aware UTC datetimes."""

    start: datetime
    end: datetime

    def __str__(self) -> str:
        return f"{format_datetime(self.start)}--{format_datetime(self.end)}"


def _parse_instant(text: str) -> datetime:
    parsed = datetime.fromisoformat(text.strip())
    if parsed.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone")
    return parsed.astimezone(UTC)


def parse_window(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    start, sep, end = value.partition("--")
    if not sep:
        raise ValueError(f"{value!r} is not an interval 'start--end'")
    window = Window(_parse_instant(start), _parse_instant(end))
    if window.end < window.start:
        raise ValueError(f"{value!r} ends before it starts")
    return window


DateTimeInterval = Annotated[
    Window,
    BeforeValidator(parse_window),
    PlainSerializer(str, return_type=str, when_used="json"),
]


def _decimal_text(value: Decimal) -> str:
    return format(value, "f")


AmazonDecimal = Annotated[
    Decimal,
    Field(allow_inf_nan=False),
    PlainSerializer(_decimal_text, return_type=str, when_used="json"),
]


# --- enums ----------------------------------------------------------------------------------


class AmazonEnum(StrEnum):
    """An enum of the official model, matched case-insensitively, kept in the official spelling."""

    @classmethod
    def _missing_(cls, value: object) -> "AmazonEnum | None":
        if isinstance(value, str):
            for member in cls:
                if member.value.lower() == value.lower():
                    return member
        return None


class PurchaseOrderState(AmazonEnum):
    NEW = "New"
    ACKNOWLEDGED = "Acknowledged"
    CLOSED = "Closed"


class PurchaseOrderType(AmazonEnum):
    REGULAR_ORDER = "RegularOrder"
    CONSIGNED_ORDER = "ConsignedOrder"
    NEW_PRODUCT_INTRODUCTION = "NewProductIntroduction"
    RUSH_ORDER = "RushOrder"


class PaymentMethod(AmazonEnum):
    INVOICE = "Invoice"
    CONSIGNMENT = "Consignment"
    CREDIT_CARD = "CreditCard"
    PREPAID = "Prepaid"


class MethodOfPayment(AmazonEnum):
    PAID_BY_BUYER = "PaidByBuyer"
    COLLECT_ON_DELIVERY = "CollectOnDelivery"
    DEFINED_BY_BUYER_AND_SELLER = "DefinedByBuyerAndSeller"
    FOB_PORT_OF_CALL = "FOBPortOfCall"
    PREPAID_BY_SELLER = "PrepaidBySeller"
    PAID_BY_SELLER = "PaidBySeller"


class InternationalCommercialTerms(AmazonEnum):
    EX_WORKS = "ExWorks"
    FREE_CARRIER = "FreeCarrier"
    FREE_ON_BOARD = "FreeOnBoard"
    FREE_ALONG_SIDE_SHIP = "FreeAlongSideShip"
    CARRIAGE_PAID_TO = "CarriagePaidTo"
    COST_AND_FREIGHT = "CostAndFreight"
    CARRIAGE_AND_INSURANCE_PAID_TO = "CarriageAndInsurancePaidTo"
    COST_INSURANCE_AND_FREIGHT = "CostInsuranceAndFreight"
    DELIVERED_AT_TERMINAL = "DeliveredAtTerminal"
    DELIVERED_AT_PLACE = "DeliveredAtPlace"
    DELIVER_DUTY_PAID = "DeliverDutyPaid"


class TaxRegistrationType(AmazonEnum):
    VAT = "VAT"
    GST = "GST"


class UnitOfMeasure(AmazonEnum):
    CASES = "Cases"
    EACHES = "Eaches"


class WeightUnit(AmazonEnum):
    POUNDS = "POUNDS"
    OUNCES = "OUNCES"
    GRAMS = "GRAMS"
    KILOGRAMS = "KILOGRAMS"


class AcknowledgementCode(AmazonEnum):
    ACCEPTED = "Accepted"
    BACKORDERED = "Backordered"
    REJECTED = "Rejected"


class RejectionReason(AmazonEnum):
    TEMPORARILY_UNAVAILABLE = "TemporarilyUnavailable"
    INVALID_PRODUCT_IDENTIFIER = "InvalidProductIdentifier"
    OBSOLETE_PRODUCT = "ObsoleteProduct"


class PurchaseOrderStatus(AmazonEnum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"


class ConfirmationStatus(AmazonEnum):
    ACCEPTED = "ACCEPTED"
    PARTIALLY_ACCEPTED = "PARTIALLY_ACCEPTED"
    REJECTED = "REJECTED"
    UNCONFIRMED = "UNCONFIRMED"


class ReceiveStatus(AmazonEnum):
    NOT_RECEIVED = "NOT_RECEIVED"
    PARTIALLY_RECEIVED = "PARTIALLY_RECEIVED"
    RECEIVED = "RECEIVED"


class TransactionState(AmazonEnum):
    FAILURE = "Failure"
    PROCESSING = "Processing"
    SUCCESS = "Success"


# --- base -----------------------------------------------------------------------------------


class AmazonModel(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        serialize_by_alias=True,
        extra="allow",
    )

    def to_amazon(self) -> dict[str, Any]:
        """The JSON-able dict Amazon expects (camelCase, no nulls)."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


# --- shared ---------------------------------------------------------------------------------


class Error(AmazonModel):
    code: str
    message: str
    details: str | None = None


class Pagination(AmazonModel):
    next_token: str | None = None


class ItemQuantity(AmazonModel):
    amount: int = Field(ge=0)  # optional in the official model; we need it and refuse negatives
    unit_of_measure: UnitOfMeasure | None = None
    unit_size: int | None = None


class Money(AmazonModel):
    currency_code: str | None = Field(default=None, max_length=3)
    amount: AmazonDecimal | None = None
    unit_of_measure: WeightUnit | None = None


class TaxRegistrationDetails(AmazonModel):
    tax_registration_type: TaxRegistrationType
    tax_registration_number: str


class Address(AmazonModel):
    name: str
    address_line1: str
    address_line2: str | None = None
    address_line3: str | None = None
    city: str | None = None
    county: str | None = None
    district: str | None = None
    state_or_region: str | None = None
    postal_code: str | None = None
    country_code: str = Field(max_length=2)
    phone: str | None = None


class PartyIdentification(AmazonModel):
    party_id: str
    address: Address | None = None
    tax_info: TaxRegistrationDetails | None = None


# --- purchase orders ------------------------------------------------------------------------


class ImportDetails(AmazonModel):
    method_of_payment: MethodOfPayment | None = None
    international_commercial_terms: InternationalCommercialTerms | None = None
    port_of_delivery: str | None = Field(default=None, max_length=64)
    import_containers: str | None = Field(default=None, max_length=64)
    shipping_instructions: str | None = None


class OrderItem(AmazonModel):
    item_sequence_number: str
    amazon_product_identifier: str | None = None
    vendor_product_identifier: str | None = None
    ordered_quantity: ItemQuantity
    is_back_order_allowed: bool
    net_cost: Money | None = None
    list_price: Money | None = None


class OrderDetails(AmazonModel):
    purchase_order_date: UtcDatetime
    purchase_order_changed_date: UtcDatetime | None = None
    purchase_order_state_changed_date: UtcDatetime | None = None  # required officially; see above
    purchase_order_type: PurchaseOrderType | None = None
    import_details: ImportDetails | None = None
    deal_code: str | None = None
    payment_method: PaymentMethod | None = None
    buying_party: PartyIdentification | None = None
    selling_party: PartyIdentification | None = None
    ship_to_party: PartyIdentification | None = None
    bill_to_party: PartyIdentification | None = None
    ship_window: DateTimeInterval | None = None
    delivery_window: DateTimeInterval | None = None
    items: list[OrderItem]


class Order(AmazonModel):
    purchase_order_number: str
    purchase_order_state: PurchaseOrderState | None = None  # required officially; see above
    order_details: OrderDetails | None = None

    _received: dict[str, Any] | None = PrivateAttr(default=None)

    @classmethod
    def from_amazon(cls, data: dict[str, Any]) -> "Order":
        """Parse a PO and remember the dict exactly as Amazon sent it."""
        order = cls.model_validate(data)
        order._received = data
        return order

    def as_received(self) -> dict[str, Any]:
        """The PO as Amazon sent it, or as we would send it when it was built here."""
        return self._received if self._received is not None else self.to_amazon()


class OrderList(AmazonModel):
    pagination: Pagination | None = None
    orders: list[Order] = Field(default_factory=list)


class GetPurchaseOrdersResponse(AmazonModel):
    payload: OrderList | None = None
    errors: list[Error] | None = None


class GetPurchaseOrderResponse(AmazonModel):
    payload: Order | None = None
    errors: list[Error] | None = None


# --- acknowledgements -----------------------------------------------------------------------


class OrderItemAcknowledgement(AmazonModel):
    acknowledgement_code: AcknowledgementCode
    acknowledged_quantity: ItemQuantity
    scheduled_ship_date: UtcDatetime | None = None
    scheduled_delivery_date: UtcDatetime | None = None
    rejection_reason: RejectionReason | None = None


class OrderAcknowledgementItem(AmazonModel):
    item_sequence_number: str | None = None
    amazon_product_identifier: str | None = None
    vendor_product_identifier: str | None = None
    ordered_quantity: ItemQuantity
    net_cost: Money | None = None
    list_price: Money | None = None
    discount_multiplier: str | None = None
    item_acknowledgements: list[OrderItemAcknowledgement]


class OrderAcknowledgement(AmazonModel):
    purchase_order_number: str
    selling_party: PartyIdentification
    acknowledgement_date: UtcDatetime
    items: list[OrderAcknowledgementItem]


class SubmitAcknowledgementRequest(AmazonModel):
    acknowledgements: list[OrderAcknowledgement]


class TransactionId(AmazonModel):
    transaction_id: str | None = None


class SubmitAcknowledgementResponse(AmazonModel):
    payload: TransactionId | None = None
    errors: list[Error] | None = None


# --- shipment confirmations (vendorShipments.json) -----------------------------------------
# We send ShipmentConfirmation dicts built by shipments.py (and checked against the official model
# before sending); only the answer is read here.


class TransactionReference(AmazonModel):
    transaction_id: str | None = None


class SubmitShipmentConfirmationsResponse(AmazonModel):
    payload: TransactionReference | None = None
    errors: list[Error] | None = None


# --- purchase order status ------------------------------------------------------------------


class OrderedQuantityDetails(AmazonModel):
    updated_date: UtcDatetime | None = None
    ordered_quantity: ItemQuantity | None = None
    cancelled_quantity: ItemQuantity | None = None


class OrderItemStatusOrderedQuantity(AmazonModel):
    ordered_quantity: ItemQuantity | None = None
    ordered_quantity_details: list[OrderedQuantityDetails] | None = None


class AcknowledgementStatusDetails(AmazonModel):
    acknowledgement_date: UtcDatetime | None = None
    accepted_quantity: ItemQuantity | None = None
    rejected_quantity: ItemQuantity | None = None


class OrderItemAcknowledgementStatus(AmazonModel):
    confirmation_status: ConfirmationStatus | None = None
    accepted_quantity: ItemQuantity | None = None
    rejected_quantity: ItemQuantity | None = None
    acknowledgement_status_details: list[AcknowledgementStatusDetails] | None = None


class OrderItemReceivingStatus(AmazonModel):
    receive_status: ReceiveStatus | None = None
    received_quantity: ItemQuantity | None = None
    last_receive_date: UtcDatetime | None = None


class OrderItemStatus(AmazonModel):
    item_sequence_number: str
    buyer_product_identifier: str | None = None
    vendor_product_identifier: str | None = None
    net_cost: Money | None = None
    list_price: Money | None = None
    ordered_quantity: OrderItemStatusOrderedQuantity | None = None
    acknowledgement_status: OrderItemAcknowledgementStatus | None = None
    receiving_status: OrderItemReceivingStatus | None = None


class OrderStatus(AmazonModel):
    purchase_order_number: str
    purchase_order_status: PurchaseOrderStatus
    purchase_order_date: UtcDatetime
    last_updated_date: UtcDatetime | None = None
    selling_party: PartyIdentification
    ship_to_party: PartyIdentification
    item_status: list[OrderItemStatus]


class OrderListStatus(AmazonModel):
    pagination: Pagination | None = None
    orders_status: list[OrderStatus] = Field(default_factory=list)


class GetPurchaseOrdersStatusResponse(AmazonModel):
    payload: OrderListStatus | None = None
    errors: list[Error] | None = None


# --- transaction status (vendorTransactionStatus.json) --------------------------------------


class Transaction(AmazonModel):
    transaction_id: str
    status: TransactionState
    errors: list[Error] | None = None


class TransactionStatus(AmazonModel):
    transaction_status: Transaction | None = None


class GetTransactionResponse(AmazonModel):
    payload: TransactionStatus | None = None
    errors: list[Error] | None = None


class ShipmentSummary(AmazonModel):
    """The part of getShipmentDetails' Shipment vendorflow reads."""

    vendor_shipment_identifier: str


class ShipmentDetails(AmazonModel):
    shipments: list[ShipmentSummary] | None = None
