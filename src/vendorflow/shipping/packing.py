"""Packing: units go into boxes, one PO per box; boxes close, reopen (audited) and move units.

Before the acknowledgement the scans are the packing: each counted scan puts its eaches in the
PO's open box (box 1 opens itself) and an undone scan takes them out again (`pack_scanned`,
`unpack_scanned`, called by orders/scanning.py in the scan's transaction). After it, the
accepted quantities are packed by scanning on the pack screen (`pack_code`).

A line's packed eaches never exceed what may ship: its scanned eaches before the
acknowledgement, its accepted eaches after it. Every change locks the line row first, so two
packers on the same line wait for each other and the second sees the first's box items.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from vendorflow.accounts import audit
from vendorflow.orders.choices import OrderStatus, UnitOfMeasure
from vendorflow.orders.models import Order, OrderLine
from vendorflow.shipping import cartons
from vendorflow.shipping.choices import BoxState, ShipmentState
from vendorflow.shipping.models import Box, BoxItem, PackEvent, ShipmentOrder

PACKABLE_STATUSES = {OrderStatus.OPEN, OrderStatus.ACKNOWLEDGING, OrderStatus.ACKNOWLEDGED}
# Boxes of a shipment that has gone are final, except while Amazon refused its ASN: then a box
# may be reopened (audited) to correct what the ASN says about it before the ASN is sent again.
LOCKED_SHIPMENT_STATES = {ShipmentState.SHIPPED, ShipmentState.SUBMITTED, ShipmentState.CONFIRMED}


class PackRefused(Exception):
    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Measures:
    weight_kg: Decimal | None = None
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None


# -- what may be packed ----------------------------------------------------------------------------


def per_unit(line: OrderLine) -> int:
    return line.unit_size if line.unit_of_measure == UnitOfMeasure.CASES else 1


def shippable_eaches(line: OrderLine, order: Order) -> int:
    """What the line may hold in boxes: its scans while the order is open, its accepted eaches
    (Amazon's figure once known, else what we sent) once acknowledged."""
    if order.status == OrderStatus.OPEN:
        return line.scanned_eaches
    accepted = line.amazon_accepted if line.amazon_accepted is not None else line.ack_accepted
    return (accepted or 0) * per_unit(line)


def packed_eaches(line_id: int) -> int:
    total = BoxItem.objects.filter(line_id=line_id).aggregate(total=Sum("quantity_eaches"))
    return total["total"] or 0


def packed_by_line(order: Order) -> dict[int, int]:
    rows = (
        BoxItem.objects.filter(box__order=order)
        .values("line_id")
        .annotate(total=Sum("quantity_eaches"))
    )
    return {row["line_id"]: row["total"] for row in rows}


def closed_by_line(order: Order) -> dict[int, int]:
    rows = (
        BoxItem.objects.filter(box__order=order, box__state=BoxState.CLOSED)
        .values("line_id")
        .annotate(total=Sum("quantity_eaches"))
    )
    return {row["line_id"]: row["total"] for row in rows}


# -- boxes -----------------------------------------------------------------------------------------


def open_box(order: Order, user) -> Box:
    """The PO's open box with the highest number, opening box 1 (or the next) when none is open."""
    box = order.boxes.filter(state=BoxState.OPEN).order_by("-number").first()
    return box or _create_box(order, user)


def new_box(*, order: Order, user) -> Box:
    """Open another box for the PO; the others stay as they are."""
    with transaction.atomic():
        order = _lock_packable(order)
        box = _create_box(order, user)
        audit.record(
            organization=order.organization,
            actor=user,
            action="box.opened",
            obj=box,
            changes={"po": order.po_number, "number": box.number, "carton_id": box.carton_id},
        )
    return box


def _create_box(order: Order, user) -> Box:
    number = (order.boxes.aggregate(top=Max("number"))["top"] or 0) + 1
    carton_id, id_type = cartons.new_carton_id(order.organization_id)
    box = Box.objects.create(
        organization_id=order.organization_id,
        order=order,
        number=number,
        carton_id=carton_id,
        carton_id_type=id_type,
        created_by=user,
    )
    _log(box, "opened", user)
    return box


def close_box(*, box: Box, user, measures: Measures) -> Box:
    """Close a box with what is in it; weight and dimensions are optional."""
    with transaction.atomic():
        box = _lock_open_box(box)
        if not box.items.exists():
            raise ValidationError({"box": f"Box {box.number} is empty: pack something first."})
        box.state = BoxState.CLOSED
        box.closed_at = timezone.now()
        box.closed_by = user
        box.weight_kg = measures.weight_kg
        box.length_cm = measures.length_cm
        box.width_cm = measures.width_cm
        box.height_cm = measures.height_cm
        box.save()
        _log(box, "closed", user, note=_measures_note(measures))
    return box


def reopen_box(*, box: Box, user, reason: str) -> Box:
    """Open a closed box again (audited): not once its shipment has gone."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the box is reopened."})
    with transaction.atomic():
        box = Box.objects.select_for_update().select_related("order").get(pk=box.pk)
        _check_not_shipped(box.order)
        if box.state != BoxState.CLOSED:
            raise ValidationError({"box": f"Box {box.number} is already open."})
        box.state = BoxState.OPEN
        box.closed_at = None
        box.closed_by = None
        box.save()
        _log(box, "reopened", user, note=reason[:200])
        audit.record(
            organization=box.order.organization,
            actor=user,
            action="box.reopened",
            obj=box,
            changes={"po": box.order.po_number, "number": box.number, "reason": reason},
        )
    return box


def discard_box(*, box: Box, user) -> None:
    """Remove an empty open box. Its carton id is not handed out again."""
    with transaction.atomic():
        box = _lock_open_box(box)
        if box.items.exists():
            raise ValidationError({"box": f"Box {box.number} is not empty: move its units first."})
        audit.record(
            organization=box.order.organization,
            actor=user,
            action="box.discarded",
            obj=box,
            changes={"po": box.order.po_number, "number": box.number, "carton_id": box.carton_id},
        )
        box.delete()


# -- units -----------------------------------------------------------------------------------------


def pack_scanned(*, order: Order, line: OrderLine, eaches: int, user) -> Box:
    """A counted scan's eaches go into the PO's open box (inside the scan's transaction)."""
    box = open_box(order, user)
    _add(box, line, eaches)
    _log(box, "packed", user, line=line, eaches=eaches)
    return box


def unpack_scanned(*, order: Order, line: OrderLine, eaches: int, user) -> None:
    """An undone scan's eaches come out of the open boxes holding the line, newest box first.
    Eaches in a closed box stay: the undo is refused until the box is reopened."""
    items = list(
        BoxItem.objects.select_for_update()
        .filter(line=line, box__state=BoxState.OPEN)
        .select_related("box")
        .order_by("-box__number")
    )
    if sum(item.quantity_eaches for item in items) < eaches:
        closed = (
            order.boxes.filter(state=BoxState.CLOSED, items__line=line).order_by("-number").first()
        )
        where = f"box {closed.number} is closed" if closed else "they are not in an open box"
        raise ValidationError(
            {"scan": f"Those eaches are packed and {where}: reopen the box to undo the scan."}
        )
    left = eaches
    for item in items:
        taken = min(left, item.quantity_eaches)
        _take(item, taken)
        _log(item.box, "unpacked", user, line=line, eaches=taken)
        left -= taken
        if not left:
            break


def pack(*, box: Box, line: OrderLine, eaches: int, user) -> BoxItem:
    """Put `eaches` of an acknowledged line into an open box, within its accepted eaches."""
    if eaches is None or eaches < 1:
        raise ValidationError({"quantity_eaches": "Enter a quantity of at least 1 each."})
    with transaction.atomic():
        box = _lock_open_box(box)
        line = _lock_line(box.order, line)
        _check_room(box.order, line, eaches)
        item = _add(box, line, eaches)
        _log(box, "packed", user, line=line, eaches=eaches)
    return item


def move(*, source: Box, target: Box, line: OrderLine, eaches: int, user) -> None:
    """Move eaches of a line from one open box to another open box of the same PO."""
    if eaches is None or eaches < 1:
        raise ValidationError({"quantity_eaches": "Enter a quantity of at least 1 each."})
    with transaction.atomic():
        source = _lock_open_box(source)
        target = _lock_open_box(target)
        if source.order_id != target.order_id:
            raise ValidationError({"target": "Units move only between boxes of the same PO."})
        if source.pk == target.pk:
            raise ValidationError({"target": "Choose another box to move the units to."})
        item = BoxItem.objects.select_for_update().filter(box=source, line=line).first()
        if item is None or item.quantity_eaches < eaches:
            held = item.quantity_eaches if item else 0
            raise ValidationError(
                {
                    "quantity_eaches": f"Box {source.number} holds {held} of that line; "
                    f"{eaches} cannot move."
                }
            )
        _take(item, eaches)
        _add(target, line, eaches)
        _log(source, "moved_out", user, line=line, eaches=eaches, note=f"to box {target.number}")
        _log(target, "moved_in", user, line=line, eaches=eaches, note=f"from box {source.number}")


def unpack(*, box: Box, line: OrderLine, eaches: int, user) -> None:
    """Take eaches of an acknowledged order's line out of an open box (back on the shelf)."""
    with transaction.atomic():
        box = _lock_open_box(box)
        if box.order.status == OrderStatus.OPEN:
            raise ValidationError(
                {"box": "Before the acknowledgement the scans are the packing: undo the scan."}
            )
        item = BoxItem.objects.select_for_update().filter(box=box, line=line).first()
        if item is None or item.quantity_eaches < eaches or eaches < 1:
            raise ValidationError(
                {"quantity_eaches": f"Box {box.number} does not hold {eaches} of that line."}
            )
        _take(item, eaches)
        _log(box, "unpacked", user, line=line, eaches=eaches)


# -- helpers ---------------------------------------------------------------------------------------


def _lock_packable(order: Order) -> Order:
    order = Order.objects.select_for_update(of=("self",)).get(pk=order.pk)
    if order.status not in PACKABLE_STATUSES:
        raise ValidationError(
            {
                "order": f"Order {order.po_number} is {order.get_status_display().lower()}; "
                "packing is closed."
            }
        )
    _check_not_shipped(order)
    return order


def _check_not_shipped(order: Order) -> None:
    member = ShipmentOrder.objects.filter(order_id=order.pk).select_related("shipment").first()
    if member is not None and member.shipment.state in LOCKED_SHIPMENT_STATES:
        raise ValidationError(
            {
                "order": f"PO {order.po_number} has shipped in {member.shipment.reference}; "
                "its boxes cannot change."
            }
        )


def _lock_open_box(box: Box) -> Box:
    box = Box.objects.select_for_update(of=("self",)).select_related("order").get(pk=box.pk)
    _lock_packable(box.order)
    if box.state != BoxState.OPEN:
        raise ValidationError(
            {"box": f"Box {box.number} is closed; reopen it to change what is in it."}
        )
    return box


def _lock_line(order: Order, line: OrderLine) -> OrderLine:
    locked = OrderLine.objects.select_for_update().filter(pk=line.pk, order=order).first()
    if locked is None:
        raise ValidationError({"line": "That line is not on this box's PO."})
    return locked


def _refuse_before_ack(order: Order) -> None:
    if order.status == OrderStatus.OPEN:
        raise PackRefused(
            "not_acknowledged",
            f"PO {order.po_number} is not acknowledged yet: scan it on the scan screen, "
            "which packs as it counts.",
        )


def _check_room(order: Order, line: OrderLine, eaches: int) -> None:
    _refuse_before_ack(order)
    room = shippable_eaches(line, order) - packed_eaches(line.pk)
    if eaches > room:
        raise PackRefused(
            "pack_full",
            f"Line {line.item_sequence_number} has {max(room, 0)} accepted "
            f"{'each' if room == 1 else 'eaches'} left to pack; {eaches} is too many.",
        )


def _add(box: Box, line: OrderLine, eaches: int) -> BoxItem:
    item = BoxItem.objects.select_for_update().filter(box=box, line=line).first()
    if item is None:
        return BoxItem.objects.create(box=box, line=line, quantity_eaches=eaches)
    item.quantity_eaches += eaches
    item.save(update_fields=["quantity_eaches", "updated_at"])
    return item


def _take(item: BoxItem, eaches: int) -> None:
    if item.quantity_eaches == eaches:
        item.delete()
        return
    item.quantity_eaches -= eaches
    item.save(update_fields=["quantity_eaches", "updated_at"])


def _log(box: Box, kind: str, user, *, line=None, eaches: int = 0, note: str = "") -> None:
    PackEvent.objects.create(
        organization_id=box.organization_id,
        box=box,
        line=line,
        kind=kind,
        quantity_eaches=eaches,
        actor=user if getattr(user, "pk", None) else None,
        note=note,
    )


def _measures_note(measures: Measures) -> str:
    parts = []
    if measures.weight_kg is not None:
        parts.append(f"{measures.weight_kg} kg")
    dims = (measures.length_cm, measures.width_cm, measures.height_cm)
    if all(value is not None for value in dims):
        parts.append(" × ".join(str(value) for value in dims) + " cm")
    return ", ".join(parts)


def pack_code(*, order: Order, code: str, user, quantity: int = 1) -> tuple[Box, BoxItem, int]:
    """One read (or `quantity` reads) of a barcode, SKU or ASIN on the pack screen of an
    acknowledged PO: into its open box (opened if none is), on the first line of that product
    with accepted eaches left to pack. Returns the box, its item and the eaches packed."""
    from vendorflow.orders.scanning import resolve_code

    code = (code or "").strip()
    if not code:
        raise PackRefused("empty", "Scan or type a barcode.")
    resolved = resolve_code(order, code)
    if resolved is None:
        raise PackRefused("unknown_barcode", f"Unknown barcode {code}: nothing on this PO has it.")
    if resolved.eaches < 1:
        raise PackRefused(
            "no_case_pack", f"{code} is a case barcode of {resolved.product.sku} without a size."
        )
    eaches = resolved.eaches * max(quantity, 1)
    with transaction.atomic():
        order = _lock_packable(order)
        _refuse_before_ack(order)
        lines = list(
            OrderLine.objects.select_for_update().filter(order=order, product=resolved.product)
        )
        if not lines:
            raise PackRefused("not_on_order", f"{resolved.product.sku} is not on this PO.")
        line = _line_with_pack_room(order, lines, eaches)
        box = open_box(order, user)
        item = _add(box, line, eaches)
        _log(box, "packed", user, line=line, eaches=eaches)
    return box, item, eaches


def _line_with_pack_room(order: Order, lines: list[OrderLine], eaches: int) -> OrderLine:
    for line in lines:
        if shippable_eaches(line, order) - packed_eaches(line.pk) >= eaches:
            return line
    _check_room(order, lines[0], eaches)  # raises with the first line's room
    return lines[0]


def has_shipped(order: Order) -> bool:
    """The PO is in a shipment that has left: its boxes are final."""
    return ShipmentOrder.objects.filter(
        order_id=order.pk, shipment__state__in=LOCKED_SHIPMENT_STATES
    ).exists()


def pack_code_into(*, box: Box, code: str, quantity: int | None = None, user) -> BoxItem:
    """Pack by barcode after the acknowledgement: the code names a product (a case barcode counts
    a case), the box's PO has the line for it; `quantity` reads of it go in at once."""
    from vendorflow.orders.scanning import resolve_code  # scanning imports this module

    reads = 1 if quantity is None else quantity
    if reads < 1:
        raise ValidationError({"quantity": "Enter a quantity of at least 1."})
    order = Order.objects.select_related("organization").get(pk=box.order_id)
    resolved = resolve_code(order, code.strip())
    if resolved is None:
        raise PackRefused("unknown_code", f"{code} is not a barcode, SKU or ASIN we know.")
    if resolved.eaches < 1:
        raise PackRefused(
            "no_case_pack",
            f"{code} is the case barcode of {resolved.product.sku}, "
            "which has no case pack size set.",
        )
    lines = list(order.lines.filter(product=resolved.product).order_by("id"))
    if not lines:
        raise PackRefused("not_on_order", f"{resolved.product.sku} is not on this order.")
    eaches = resolved.eaches * reads
    roomy = [li for li in lines if shippable_eaches(li, order) - packed_eaches(li.pk) >= eaches]
    return pack(box=box, line=(roomy or lines)[0], eaches=eaches, user=user)
