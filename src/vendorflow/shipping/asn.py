"""The ASN outbox, domain side: what a shipment's ASN says, and the states its one row goes
through (pending → sending → submitted → confirmed / failed; a failed one is corrected by a
`Replace` on the same row). integrations/amazon/asn_outbox.py is the worker that talks to Amazon.

Exactly once: a row is claimed by a conditional update (pending → sending) before anything is
sent, and marked in doubt while the send is under way. A row left `sending` and in doubt may
have reached Amazon: the worker asks Amazon before it is sent again, never resends blindly.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from vendorflow.accounts import audit
from vendorflow.orders.choices import UnitOfMeasure
from vendorflow.orders.models import OrderLine
from vendorflow.shipping import dto
from vendorflow.shipping.choices import AsnState, BoxState, ConfirmationType, ShipmentState
from vendorflow.shipping.models import Asn, Box, Shipment

FIRST_CHECK_AFTER = timedelta(seconds=30)
CLAIM_STALE_AFTER = timedelta(minutes=2)


def _enqueue_nothing(asn_id: int) -> None:
    """Replaced by the Amazon integration's task (integrations/amazon/apps.py)."""


def _no_builder(notice: dto.ShipmentNotice) -> dict:
    raise ImproperlyConfigured("The Amazon integration app is not installed: no ASN builder.")


enqueue_submit: Callable[[int], object] = _enqueue_nothing
# Amazon's ShipmentConfirmation for a notice; set by integrations/amazon/apps.py.
build_payload: Callable[[dto.ShipmentNotice], dict] = _no_builder


# -- what the ASN says -----------------------------------------------------------------------------


def notice_for(shipment: Shipment, confirmation_type: str, *, now: datetime | None = None):
    """The shipment as Amazon's ASN will say it: one item per PO line shipped, one carton per
    closed box, quantities in the line's unit of measure (whole cases for a Cases line)."""
    boxes = list(
        Box.objects.filter(order__shipment_member__shipment=shipment, state=BoxState.CLOSED)
        .select_related("order")
        .prefetch_related("items__line")
        .order_by("order__po_number", "number")
    )
    references: dict[int, str] = {}
    shipped: dict[int, int] = {}
    lines: dict[int, OrderLine] = {}
    for box in boxes:
        for item in box.items.all():
            lines[item.line_id] = item.line
            shipped[item.line_id] = shipped.get(item.line_id, 0) + item.quantity_eaches
    ordered_lines = sorted(
        lines.values(), key=lambda line: (_po(boxes, line), int(line.item_sequence_number))
    )
    items = []
    for number, line in enumerate(ordered_lines, start=1):
        references[line.pk] = str(number)
        quantity, unit, size = _quantity(line, shipped[line.pk])
        items.append(
            dto.NoticeItem(
                reference=str(number),
                po_number=_po(boxes, line),
                item_sequence_number=line.item_sequence_number,
                asin=line.asin,
                vendor_product_id=line.vendor_product_id,
                shipped_quantity=quantity,
                unit_of_measure=unit,
                unit_size=size,
            )
        )
    cartons = tuple(
        _carton(sequence, box, references) for sequence, box in enumerate(boxes, start=1)
    )
    weights = [box.weight_kg for box in boxes]
    known = [weight for weight in weights if weight is not None]
    channel = shipment.channel
    return dto.ShipmentNotice(
        shipment_identifier=shipment.reference,
        confirmation_type=confirmation_type,
        confirmed_at=now or timezone.now(),
        shipped_at=shipment.shipped_at,
        vendor_code=channel.vendor_code,
        ship_from=channel.default_location_code or channel.vendor_code,
        ship_to=shipment.ship_to_code,
        shipment_type=shipment.shipment_type,
        items=tuple(items),
        cartons=cartons,
        amazon_reference_number=shipment.appointment_id,
        carrier_scac=shipment.carrier_scac,
        tracking_number=shipment.tracking_number,
        estimated_delivery_at=shipment.estimated_delivery_at,
        gross_weight_kg=sum(known, Decimal(0)) if weights and len(known) == len(weights) else None,
    )


def _po(boxes: list[Box], line: OrderLine) -> str:
    return next(box.order.po_number for box in boxes if box.order_id == line.order_id)


def _quantity(line: OrderLine, eaches: int) -> tuple[int, str, int]:
    cases = line.unit_of_measure == UnitOfMeasure.CASES and line.unit_size > 1
    if cases and eaches % line.unit_size == 0:
        return eaches // line.unit_size, UnitOfMeasure.CASES, line.unit_size
    return eaches, UnitOfMeasure.EACHES, 1


def _carton(sequence: int, box: Box, references: dict[int, str]) -> dto.NoticeCarton:
    items = []
    for item in sorted(box.items.all(), key=lambda i: int(references[i.line_id])):
        quantity, unit, size = _quantity(item.line, item.quantity_eaches)
        items.append(
            dto.NoticeCartonItem(
                reference=references[item.line_id],
                shipped_quantity=quantity,
                unit_of_measure=unit,
                unit_size=size,
            )
        )
    return dto.NoticeCarton(
        sequence_number=str(sequence),
        identifier=box.carton_id,
        identifier_type=box.carton_id_type,
        items=tuple(items),
        weight_kg=box.weight_kg,
        length_cm=box.length_cm,
        width_cm=box.width_cm,
        height_cm=box.height_cm,
    )


# -- the outbox row --------------------------------------------------------------------------------


def queue(*, shipment: Shipment, user) -> Asn:
    """The shipment's ASN, queued once (the one-to-one row refuses a second)."""
    payload = build_payload(notice_for(shipment, ConfirmationType.ORIGINAL))
    try:
        with transaction.atomic():
            row = Asn.objects.create(
                organization_id=shipment.organization_id,
                shipment=shipment,
                payload=payload,
                created_by=user,
            )
    except IntegrityError as exc:
        raise ValidationError({"__all__": "This shipment's ASN is already queued."}) from exc
    audit.record(
        organization=shipment.organization,
        actor=user,
        action="shipment.asn_queued",
        obj=shipment,
        changes={"type": ConfirmationType.ORIGINAL},
    )
    row_id = row.pk
    transaction.on_commit(lambda: enqueue_submit(row_id))
    return row


def send_now(*, shipment: Shipment, user) -> Asn:
    """Queue the ASN of a shipped shipment whose channel did not send it on its own."""
    with transaction.atomic():
        shipment = (
            Shipment.objects.select_for_update().select_related("channel").get(pk=shipment.pk)
        )
        if shipment.state != ShipmentState.SHIPPED:
            raise ValidationError(
                {
                    "__all__": f"Shipment {shipment.reference} is {shipment.get_state_display()}; "
                    "an ASN goes once it has shipped."
                }
            )
        return queue(shipment=shipment, user=user)


def replace(*, shipment: Shipment, user) -> Asn:
    """After Amazon refused the ASN: send it again, corrected, as a `Replace`."""
    with transaction.atomic():
        row = (
            Asn.objects.select_for_update()
            .select_related("shipment__channel")
            .get(shipment=shipment)
        )
        if row.state != AsnState.FAILED:
            raise ValidationError(
                {
                    "__all__": f"The ASN is {row.get_state_display().lower()}; only a failed one "
                    "is replaced."
                }
            )
        shipment = row.shipment
        row.confirmation_type = ConfirmationType.REPLACE
        row.revision += 1
        row.payload = build_payload(notice_for(shipment, ConfirmationType.REPLACE))
        row.state = AsnState.PENDING
        row.errors = []
        row.transaction_id = ""
        row.claimed_by = ""
        row.claimed_at = row.submitted_at = row.next_check_at = None
        row.in_doubt = False
        row.save()
        Shipment.objects.filter(pk=shipment.pk).update(state=ShipmentState.SHIPPED)
        audit.record(
            organization=shipment.organization,
            actor=user,
            action="shipment.asn_replaced",
            obj=shipment,
            changes={"revision": row.revision},
        )
        row_id = row.pk
        transaction.on_commit(lambda: enqueue_submit(row_id))
    return row


def claim(*, asn_id: int, worker: str) -> Asn | None:
    """Take a pending row for sending; None when another worker has it (or it is done)."""
    now = timezone.now()
    claimed = Asn.objects.filter(pk=asn_id, state=AsnState.PENDING).update(
        state=AsnState.SENDING,
        claimed_by=worker,
        claimed_at=now,
        in_doubt=True,
        updated_at=now,
    )
    if not claimed:
        return None
    Asn.objects.filter(pk=asn_id).update(attempts=_attempts(asn_id) + 1)
    return Asn.objects.select_related("shipment__channel").get(pk=asn_id)


def _attempts(asn_id: int) -> int:
    return Asn.objects.filter(pk=asn_id).values_list("attempts", flat=True).get()


def release(*, asn_id: int) -> bool:
    """Nothing reached Amazon (throttled, token refused, no connection): back to the queue."""
    return (
        Asn.objects.filter(pk=asn_id, state=AsnState.SENDING).update(
            state=AsnState.PENDING, in_doubt=False, claimed_by="", claimed_at=None
        )
        == 1
    )


def record_submitted(*, asn_id: int, transaction_id: str) -> Asn:
    now = timezone.now()
    with transaction.atomic():
        changed = Asn.objects.filter(pk=asn_id, state=AsnState.SENDING).update(
            state=AsnState.SUBMITTED,
            transaction_id=transaction_id,
            submitted_at=now,
            next_check_at=now + FIRST_CHECK_AFTER,
            in_doubt=False,
            updated_at=now,
        )
        row = Asn.objects.select_related("shipment").get(pk=asn_id)
        if changed:
            Shipment.objects.filter(pk=row.shipment_id).update(state=ShipmentState.SUBMITTED)
    return row


def record_failed(*, asn_id: int, errors: list) -> Asn:
    with transaction.atomic():
        row = Asn.objects.select_for_update().select_related("shipment").get(pk=asn_id)
        if row.state not in (AsnState.SENDING, AsnState.SUBMITTED):
            return row
        row.state = AsnState.FAILED
        row.errors = list(errors)
        row.in_doubt = False
        row.next_check_at = None
        row.save()
        Shipment.objects.filter(pk=row.shipment_id).update(state=ShipmentState.FAILED)
    return row


def record_confirmed(*, asn_id: int) -> Asn:
    with transaction.atomic():
        row = Asn.objects.select_for_update().get(pk=asn_id)
        if row.state != AsnState.SUBMITTED:
            return row
        row.state = AsnState.CONFIRMED
        row.confirmed_at = timezone.now()
        row.next_check_at = None
        row.save()
        Shipment.objects.filter(pk=row.shipment_id).update(state=ShipmentState.CONFIRMED)
    return row


def record_found(*, asn_id: int) -> Asn:
    """A send in doubt reached Amazon (it lists the shipment): as good as confirmed."""
    with transaction.atomic():
        changed = Asn.objects.filter(pk=asn_id, state=AsnState.SENDING, in_doubt=True).update(
            state=AsnState.SUBMITTED, in_doubt=False, submitted_at=timezone.now()
        )
        if changed:
            return record_confirmed(asn_id=asn_id)
    return Asn.objects.get(pk=asn_id)


def schedule_check(*, asn_id: int, at: datetime) -> None:
    Asn.objects.filter(pk=asn_id, state=AsnState.SUBMITTED).update(next_check_at=at)


def due_work(*, now: datetime | None = None) -> dict[str, list[int]]:
    """What the periodic sweep does: send pending rows, follow submitted ones, and settle
    claims left in doubt by a worker that stopped."""
    now = now or timezone.now()
    rows = Asn.objects.filter
    return {
        "send": list(rows(state=AsnState.PENDING).values_list("pk", flat=True)[:100]),
        "check": list(
            rows(state=AsnState.SUBMITTED, next_check_at__lte=now).values_list("pk", flat=True)[
                :100
            ]
        ),
        "resolve": list(
            rows(state=AsnState.SENDING, claimed_at__lte=now - CLAIM_STALE_AFTER).values_list(
                "pk", flat=True
            )[:100]
        ),
    }
