"""The acknowledgement plan: what we will tell Amazon per line, built from the scans.

Partial-scan rule: only scanned quantities are accepted; everything else is rejected
(`TemporarilyUnavailable`, or `InvalidProductIdentifier` for an unmapped line). `Cases` lines
accept whole cases only; leftover eaches become a warning. Nothing above the ordered quantity is
ever accepted. Lines Amazon cancelled (ordered 0) are not sent.

Below the plan: the outbox that sends it exactly once (docs/acknowledgement.md has the states).
"""

import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from vendorflow.accounts import audit
from vendorflow.lib.text import in_sentence
from vendorflow.orders.choices import (
    AckState,
    EventKind,
    OrderStatus,
    RejectionReason,
    UnitOfMeasure,
)
from vendorflow.orders.dto import LineStatus
from vendorflow.orders.models import Acknowledgement, Order, OrderEvent, OrderLine
from vendorflow.orders.totals import refresh_totals

# Without windows on the PO: ship two days after the PO date, deliver three days after shipping.
DEFAULT_SHIP_AFTER = timedelta(days=2)
DEFAULT_DELIVERY_AFTER_SHIP = timedelta(days=3)


@dataclass(frozen=True)
class LinePlan:
    line_id: int
    item_sequence_number: str
    asin: str
    vendor_product_id: str
    sku: str  # "" when the line needs mapping
    unit_of_measure: str
    unit_size: int
    ordered_quantity: int  # in Amazon's unit of measure
    ordered_eaches: int
    scanned_eaches: int
    accepted: int  # in Amazon's unit of measure
    rejected: int
    rejection_reason: str  # "" when nothing is rejected
    leftover_eaches: int  # scanned eaches that do not make a whole case
    net_cost: Decimal | None
    currency: str

    @property
    def cancelled(self) -> bool:
        return self.ordered_quantity == 0

    @property
    def needs_mapping(self) -> bool:
        return not self.sku

    @property
    def eaches_per_unit(self) -> int:
        return self.unit_size if self.unit_of_measure == UnitOfMeasure.CASES else 1

    @property
    def accepted_eaches(self) -> int:
        return self.accepted * self.eaches_per_unit

    @property
    def warnings(self) -> list[str]:
        return _line_warnings(self)


@dataclass(frozen=True)
class AckPlan:
    order_id: int
    po_number: str
    vendor_code: str
    scheduled_ship_date: datetime
    scheduled_delivery_date: datetime
    lines: tuple[LinePlan, ...]
    # (line id, reason) a member chose instead of the default reason for what a line rejects
    chosen_reasons: tuple[tuple[int, str], ...] = ()

    @property
    def sent_lines(self) -> tuple[LinePlan, ...]:
        return tuple(line for line in self.lines if not line.cancelled)

    @property
    def ordered_eaches(self) -> int:
        return sum(line.ordered_eaches for line in self.lines)

    @property
    def accepted_eaches(self) -> int:
        return sum(line.accepted_eaches for line in self.lines)

    @property
    def fingerprint(self) -> str:
        """A digest of what this plan tells Amazon per line. The preview carries it; a confirm
        whose fresh plan digests differently was made from another state of the order (scans,
        Amazon's quantities or the item mappings changed in between) and is refused."""
        sent = [
            (line.line_id, line.item_sequence_number, line.ordered_quantity,
             line.unit_of_measure, line.unit_size, line.accepted, line.rejected,
             line.rejection_reason, str(line.net_cost), line.currency)
            for line in self.lines
        ]  # fmt: skip
        return hashlib.sha256(repr(sent).encode()).hexdigest()[:16]

    @property
    def warnings(self) -> list[str]:
        found = [warning for line in self.lines for warning in line.warnings]
        if self.sent_lines and not self.accepted_eaches:
            found.insert(
                0,
                "Nothing is scanned: every line will be rejected and Amazon will "
                "cancel the whole PO.",
            )
        return found


class PlannedLine(NamedTuple):
    """What a plan reads of an order line: read as plain rows, not models, since a bulk
    acknowledgement of 100 orders reads 2,000 lines (a quarter of the time)."""

    pk: int
    order_id: int
    item_sequence_number: str
    asin: str
    vendor_product_id: str
    product_id: int | None
    sku: str  # "" without a product
    unit_of_measure: str
    unit_size: int
    ordered_quantity: int
    ordered_eaches: int
    scanned_eaches: int
    net_cost: Decimal | None
    currency: str


def build_plan(
    order: Order,
    *,
    scheduled_ship_date: date | datetime | None = None,
    scheduled_delivery_date: date | datetime | None = None,
    lines: Sequence[PlannedLine] | None = None,
    rejection_reasons: Mapping[int, str] | None = None,
) -> AckPlan:
    """The acknowledgement the current scans make. Dates outside the PO windows are refused.
    `lines` are the order's lines as `lines_for_plans` reads them (else they are read here).

    `rejection_reasons` (line id → a `RejectionReason`) replaces the default reason of what a line
    rejects; a line that rejects nothing, or is not on the order, is refused by name."""
    ship = _scheduled(
        scheduled_ship_date,
        order.ship_window_start,
        order.ship_window_end,
        "scheduled_ship_date",
        "ship",
    )
    if ship is None:
        ship = default_ship_date(order)
    delivery = _scheduled(
        scheduled_delivery_date,
        order.delivery_window_start,
        order.delivery_window_end,
        "scheduled_delivery_date",
        "delivery",
    )
    if delivery is None:
        delivery = default_delivery_date(order, ship)
    if delivery < ship:
        raise ValidationError({"scheduled_delivery_date": "Delivery cannot be before shipping."})
    if lines is None:
        lines = lines_for_plans([order.pk]).get(order.pk, [])
    chosen = tuple(sorted((rejection_reasons or {}).items()))
    planned = _plan_lines(lines, dict(chosen))
    _check_reasons(planned, dict(chosen))
    return AckPlan(
        order.pk,
        order.po_number,
        order.selling_party_id or order.channel.vendor_code,
        ship,
        delivery,
        planned,
        chosen,
    )


def lines_for_plans(order_ids: Iterable[int]) -> dict[int, list[PlannedLine]]:
    """The lines of the orders, with their product's SKU, by order id in line order: one query
    for a whole bulk acknowledgement rather than one per order."""
    found: dict[int, list[PlannedLine]] = {}
    rows = (
        OrderLine.objects.filter(order_id__in=list(order_ids))
        .annotate(sku=Coalesce("product__sku", Value("")))
        .order_by("order_id", "id")
        .values_list(*PlannedLine._fields)
    )
    for row in rows:
        line = PlannedLine(*row)
        found.setdefault(line.order_id, []).append(line)
    return found


def _plan_lines(lines: Iterable[PlannedLine], chosen: Mapping[int, str]) -> tuple[LinePlan, ...]:
    return tuple(plan_line(line, chosen.get(line.pk, "")) for line in lines)


def _check_reasons(lines: tuple[LinePlan, ...], chosen: Mapping[int, str]) -> None:
    by_id = {line.line_id: line for line in lines}
    for line_id, reason in chosen.items():
        line = by_id.get(line_id)
        if line is None:
            raise ValidationError({"rejection_reasons": f"This order has no line {line_id}."})
        if reason not in RejectionReason.values:
            raise ValidationError(
                {"rejection_reasons": f"{reason!r} is not one of {', '.join(RejectionReason)}."}
            )
        if not line.rejected:
            raise ValidationError(
                {
                    "rejection_reasons": f"Line {line.item_sequence_number} rejects nothing; "
                    "it needs no reason."
                }
            )


def plan_line(line: PlannedLine, chosen_reason: str = "") -> LinePlan:
    per_unit = line.unit_size if line.unit_of_measure == UnitOfMeasure.CASES else 1
    scanned = min(line.scanned_eaches, line.ordered_eaches)
    accepted = 0 if line.product_id is None else min(scanned // per_unit, line.ordered_quantity)
    rejected = line.ordered_quantity - accepted
    return LinePlan(
        line_id=line.pk,
        item_sequence_number=line.item_sequence_number,
        asin=line.asin,
        vendor_product_id=line.vendor_product_id,
        sku=line.sku,
        unit_of_measure=line.unit_of_measure,
        unit_size=line.unit_size,
        ordered_quantity=line.ordered_quantity,
        ordered_eaches=line.ordered_eaches,
        scanned_eaches=line.scanned_eaches,
        accepted=accepted,
        rejected=rejected,
        rejection_reason=(chosen_reason if rejected else "") or _reason(line, rejected),
        leftover_eaches=scanned - accepted * per_unit if line.product_id else 0,
        net_cost=line.net_cost,
        currency=line.currency,
    )


def _reason(line: PlannedLine, rejected: int) -> str:
    if rejected == 0:
        return ""
    if line.product_id is None:
        return RejectionReason.INVALID_PRODUCT_IDENTIFIER
    return RejectionReason.TEMPORARILY_UNAVAILABLE


def _line_warnings(line: LinePlan) -> list[str]:
    label = f"Line {line.item_sequence_number} ({line.sku or line.asin})"
    warnings = []
    if line.leftover_eaches:
        warnings.append(
            f"{label}: {line.leftover_eaches} scanned eaches do not make a whole case of "
            f"{line.unit_size} and will not be accepted."
        )
    if line.scanned_eaches > line.ordered_eaches:
        warnings.append(
            f"{label}: {line.scanned_eaches} eaches scanned but Amazon now orders "
            f"{line.ordered_eaches}; only {line.ordered_eaches} can be accepted."
        )
    if line.needs_mapping and not line.cancelled:
        warnings.append(f"{label} needs mapping and will be rejected as an invalid product.")
    if line.net_cost is None and not line.cancelled:
        warnings.append(f"{label}: the PO carries no net cost to echo back.")
    return warnings


# -- scheduled dates -------------------------------------------------------------------------------


def default_ship_date(order: Order) -> datetime:
    return order.ship_window_start or order.po_date + DEFAULT_SHIP_AFTER


def default_delivery_date(order: Order, ship: datetime) -> datetime:
    return order.delivery_window_start or ship + DEFAULT_DELIVERY_AFTER_SHIP


def _scheduled(value, start, end, field: str, what: str) -> datetime | None:
    """A chosen date/time, checked against the PO window. A plain date takes the window's time."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else _on_day(value, start)
    if start and end:
        if isinstance(value, date) and not isinstance(value, datetime):
            moment = min(max(moment, start), end) if start.date() <= value <= end.date() else moment
        if not start <= moment <= end:
            raise ValidationError(
                {
                    field: f"Choose a {what} date within the {what} window "
                    f"{_day(start)} – {_day(end)}."
                }
            )
    return moment


def _on_day(day: date, start: datetime | None) -> datetime:
    at = start.astimezone(UTC).timetz() if start else time(0, 0, tzinfo=UTC)
    return datetime.combine(day, at)


def _day(moment: datetime) -> str:
    return moment.strftime("%d %b %Y").lstrip("0")


# -- the outbox: one Acknowledgement row per order, sent exactly once ---------------------------

logger = logging.getLogger(__name__)

SENDING_STALE_AFTER = timedelta(minutes=30)  # a claim this old without an outcome is in doubt


def confirm_after() -> timedelta:
    """Still `Processing` this long after submit means it went through (Amazon: 15 minutes)."""
    return timedelta(minutes=settings.AMAZON_ACK_CONFIRM_AFTER_MINUTES)


FIRST_CHECK_AFTER = timedelta(minutes=1)


def _enqueue_nothing(ack_id: int) -> None:
    logger.info("Acknowledgement %s is pending; no sender is wired to send it.", ack_id)


def _no_payload_builder(plan: "AckPlan") -> dict:
    raise ImproperlyConfigured("No channel integration is installed to build acknowledgements.")


# The channel integration plugs in here at start-up (integrations/amazon/apps.py): the sender
# (called with the ack id after commit) and the builder of the payload Amazon receives.
enqueue_submit: Callable[[int], object] = _enqueue_nothing
build_payload: Callable[["AckPlan"], dict] = _no_payload_builder


PREVIEW_CHANGED = (
    "The order changed since this preview (scans, Amazon's quantities or item mappings); "
    "review it again."
)


class PreviewChanged(ValidationError):
    """The plan confirmed is not the plan the order makes now (see `AckPlan.fingerprint`)."""

    def __init__(self) -> None:
        super().__init__({"__all__": PREVIEW_CHANGED}, code="preview_changed")


def acknowledge(
    *, order: Order, plan: AckPlan, payload: dict, user, previewed: str | None = None
) -> Acknowledgement:
    """Confirm a preview: the first acknowledgement of the order, or a resubmit after a failure.

    `previewed` is the fingerprint of the plan the user saw; a plan that differs is refused.
    """
    if previewed is not None and previewed != plan.fingerprint:
        raise PreviewChanged()
    failed = Acknowledgement.objects.filter(order=order, state=AckState.FAILED).exists()
    if failed:
        return resubmit(order=order, plan=plan, payload=payload, user=user)
    return confirm_acknowledgement(order=order, plan=plan, user=user, payload=payload)


def confirm_acknowledgement(
    *, order: Order, plan: AckPlan, user, payload: dict, batch_id: str = ""
) -> Acknowledgement:
    """Write THE acknowledgement of the order (state pending) and queue it for sending.

    A second call (double click, concurrent submit) returns the existing row and queues nothing.
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        existing = Acknowledgement.objects.filter(order=order).first()
        if existing is not None:
            return existing
        _check_plan(order, plan)
        try:
            with transaction.atomic():
                ack = Acknowledgement.objects.create(
                    organization_id=order.organization_id,
                    order=order,
                    payload=payload,
                    batch_id=batch_id,
                    created_by=user if user and user.is_authenticated else None,
                )
        except IntegrityError:
            return Acknowledgement.objects.get(order=order)
        _apply_plan(order, plan, user, ack, "order.acknowledge")
    return ack


def confirm_batch(*, items: list[tuple[Order, AckPlan, dict]], user) -> list[Acknowledgement]:
    """Acknowledge several orders at once; they share a batch id so one API call sends them."""
    batch_id = str(uuid.uuid4())
    with transaction.atomic():
        return [
            confirm_acknowledgement(
                order=order, plan=plan, user=user, payload=payload, batch_id=batch_id
            )
            for order, plan, payload in items
        ]


def resubmit(*, order: Order, plan: AckPlan, payload: dict, user) -> Acknowledgement:
    """After a failure (nothing was accepted): the corrected plan goes out on the same row."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        ack = Acknowledgement.objects.select_for_update().get(order=order)
        if ack.state != AckState.FAILED:
            raise ValidationError(
                {
                    "__all__": f"Only a failed acknowledgement can be resubmitted; this one is "
                    f"{in_sentence(ack.get_state_display())}."
                }
            )
        _check_plan(order, plan)
        _reset(ack, payload)
        _apply_plan(order, plan, user, ack, "order.acknowledge_resubmit")
    return ack


def _check_plan(order: Order, plan: AckPlan) -> None:
    if order.status != OrderStatus.OPEN:
        raise ValidationError(
            {
                "__all__": f"Order {order.po_number} is {order.get_status_display().lower()}; "
                "it cannot be acknowledged now."
            }
        )
    if plan.order_id != order.pk:
        raise ValidationError({"__all__": "This plan belongs to another order."})
    if not plan.sent_lines:
        raise ValidationError({"__all__": "Amazon cancelled every line; there is nothing to send."})
    # Under the order's lock: the lines as they are now must make the same plan (an import or a
    # scan that committed after the plan was built changes it).
    lines = lines_for_plans([order.pk]).get(order.pk, [])
    if _plan_lines(lines, dict(plan.chosen_reasons)) != plan.lines:
        raise PreviewChanged()


def _reset(ack: Acknowledgement, payload: dict) -> None:
    ack.state = AckState.PENDING
    ack.payload = payload
    ack.errors = []
    ack.transaction_id = ""
    ack.claimed_by = ""
    ack.claimed_at = ack.submitted_at = ack.next_check_at = None
    ack.needs_status_check = False
    ack.save()


def _apply_plan(order: Order, plan: AckPlan, user, ack: Acknowledgement, action: str) -> None:
    for line in plan.lines:
        OrderLine.objects.filter(pk=line.line_id, order=order).update(
            ack_accepted=line.accepted,
            ack_rejected=line.rejected,
            ack_rejection_reason=line.rejection_reason,
        )
    Order.objects.filter(pk=order.pk).update(status=OrderStatus.ACKNOWLEDGING)
    order.status = OrderStatus.ACKNOWLEDGING
    message = f"{plan.accepted_eaches} of {plan.ordered_eaches} eaches accepted"
    _event(order, EventKind.ACK_QUEUED, message, user, {"ack": ack.pk, "batch": ack.batch_id})
    audit.record(
        organization=order.organization,
        actor=user,
        action=action,
        obj=order,
        changes={"accepted_eaches": plan.accepted_eaches, "ack": ack.pk},
    )
    ack_id = ack.pk
    transaction.on_commit(lambda: enqueue_submit(ack_id))


# -- worker side -----------------------------------------------------------------------------------


def claim_for_sending(*, ack_id: int, worker: str) -> Acknowledgement | None:
    """Take the row for sending: pending → sending, or a stale `sending` whose status check said
    "resend". Returns None (send nothing) unless this call changed the row."""
    now = timezone.now()
    stale = Q(
        state=AckState.SENDING, needs_status_check=False, claimed_at__lt=now - SENDING_STALE_AFTER
    )
    changed = Acknowledgement.objects.filter(Q(state=AckState.PENDING) | stale, pk=ack_id).update(
        state=AckState.SENDING,
        claimed_by=worker[:64],
        claimed_at=now,
        needs_status_check=True,
        attempts=F("attempts") + 1,
        updated_at=now,
    )
    if changed != 1:
        return None
    return Acknowledgement.objects.select_related("order").get(pk=ack_id)


def claim_batch_for_sending(*, ack_id: int, worker: str) -> list[Acknowledgement]:
    """Claim the ack and every other pending ack of its batch (to send in one call)."""
    batch_id = Acknowledgement.objects.filter(pk=ack_id).values_list("batch_id", flat=True).first()
    ids = [ack_id]
    if batch_id:
        siblings = Acknowledgement.objects.filter(batch_id=batch_id, state=AckState.PENDING)
        ids += list(siblings.exclude(pk=ack_id).order_by("pk").values_list("pk", flat=True))
    claimed = (claim_for_sending(ack_id=pk, worker=worker) for pk in ids)
    return [ack for ack in claimed if ack is not None]


def release_claim(*, ack_id: int) -> bool:
    """The send certainly did not reach Amazon (throttled, token refused, connection refused):
    back to pending for a retry. Never use it when the request may have been received."""
    released = Acknowledgement.objects.filter(pk=ack_id, state=AckState.SENDING).update(
        state=AckState.PENDING,
        needs_status_check=False,
        claimed_by="",
        claimed_at=None,
        updated_at=timezone.now(),
    )
    return released == 1


def record_submitted(*, ack_id: int, transaction_id: str) -> Acknowledgement:
    """Amazon answered 202 with a transaction id: wait for its outcome."""
    now = timezone.now()
    with transaction.atomic():
        changed = Acknowledgement.objects.filter(pk=ack_id, state=AckState.SENDING).update(
            state=AckState.SUBMITTED,
            transaction_id=transaction_id,
            submitted_at=now,
            next_check_at=now + FIRST_CHECK_AFTER,
            needs_status_check=False,
            updated_at=now,
        )
        ack = Acknowledgement.objects.select_related("order").get(pk=ack_id)
        if changed:
            refresh_totals(order_ids=[ack.order_id])
            _event(
                ack.order,
                EventKind.ACK_SUBMITTED,
                f"Amazon transaction {transaction_id}",
                None,
                {"ack": ack_id, "transaction_id": transaction_id},
            )
    return ack


def record_failed(*, ack_id: int, errors: list) -> Acknowledgement:
    """Amazon refused the acknowledgement: nothing was accepted, the order opens again."""
    with transaction.atomic():
        ack = Acknowledgement.objects.select_for_update().select_related("order").get(pk=ack_id)
        if ack.state not in (AckState.SENDING, AckState.SUBMITTED):
            return ack
        ack.state = AckState.FAILED
        ack.errors = list(errors)
        ack.needs_status_check = False
        ack.next_check_at = None
        ack.save()
        order = ack.order
        Order.objects.filter(pk=order.pk, status=OrderStatus.ACKNOWLEDGING).update(
            status=OrderStatus.OPEN
        )
        order.lines.update(ack_accepted=None, ack_rejected=None, ack_rejection_reason="")
        refresh_totals(order_ids=[order.pk])
        _event(order, EventKind.ACK_FAILED, _errors_text(errors), None, {"ack": ack_id})
    return ack


def record_confirmed(*, ack_id: int, line_statuses: list[LineStatus]) -> Acknowledgement:
    """getPurchaseOrdersStatus shows Amazon's per-line quantities: the ack is confirmed.

    Safe to call again later (receiving status moves on); the event is written once."""
    with transaction.atomic():
        ack = Acknowledgement.objects.select_for_update().select_related("order").get(pk=ack_id)
        if ack.state not in (AckState.SUBMITTED, AckState.CONFIRMED):
            raise ValidationError(
                {"state": f"Acknowledgement {ack_id} is {ack.state}, not submitted."}
            )
        record_amazon_figures(order=ack.order, line_statuses=line_statuses)
        if ack.state == AckState.SUBMITTED:
            _confirm(ack)
        refresh_totals(order_ids=[ack.order_id])
    return ack


def record_amazon_figures(*, order: Order, line_statuses: Iterable[LineStatus]) -> None:
    """Store what getPurchaseOrdersStatus reports per line (accepted and rejected quantities,
    receiving status) on the order's lines, matched by item sequence number. The caller refreshes
    the order's kept totals in the same transaction (`totals.refresh_totals`)."""
    for status in line_statuses:
        order.lines.filter(item_sequence_number=status.item_sequence_number).update(
            amazon_accepted=status.accepted_quantity,
            amazon_rejected=status.rejected_quantity,
            amazon_receiving_status=status.receiving_status,
        )


def _confirm(ack: Acknowledgement) -> None:
    ack.state = AckState.CONFIRMED
    ack.confirmed_at = timezone.now()
    ack.next_check_at = None
    ack.save()
    Order.objects.filter(pk=ack.order_id, status=OrderStatus.ACKNOWLEDGING).update(
        status=OrderStatus.ACKNOWLEDGED
    )
    _event(
        ack.order,
        EventKind.ACK_CONFIRMED,
        "Amazon shows the acknowledgement",
        None,
        {"ack": ack.pk},
    )


def schedule_check(*, ack_id: int, at: datetime) -> None:
    """The transaction is still `Processing`: look again at `at`."""
    Acknowledgement.objects.filter(pk=ack_id, state=AckState.SUBMITTED).update(next_check_at=at)


def due_for_status_confirmation(ack: Acknowledgement, now: datetime | None = None) -> bool:
    """`Processing` for `confirm_after()` means it went through: ask getPurchaseOrdersStatus.
    A submit recovered from the crash window has no transaction id and goes there directly."""
    now = now or timezone.now()
    if ack.state != AckState.SUBMITTED:
        return False
    return not ack.transaction_id or status_confirmation_at(ack) <= now


def status_confirmation_at(ack: Acknowledgement) -> datetime:
    """When a submitted acknowledgement still `Processing` counts as gone through."""
    if ack.submitted_at is None:  # every way into `submitted` sets it
        raise ValueError(f"Acknowledgement {ack.pk} is {ack.state} without a submit time.")
    return ack.submitted_at + confirm_after()


# -- the crash window: claimed, maybe sent, outcome not recorded --------------------------------


def mark_sent_unknown(*, ack_id: int, error: str) -> Acknowledgement:
    """The send's outcome is unknown (timeout after sending, lost answer). Never resend blindly:
    the row stays `sending` with `needs_status_check` until getPurchaseOrdersStatus is asked."""
    ack = Acknowledgement.objects.select_related("order").get(pk=ack_id)
    if ack.state == AckState.SENDING:
        ack.needs_status_check = True
        ack.errors = [*ack.errors, {"code": "SentUnknown", "message": error}]
        ack.next_check_at = (ack.claimed_at or timezone.now()) + SENDING_STALE_AFTER
        ack.save(update_fields=["needs_status_check", "errors", "next_check_at", "updated_at"])
    return ack


def acks_needing_status_check(now: datetime | None = None):
    """Claimed rows whose outcome was never recorded, old enough for Amazon to show them."""
    now = now or timezone.now()
    return Acknowledgement.objects.filter(
        state=AckState.SENDING, needs_status_check=True, claimed_at__lt=now - SENDING_STALE_AFTER
    ).select_related("order")


def decide_after_status(ack: Acknowledgement, status_has_acknowledgement: bool) -> str:
    """ "confirm" when Amazon already holds an acknowledgement for the PO (never send another),
    "resend" when it has none."""
    if ack.state != AckState.SENDING:
        raise ValueError(
            f"Acknowledgement {ack.pk} is {ack.state}; only a sending one is in doubt."
        )
    return "confirm" if status_has_acknowledgement else "resend"


def resolve_sent_unknown(*, ack_id: int, status_has_acknowledgement: bool) -> str | None:
    """Act on the status check of a row in doubt. Returns the decision, or None if the row is
    not (or not yet) in doubt. "resend" makes it claimable again by `claim_for_sending`."""
    with transaction.atomic():
        ack = acks_needing_status_check().select_for_update().filter(pk=ack_id).first()
        if ack is None:
            return None
        decision = decide_after_status(ack, status_has_acknowledgement)
        ack.needs_status_check = False
        if decision == "confirm":
            ack.state = AckState.SUBMITTED
            ack.submitted_at = ack.claimed_at
            ack.next_check_at = timezone.now()
        ack.save()
        if decision == "confirm":
            refresh_totals(order_ids=[ack.order_id])
    return decision


def _errors_text(errors: list) -> str:
    parts = []
    for error in errors:
        if isinstance(error, dict):
            parts.append(": ".join(str(error[k]) for k in ("code", "message") if error.get(k)))
        else:
            parts.append(str(error))
    return "; ".join(parts) or "Amazon reported a failure without details."


def _event(order: Order, kind: str, message: str, user, data: dict) -> None:
    OrderEvent.objects.create(
        organization_id=order.organization_id,
        order=order,
        kind=kind,
        message=message,
        actor=user if user is not None and user.is_authenticated else None,
        data=data,
    )
