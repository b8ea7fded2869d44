"""Shipping paperwork: GS1-128 box labels, the packing list per shipment, and the ASN sheet (the
ASN's data laid out for typing into Vendor Central when the channel does not send it)."""

from dataclasses import dataclass

from vendorflow.lib.barcode_images import BarcodeImage, render, render_gs1_128
from vendorflow.orders.models import Order
from vendorflow.shipping import asn, sscc
from vendorflow.shipping.choices import CartonIdType
from vendorflow.shipping.models import Box, Shipment

PACKING_COLUMNS = [
    "shipment", "fc", "po_number", "box", "carton_id", "carton_id_type", "box_state",
    "weight_kg", "length_cm", "width_cm", "height_cm", "line", "sku", "asin",
    "vendor_product_id", "product_name", "quantity_eaches",
]  # fmt: skip
ASN_COLUMNS = [
    "shipment_identifier", "ship_from", "ship_to", "shipment_type", "amazon_reference_number",
    "carrier_scac", "tracking_number", "shipped_date", "carton_sequence", "carton_id",
    "carton_id_type", "carton_weight_kg", "po_number", "item_sequence_number", "asin",
    "vendor_product_id", "shipped_quantity", "unit_of_measure", "unit_size",
]  # fmt: skip


@dataclass(frozen=True)
class Label:
    box: Box
    order: Order
    box_count: int  # boxes of the PO: "box n of m"
    ship_to_lines: list[str]
    ship_from_lines: list[str]
    contents: list[tuple[str, int]]  # (SKU or ASIN, eaches)
    barcode: BarcodeImage  # GS1-128 "(00)" + SSCC, or a Code 128 of the CID
    human: str  # the text under the barcode
    po_barcode: BarcodeImage


def labelled_boxes(boxes) -> list[Label]:
    boxes = list(
        boxes.select_related("order__organization", "order__channel", "order__location")
        .prefetch_related("items__line__product")
        .order_by("order__po_number", "number")
    )
    counts = _box_counts({box.order_id for box in boxes})
    return [_label(box, counts[box.order_id]) for box in boxes]


def _box_counts(order_ids: set[int]) -> dict[int, int]:
    from django.db.models import Count

    rows = Box.objects.filter(order_id__in=order_ids).values("order_id").annotate(n=Count("id"))
    return {row["order_id"]: row["n"] for row in rows}


def _label(box: Box, count: int) -> Label:
    order = box.order
    if box.carton_id_type == CartonIdType.SSCC:
        image, human = render_gs1_128("00" + box.carton_id), sscc.human(box.carton_id)
    else:
        image, human = render(box.carton_id), f"CID {box.carton_id}"
    return Label(
        box=box,
        order=order,
        box_count=count,
        ship_to_lines=ship_to_lines(order),
        ship_from_lines=_ship_from(order),
        contents=[
            (item.line.product.sku if item.line.product else item.line.asin, item.quantity_eaches)
            for item in sorted(box.items.all(), key=lambda i: int(i.line.item_sequence_number))
        ],
        barcode=image,
        human=human,
        po_barcode=render(order.po_number),
    )


def ship_to_lines(order: Order) -> list[str]:
    """The FC's name and address as Amazon's PO gives them (its raw payload's shipToParty);
    the FC code alone when the PO carries no address."""
    details = (order.raw_payload or {}).get("orderDetails") or {}
    address = (details.get("shipToParty") or {}).get("address") or {}
    lines = [f"Amazon FC {order.ship_to_code}"]
    for key in ("name", "addressLine1", "addressLine2", "addressLine3"):
        if address.get(key):
            lines.append(str(address[key]))
    place = " ".join(
        str(address[key]) for key in ("city", "stateOrRegion", "postalCode") if address.get(key)
    )
    if place:
        lines.append(place)
    if address.get("countryCode"):
        lines.append(str(address["countryCode"]))
    return lines


def _ship_from(order: Order) -> list[str]:
    lines = [order.organization.name]
    if order.location:
        lines.append(f"{order.location.code} · {order.location.name}")
    elif order.channel.default_location_code:
        lines.append(order.channel.default_location_code)
    return lines


# -- packing list ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackingList:
    shipment: Shipment
    boxes: list[Box]
    orders: list[Order]
    total_eaches: int


def shipment_box_queryset(shipment: Shipment):
    return Box.objects.filter(order__shipment_member__shipment=shipment)


def packing_list(shipment: Shipment) -> PackingList:
    boxes = list(
        shipment_box_queryset(shipment)
        .select_related("order", "closed_by")
        .prefetch_related("items__line__product")
        .order_by("order__po_number", "number")
    )
    orders = list({box.order_id: box.order for box in boxes}.values())
    total = sum(item.quantity_eaches for box in boxes for item in box.items.all())
    return PackingList(shipment=shipment, boxes=boxes, orders=orders, total_eaches=total)


def packing_list_rows(shipment: Shipment):
    sheet = packing_list(shipment)
    for box in sheet.boxes:
        for item in box.items.all():
            line = item.line
            yield [
                shipment.reference, shipment.ship_to_code, box.order.po_number, box.number,
                box.carton_id, box.carton_id_type, box.state, box.weight_kg, box.length_cm,
                box.width_cm, box.height_cm, line.item_sequence_number,
                line.product.sku if line.product else "", line.asin, line.vendor_product_id,
                line.product.name if line.product else "", item.quantity_eaches,
            ]  # fmt: skip


def asn_sheet_rows(shipment: Shipment):
    """The ASN as rows, one per carton and item: what Vendor Central's ASN form asks for."""
    notice = asn.notice_for(shipment, "Original")
    items = {item.reference: item for item in notice.items}
    shipped = notice.shipped_at.date().isoformat() if notice.shipped_at else ""
    for carton in notice.cartons:
        for entry in carton.items:
            item = items[entry.reference]
            yield [
                notice.shipment_identifier, notice.ship_from, notice.ship_to,
                notice.shipment_type, notice.amazon_reference_number, notice.carrier_scac,
                notice.tracking_number, shipped, carton.sequence_number, carton.identifier,
                carton.identifier_type, carton.weight_kg, item.po_number,
                item.item_sequence_number, item.asin, item.vendor_product_id,
                entry.shipped_quantity, entry.unit_of_measure, entry.unit_size,
            ]  # fmt: skip
