"""Pure builders between the shipment notice (snake_case) and Amazon's JSON (camelCase).

`notice_to_confirmation` makes one carton-level `ShipmentConfirmation` (vendorShipments v1,
structure `LooseAssortmentCase`: cartons without pallets, each carton holding any mix of the
shipment's items); `submit_request` wraps several in the `SubmitShipmentConfirmationsRequest`
body. No I/O here.
"""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from vendorflow.shipping.dto import NoticeCarton, NoticeCartonItem, NoticeItem, ShipmentNotice

STRUCTURE = "LooseAssortmentCase"
KILOGRAMS = "Kg"
METERS = "Meter"  # the model knows In, Ft, Meter and Yard only: centimetres are sent as metres
CENTIMETRES_PER_METRE = Decimal(100)


def notice_to_confirmation(notice: ShipmentNotice) -> dict:
    """The ShipmentConfirmation for a notice; optional parts only when the notice has them."""
    confirmation: dict[str, Any] = {
        "shipmentIdentifier": notice.shipment_identifier,
        "shipmentConfirmationType": notice.confirmation_type,
        "shipmentType": notice.shipment_type,
        "shipmentStructure": STRUCTURE,
        "shipmentConfirmationDate": iso(notice.confirmed_at),
    }
    if notice.shipped_at is not None:
        confirmation["shippedDate"] = iso(notice.shipped_at)
    if notice.estimated_delivery_at is not None:
        confirmation["estimatedDeliveryDate"] = iso(notice.estimated_delivery_at)
    confirmation["sellingParty"] = {"partyId": notice.vendor_code}
    confirmation["shipFromParty"] = {"partyId": notice.ship_from}
    confirmation["shipToParty"] = {"partyId": notice.ship_to}
    if notice.amazon_reference_number:
        confirmation["amazonReferenceNumber"] = notice.amazon_reference_number
    transportation = _transportation(notice)
    if transportation:
        confirmation["transportationDetails"] = transportation
    confirmation["shipmentMeasurements"] = _measurements(notice)
    confirmation["shippedItems"] = [_item(item) for item in notice.items]
    confirmation["cartons"] = [_carton(carton) for carton in notice.cartons]
    return confirmation


def submit_request(confirmations: list[dict]) -> dict:
    return {"shipmentConfirmations": list(confirmations)}


def _transportation(notice: ShipmentNotice) -> dict:
    details = {}
    if notice.carrier_scac:
        details["carrierScac"] = notice.carrier_scac
    if notice.tracking_number:
        details["carrierShipmentReferenceNumber"] = notice.tracking_number
    return details


def _measurements(notice: ShipmentNotice) -> dict:
    measurements: dict[str, Any] = {"cartonCount": len(notice.cartons)}
    if notice.gross_weight_kg is not None:
        measurements["grossShipmentWeight"] = _weight(notice.gross_weight_kg)
    return measurements


def _item(item: NoticeItem) -> dict:
    shipped: dict[str, Any] = {"itemSequenceNumber": item.reference}
    if item.asin:
        shipped["amazonProductIdentifier"] = item.asin
    if item.vendor_product_id:
        shipped["vendorProductIdentifier"] = item.vendor_product_id
    shipped["shippedQuantity"] = _quantity(
        item.shipped_quantity, item.unit_of_measure, item.unit_size
    )
    shipped["itemDetails"] = {"purchaseOrderNumber": item.po_number}
    return shipped


def _carton(carton: NoticeCarton) -> dict:
    found: dict[str, Any] = {
        "cartonIdentifiers": [
            {
                "containerIdentificationType": carton.identifier_type,
                "containerIdentificationNumber": carton.identifier,
            }
        ],
        "cartonSequenceNumber": carton.sequence_number,
    }
    if carton.weight_kg is not None:
        found["weight"] = _weight(carton.weight_kg)
    dimensions = _dimensions(carton)
    if dimensions:
        found["dimensions"] = dimensions
    found["items"] = [_carton_item(item) for item in carton.items]
    return found


def _carton_item(item: NoticeCartonItem) -> dict:
    return {
        "itemReference": item.reference,
        "shippedQuantity": _quantity(item.shipped_quantity, item.unit_of_measure, item.unit_size),
    }


def _dimensions(carton: NoticeCarton) -> dict | None:
    """Length, width and height in metres, or None unless all three are known."""
    length, width, height = carton.length_cm, carton.width_cm, carton.height_cm
    if length is None or width is None or height is None:
        return None
    return {
        "length": _metres(length),
        "width": _metres(width),
        "height": _metres(height),
        "unitOfMeasure": METERS,
    }


def _metres(centimetres: Decimal) -> str:
    return decimal_string(centimetres / CENTIMETRES_PER_METRE)


def _weight(kilograms: Decimal) -> dict:
    return {"unitOfMeasure": KILOGRAMS, "value": decimal_string(kilograms)}


def _quantity(amount: int, unit_of_measure: str, unit_size: int) -> dict:
    return {"amount": amount, "unitOfMeasure": unit_of_measure, "unitSize": unit_size}


def decimal_string(value: Decimal) -> str:
    """A Decimal as the model's `Decimal` type: plain digits, no exponent, no trailing zeros
    ("12.5", "0.405", "3")."""
    if not value.is_finite():
        raise ValueError(f"{value} is not a finite decimal")
    text = f"{value.normalize():f}"
    return "0" if text == "-0" else text


def iso(moment: datetime) -> str:
    """An aware datetime as Amazon writes it (UTC, seconds, Z); a naive one is a mistake."""
    if moment.tzinfo is None:
        raise ValueError(f"{moment!r} has no time zone; pass an aware datetime")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
