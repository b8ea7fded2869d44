"""Plain data the shipping services hand to the Amazon integration (snake_case, no Amazon types).

`shipping/asn.py` builds a `ShipmentNotice` from a shipment and its boxes;
`integrations/amazon/shipments.py` turns it into Amazon's `ShipmentConfirmation`. Neither side
imports the other's models.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class NoticeItem:
    """One PO line of the shipment, with the eaches shipped for it over all cartons."""

    reference: str  # the ASN's own item sequence number, unique within the shipment ("1", "2", …)
    po_number: str
    item_sequence_number: str  # the line's number on its PO
    asin: str
    vendor_product_id: str
    shipped_quantity: int  # in the line's unit of measure (cases for Cases lines)
    unit_of_measure: str  # "Cases" or "Eaches"
    unit_size: int  # eaches per case; 1 for Eaches lines


@dataclass(frozen=True)
class NoticeCartonItem:
    reference: str  # a NoticeItem.reference
    shipped_quantity: int  # in the item's unit of measure
    unit_of_measure: str
    unit_size: int


@dataclass(frozen=True)
class NoticeCarton:
    sequence_number: str  # "1", "2", … across the shipment
    identifier: str  # the SSCC (18 digits) or the CID
    identifier_type: str  # "SSCC" or "CID"
    items: tuple[NoticeCartonItem, ...]
    weight_kg: Decimal | None = None
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None


@dataclass(frozen=True)
class ShipmentNotice:
    shipment_identifier: str
    confirmation_type: str  # "Original" or "Replace"
    confirmed_at: datetime
    shipped_at: datetime | None
    vendor_code: str  # sellingParty
    ship_from: str  # the channel's warehouse code
    ship_to: str  # the FC
    shipment_type: str  # "SmallParcel", "LessThanTruckLoad" or "TruckLoad"
    items: tuple[NoticeItem, ...]
    cartons: tuple[NoticeCarton, ...]
    amazon_reference_number: str = ""  # the appointment / ARN booked on Amazon's portal
    carrier_scac: str = ""
    tracking_number: str = ""  # the LR / tracking number: carrierShipmentReferenceNumber
    estimated_delivery_at: datetime | None = None
    gross_weight_kg: Decimal | None = None  # the cartons' weights summed, when all are known
