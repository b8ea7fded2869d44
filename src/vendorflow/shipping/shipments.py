"""Shipments: one dispatch of acknowledged POs to one FC, from draft to shipped.

Draft and ready shipments take details and POs; marking one shipped checks the packing (every
accepted unit in a closed box, or the difference stated), locks its boxes and, when the channel
sends ASNs, queues the ASN (shipping/asn.py).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from vendorflow.accounts import audit
from vendorflow.orders.choices import AckState, OrderStatus
from vendorflow.orders.models import Order, OrderLine
from vendorflow.shipping import asn, cartons, packing
from vendorflow.shipping.choices import BoxState, ShipmentState, ShipmentType
from vendorflow.shipping.models import Box, Shipment, ShipmentOrder

EDITABLE_STATES = {ShipmentState.DRAFT, ShipmentState.READY}
SHIPPABLE_ORDER_STATUSES = {OrderStatus.ACKNOWLEDGING, OrderStatus.ACKNOWLEDGED}
SENT_ACK_STATES = {AckState.SUBMITTED, AckState.CONFIRMED}
DETAIL_FIELDS = [
    "shipment_type",
    "appointment_id",
    "appointment_at",
    "carrier",
    "carrier_scac",
    "tracking_number",
    "ship_date",
    "estimated_delivery_at",
]


@dataclass(frozen=True)
class Details:
    shipment_type: str = ShipmentType.SMALL_PARCEL
    appointment_id: str = ""
    appointment_at: datetime | None = None
    carrier: str = ""
    carrier_scac: str = ""
    tracking_number: str = ""
    ship_date: date | None = None
    estimated_delivery_at: datetime | None = None


@dataclass(frozen=True)
class LinePacking:
    line: OrderLine
    accepted: int  # eaches that may ship
    packed: int  # eaches in any box
    closed: int  # eaches in closed boxes

    @property
    def short(self) -> int:
        return max(self.accepted - self.closed, 0)

    @property
    def over(self) -> int:
        return max(self.packed - self.accepted, 0)


@dataclass(frozen=True)
class OrderPacking:
    order: Order
    lines: list[LinePacking]
    boxes: list[Box]
    open_boxes: list[Box] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return sum(line.accepted for line in self.lines)

    @property
    def closed(self) -> int:
        return sum(line.closed for line in self.lines)

    @property
    def short(self) -> int:
        return sum(line.short for line in self.lines)


# -- reading ---------------------------------------------------------------------------------------


def shippable_orders(organization, *, ship_to_code: str = ""):
    """Acknowledged orders with something accepted and no shipment yet (newest first)."""
    orders = Order.objects.filter(
        organization=organization,
        status__in=SHIPPABLE_ORDER_STATUSES,
        acknowledgement__state__in=SENT_ACK_STATES,
        fill_accepted__gt=0,
        shipment_member__isnull=True,
    )
    if ship_to_code:
        orders = orders.filter(ship_to_code=ship_to_code)
    return orders.order_by("ship_to_code", "-po_date", "-id")


def order_packing(order: Order) -> OrderPacking:
    packed = packing.packed_by_line(order)
    closed = packing.closed_by_line(order)
    lines = [
        LinePacking(
            line=line,
            accepted=packing.shippable_eaches(line, order),
            packed=packed.get(line.pk, 0),
            closed=closed.get(line.pk, 0),
        )
        for line in order.lines.select_related("product").order_by("id")
    ]
    boxes = list(order.boxes.prefetch_related("items__line").order_by("number"))
    open_boxes = [box for box in boxes if box.state == BoxState.OPEN]
    return OrderPacking(order=order, lines=lines, boxes=boxes, open_boxes=open_boxes)


def shipment_packing(shipment: Shipment) -> list[OrderPacking]:
    return [order_packing(order) for order in shipment_orders(shipment)]


def shipment_orders(shipment: Shipment) -> list[Order]:
    return list(
        Order.objects.filter(shipment_member__shipment=shipment).order_by("po_number", "id")
    )


def shipment_boxes(shipment: Shipment) -> list[Box]:
    return list(
        Box.objects.filter(order__shipment_member__shipment=shipment)
        .select_related("order")
        .prefetch_related("items__line__product")
        .order_by("order__po_number", "number")
    )


# -- writing ---------------------------------------------------------------------------------------


def create_shipment(*, organization, order_ids: list[int], user, details: Details) -> Shipment:
    """A draft shipment for acknowledged POs of one channel to one FC."""
    with transaction.atomic():
        orders = _shippable(organization, order_ids)
        _check_one_destination(orders)
        shipment = Shipment.objects.create(
            organization=organization,
            channel_id=orders[0].channel_id,
            ship_to_code=orders[0].ship_to_code,
            reference=cartons.new_shipment_reference(organization.pk),
            created_by=user,
            **_detail_values(details),
        )
        _add_members(shipment, orders)
        audit.record(
            organization=organization,
            actor=user,
            action="shipment.created",
            obj=shipment,
            changes={"pos": [order.po_number for order in orders], "fc": shipment.ship_to_code},
        )
    return shipment


def update_details(*, shipment: Shipment, user, details: Details) -> Shipment:
    with transaction.atomic():
        shipment = _lock(shipment)
        if shipment.state not in EDITABLE_STATES | {ShipmentState.FAILED, ShipmentState.CONFIRMED}:
            raise ValidationError(
                {
                    "__all__": f"Shipment {shipment.reference} is {shipment.get_state_display()}: "
                    "its details cannot change."
                }
            )
        before = {name: str(getattr(shipment, name) or "") for name in DETAIL_FIELDS}
        for name, value in _detail_values(details).items():
            setattr(shipment, name, value)
        shipment.save()
        after = {name: str(getattr(shipment, name) or "") for name in DETAIL_FIELDS}
        changes = {k: [before[k], after[k]] for k in DETAIL_FIELDS if before[k] != after[k]}
        if changes:
            audit.record(
                organization=shipment.organization,
                actor=user,
                action="shipment.updated",
                obj=shipment,
                changes=changes,
            )
    return shipment


def add_orders(*, shipment: Shipment, order_ids: list[int], user) -> Shipment:
    with transaction.atomic():
        shipment = _lock_editable(shipment)
        orders = _shippable(shipment.organization, order_ids)
        _check_one_destination([*shipment_orders(shipment), *orders])
        _add_members(shipment, orders)
        audit.record(
            organization=shipment.organization,
            actor=user,
            action="shipment.orders_added",
            obj=shipment,
            changes={"pos": [order.po_number for order in orders]},
        )
    return shipment


def remove_order(*, shipment: Shipment, order_id: int, user) -> Shipment:
    with transaction.atomic():
        shipment = _lock_editable(shipment)
        member = ShipmentOrder.objects.filter(shipment=shipment, order_id=order_id).first()
        if member is None:
            raise ValidationError({"order": "That PO is not in this shipment."})
        if shipment.members.count() == 1:
            raise ValidationError(
                {"order": "A shipment needs at least one PO: cancel the shipment instead."}
            )
        po_number = member.order.po_number
        member.delete()
        audit.record(
            organization=shipment.organization,
            actor=user,
            action="shipment.order_removed",
            obj=shipment,
            changes={"po": po_number},
        )
    return shipment


def cancel_shipment(*, shipment: Shipment, user) -> None:
    """Drop a draft or ready shipment; its POs and boxes stay as they are."""
    with transaction.atomic():
        shipment = _lock_editable(shipment)
        audit.record(
            organization=shipment.organization,
            actor=user,
            action="shipment.cancelled",
            obj=shipment,
            changes={"reference": shipment.reference},
        )
        shipment.delete()


def mark_ready(*, shipment: Shipment, user) -> Shipment:
    """Packing is done: no open box holds anything and no line holds more than it may ship."""
    with transaction.atomic():
        shipment = _lock_editable(shipment)
        _check_packing(shipment_packing(shipment))
        shipment.state = ShipmentState.READY
        shipment.save()
        audit.record(
            organization=shipment.organization, actor=user, action="shipment.ready", obj=shipment
        )
    return shipment


def mark_shipped(*, shipment: Shipment, user, short_note: str = "") -> Shipment:
    """The truck has left. Every accepted unit is in a closed box, or `short_note` says why not
    (the difference then shows as short-shipped). Queues the ASN when the channel sends them."""
    with transaction.atomic():
        shipment = _lock_editable(shipment)
        packings = shipment_packing(shipment)
        _check_packing(packings)
        short = sum(p.short for p in packings)
        note = (short_note or "").strip()
        if short and not note:
            raise ValidationError(
                {
                    "short_note": f"{short} accepted {'each is' if short == 1 else 'eaches are'} "
                    "not in a closed box: pack them, or say why they stay behind."
                }
            )
        if not any(p.closed for p in packings):
            raise ValidationError({"__all__": "Nothing is packed in a closed box yet."})
        _discard_empty_open_boxes(packings)
        shipment.state = ShipmentState.SHIPPED
        shipment.shipped_at = timezone.now()
        shipment.shipped_by = user
        shipment.ship_date = shipment.ship_date or timezone.localdate()
        shipment.short_shipped_eaches = short
        shipment.short_shipped_note = note if short else ""
        shipment.save()
        audit.record(
            organization=shipment.organization,
            actor=user,
            action="shipment.shipped",
            obj=shipment,
            changes={"boxes": sum(len(p.boxes) for p in packings), "short_eaches": short},
        )
        if shipment.channel.send_asn:
            asn.queue(shipment=shipment, user=user)
    return shipment


# -- helpers ---------------------------------------------------------------------------------------


def _detail_values(details: Details) -> dict:
    if details.shipment_type not in ShipmentType.values:
        raise ValidationError({"shipment_type": "Choose small parcel, LTL or truck load."})
    values = {name: getattr(details, name) for name in DETAIL_FIELDS}
    for name in ("appointment_id", "carrier", "carrier_scac", "tracking_number"):
        values[name] = (values[name] or "").strip()
    return values


def _shippable(organization, order_ids: list[int]) -> list[Order]:
    ids = sorted({int(pk) for pk in order_ids})
    if not ids:
        raise ValidationError({"orders": "Choose at least one acknowledged PO."})
    orders = list(
        Order.objects.select_for_update(of=("self",))
        .filter(organization=organization, pk__in=ids)
        .select_related("acknowledgement")
        .order_by("po_number")
    )
    found = {order.pk for order in orders}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise ValidationError({"orders": f"No such order: {', '.join(map(str, missing))}."})
    for order in orders:
        _check_shippable(order)
    return orders


def _check_shippable(order: Order) -> None:
    ack = getattr(order, "acknowledgement", None)
    if (
        order.status not in SHIPPABLE_ORDER_STATUSES
        or ack is None
        or ack.state not in SENT_ACK_STATES
    ):
        raise ValidationError(
            {
                "orders": f"PO {order.po_number} is not acknowledged to Amazon yet; only "
                "acknowledged POs ship."
            }
        )
    if order.fill_accepted == 0:
        raise ValidationError(
            {"orders": f"PO {order.po_number} has nothing accepted: Amazon cancelled it."}
        )
    if ShipmentOrder.objects.filter(order=order).exists():
        raise ValidationError({"orders": f"PO {order.po_number} is already in a shipment."})


def _check_one_destination(orders: list[Order]) -> None:
    fcs = sorted({order.ship_to_code for order in orders})
    if len(fcs) > 1:
        raise ValidationError(
            {"orders": f"A shipment goes to one FC; these POs go to {', '.join(fcs)}."}
        )
    if len({order.channel_id for order in orders}) > 1:
        raise ValidationError({"orders": "A shipment's POs come from one Amazon channel."})


def _add_members(shipment: Shipment, orders: list[Order]) -> None:
    try:
        with transaction.atomic():
            ShipmentOrder.objects.bulk_create(
                [ShipmentOrder(shipment=shipment, order=order) for order in orders]
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"orders": "One of these POs was just put in another shipment."}
        ) from exc


def _lock(shipment: Shipment) -> Shipment:
    return (
        Shipment.objects.select_for_update(of=("self",))
        .select_related("channel", "organization")
        .get(pk=shipment.pk)
    )


def _lock_editable(shipment: Shipment) -> Shipment:
    shipment = _lock(shipment)
    if shipment.state not in EDITABLE_STATES:
        raise ValidationError(
            {
                "__all__": f"Shipment {shipment.reference} is {shipment.get_state_display()}; "
                "it cannot change."
            }
        )
    return shipment


def _check_packing(packings: list[OrderPacking]) -> None:
    problems = []
    for p in packings:
        busy = [box for box in p.open_boxes if box.items.all()]
        if busy:
            numbers = ", ".join(str(box.number) for box in busy)
            problems.append(f"PO {p.order.po_number}: close box {numbers} first.")
        for line in p.lines:
            if line.over:
                problems.append(
                    f"PO {p.order.po_number} line {line.line.item_sequence_number}: "
                    f"{line.over} more packed than accepted; take them out."
                )
    if problems:
        raise ValidationError({"__all__": problems})


def _discard_empty_open_boxes(packings: list[OrderPacking]) -> None:
    empty = [box.pk for p in packings for box in p.open_boxes if not box.items.all()]
    if empty:
        Box.objects.filter(pk__in=empty, state=BoxState.OPEN, items__isnull=True).delete()
