"""What the scan screen and the order page show of a PO's boxes."""

from vendorflow.orders.models import Order
from vendorflow.shipping import packing
from vendorflow.shipping.choices import BoxState
from vendorflow.shipping.models import Box


def boxes_of(order: Order) -> list[Box]:
    """The PO's boxes in order, each with `eaches` (what it holds) and its items' lines."""
    boxes = list(order.boxes.prefetch_related("items__line__product").order_by("number"))
    for box in boxes:
        eaches = sum(item.quantity_eaches for item in box.items.all())
        box.eaches = eaches  # type: ignore[attr-defined]
    return boxes


def box_context(order: Order, lines, *, scannable: bool) -> dict:
    """The box bar of the scan screen. Once acknowledged, the screen packs: each line shows what
    may ship, what is packed and what is left to pack."""
    boxes = boxes_of(order)
    open_boxes = [box for box in boxes if box.state == BoxState.OPEN]
    packable = not scannable and order.status in packing.PACKABLE_STATUSES
    if packable:
        packed = packing.packed_by_line(order)
        for line in lines:
            line.accepted_eaches = packing.shippable_eaches(line, order)
            line.packed_eaches = packed.get(line.pk, 0)
            line.pack_left = max(line.accepted_eaches - line.packed_eaches, 0)
    return {
        "boxes": boxes,
        "open_box": open_boxes[-1] if open_boxes else None,
        "open_boxes": open_boxes,
        "packable": packable and not packing.has_shipped(order),
        "next_box_number": (boxes[-1].number + 1) if boxes else 1,
    }


def order_boxes(order: Order) -> dict:
    """The order page's Boxes section: each box, the PO's shipment, and whether it may pack."""
    from vendorflow.shipping.models import ShipmentOrder

    member = ShipmentOrder.objects.filter(order=order).select_related("shipment").first()
    boxes = boxes_of(order)
    shipped = member is not None and member.shipment.state in packing.LOCKED_SHIPMENT_STATES
    return {
        "boxes": boxes,
        "open_boxes": [box for box in boxes if box.state == BoxState.OPEN],
        "shipment": member.shipment if member else None,
        "packable": order.status in packing.PACKABLE_STATUSES
        and order.status != "open"
        and not shipped,
        "boxes_final": shipped,
    }
