"""Acknowledgements over the API, as on the order's Acknowledge page and the list's bulk action:
preview (the plan and its fingerprint), confirm that preview (or resubmit it after a failure),
follow the acknowledgement, and do the same for several orders in one batch. Mounted at
/api/v1/orders beside the orders router."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from vendorflow.accounts.api_auth import member_of
from vendorflow.accounts.choices import Role
from vendorflow.orders import ack_actions, acknowledging
from vendorflow.orders.acknowledging import AckPlan, PreviewChanged
from vendorflow.orders.choices import RejectionReason
from vendorflow.orders.forms import MAX_SELECTED_ORDERS, OrderSelectionForm
from vendorflow.orders.models import Acknowledgement, Order

router = Router(tags=["acknowledgements"])
MAX_BATCH = MAX_SELECTED_ORDERS  # as the list's bulk action


class LinePlanOut(Schema):
    line_id: int
    item_sequence_number: str
    asin: str
    vendor_product_id: str
    sku: str
    needs_mapping: bool
    cancelled: bool
    unit_of_measure: str
    unit_size: int
    ordered_quantity: int
    ordered_eaches: int
    scanned_eaches: int
    accepted: int
    rejected: int
    rejection_reason: str = Field(description="Amazon's code; empty when nothing is rejected")
    rejection_reason_label: str
    leftover_eaches: int
    net_cost: Decimal | None
    currency: str
    warnings: list[str]


class PlanOut(Schema):
    order_id: int
    po_number: str
    fingerprint: str = Field(description="send it back to confirm exactly this plan")
    can_submit: bool
    scheduled_ship_date: datetime
    scheduled_delivery_date: datetime
    ordered_eaches: int
    accepted_eaches: int
    warnings: list[str]
    lines: list[LinePlanOut]


REASONS_HELP = (
    "line id → the reason for what the line rejects, instead of the default: "
    + ", ".join(RejectionReason.values)
)


class PreviewQuery(Schema):
    scheduled_ship_date: date | None = None
    scheduled_delivery_date: date | None = None
    reject: list[str] = Field(
        [], description="`LINE_ID:REASON`, once per line whose rejection reason you choose"
    )


class ConfirmIn(Schema):
    fingerprint: str = Field(..., min_length=1, max_length=64)
    scheduled_ship_date: date | None = None
    scheduled_delivery_date: date | None = None
    rejection_reasons: dict[int, RejectionReason] = Field({}, description=REASONS_HELP)


class AckOut(Schema):
    id: int
    order_id: int
    po_number: str = Field(..., alias="order.po_number")
    order_status: str = Field(..., alias="order.status")
    state: str
    state_label: str
    transaction_id: str
    errors: list
    batch_id: str
    created_at: datetime
    submitted_at: datetime | None
    confirmed_at: datetime | None

    @staticmethod
    def resolve_state_label(ack: Acknowledgement) -> str:
        return ack.get_state_display()


class ChangedOut(Schema):
    code: str = "preview_changed"
    message: str
    plan: PlanOut


class BatchPreviewIn(Schema):
    order_ids: list[int] = Field(..., min_length=1, max_length=MAX_BATCH)


class SkippedOut(Schema):
    order_id: int
    po_number: str
    reason: str


class BatchPreviewOut(Schema):
    ready: list[PlanOut]
    skipped: list[SkippedOut]


class BatchEntry(Schema):
    order_id: int
    fingerprint: str = Field(..., min_length=1, max_length=64)


class BatchConfirmIn(Schema):
    orders: list[BatchEntry] = Field(..., min_length=1, max_length=MAX_BATCH)


class BatchOut(Schema):
    batch_id: str
    acknowledgements: list[AckOut]
    skipped: list[SkippedOut]


class BatchChangedOut(BatchPreviewOut):
    code: str = "preview_changed"
    message: str
    changed: list[str]


# -- one order -------------------------------------------------------------------------------------


@router.get("/{int:order_id}/acknowledgement/preview", response=PlanOut)
def preview(request, order_id: int, query: Query[PreviewQuery]):
    """The acknowledgement the scans make now: accepted = scanned, the rest rejected with its
    reason (choose another with `reject`). Confirm it with its `fingerprint`, sending the same
    dates and reasons."""
    order = _order(request, order_id)
    reasons = _reasons_query(query.reject)
    plan = _plan(order, query.scheduled_ship_date, query.scheduled_delivery_date, reasons)
    return ack_actions.plan_data(order, plan)


@router.post("/{int:order_id}/acknowledgement", response={202: AckOut, 409: ChangedOut})
def confirm(request, order_id: int, body: ConfirmIn):
    """Confirm the previewed plan: the acknowledgement is queued for Amazon (a failed one is
    resubmitted). A stale `fingerprint` sends nothing: 409 with the plan as it is now."""
    order = _order(request, order_id)
    try:
        ack = ack_actions.submit(
            order=order,
            user=request.user,
            previewed=body.fingerprint,
            scheduled_ship_date=body.scheduled_ship_date,
            scheduled_delivery_date=body.scheduled_delivery_date,
            rejection_reasons=_reasons(body.rejection_reasons),
        )
    except PreviewChanged as changed:
        order = _order(request, order_id)
        plan = _plan(
            order,
            body.scheduled_ship_date,
            body.scheduled_delivery_date,
            _reasons(body.rejection_reasons),
        )
        return Status(
            409, {"message": changed.messages[0], "plan": ack_actions.plan_data(order, plan)}
        )
    return Status(202, _ack(ack.pk))


@router.get("/{int:order_id}/acknowledgement", response=AckOut)
def get_acknowledgement(request, order_id: int):
    """The order's acknowledgement: queued, sending, submitted, failed (with Amazon's errors) or
    confirmed by Amazon."""
    order = _order(request, order_id, Role.VIEWER)
    return get_object_or_404(_acks(), order=order)


# -- a batch ---------------------------------------------------------------------------------------


@router.post("/acknowledgements/preview", response=BatchPreviewOut)
def batch_preview(request, body: BatchPreviewIn):
    """Plans of several orders (soonest deadline first) and the orders a batch leaves out."""
    batch = ack_actions.batch_preview(_chosen(request, body.order_ids))
    return _batch_out(batch)


@router.post("/acknowledgements", response={202: BatchOut, 409: BatchChangedOut})
def batch_confirm(request, body: BatchConfirmIn):
    """Acknowledge the previewed orders as one batch. If any plan changed since its preview,
    nothing is sent: 409 with every plan as it is now."""
    previews = {entry.order_id: entry.fingerprint for entry in body.orders}
    batch = ack_actions.batch_preview(_chosen(request, list(previews), field="orders"))
    changed = batch.changed(previews)
    if changed:
        message = (
            f"{', '.join(changed)} changed since the preview (scans, Amazon's quantities or item "
            "mappings); nothing was sent."
        )
        return Status(409, {**_batch_out(batch), "message": message, "changed": changed})
    created = ack_actions.confirm_batch(batch.ready, request.user) if batch.ready else []
    return Status(
        202,
        {
            "batch_id": created[0].batch_id if created else "",
            "acknowledgements": list(_acks().filter(pk__in=[ack.pk for ack in created])),
            "skipped": _skipped(batch),
        },
    )


# -- helpers ---------------------------------------------------------------------------------------


def _order(request, order_id: int, role: str = Role.MANAGER) -> Order:
    member = member_of(request, role)
    queryset = Order.objects.select_related("channel", "acknowledgement")
    return get_object_or_404(queryset, pk=order_id, organization=member.organization)


def _acks():
    return Acknowledgement.objects.select_related("order").order_by("order__ack_due_at", "pk")


def _ack(ack_id: int) -> Acknowledgement:
    return _acks().get(pk=ack_id)


def _plan(order: Order, ship: date | None, delivery: date | None, reasons=None) -> AckPlan:
    return acknowledging.build_plan(
        order,
        scheduled_ship_date=ship,
        scheduled_delivery_date=delivery,
        rejection_reasons=reasons,
    )


def _reasons(chosen: dict) -> dict[int, str]:
    return {line_id: str(reason) for line_id, reason in chosen.items()}


def _reasons_query(values: list[str]) -> dict[int, str]:
    """`reject=12:ObsoleteProduct` → {12: "ObsoleteProduct"}."""
    chosen = {}
    for value in values:
        line_id, _, reason = value.partition(":")
        if not line_id.strip().isdigit() or not reason:
            raise ValidationError({"reject": f"{value!r}: give LINE_ID:REASON."})
        chosen[int(line_id)] = reason.strip()
    return chosen


def _chosen(request, order_ids: list[int], field: str = "order_ids"):
    """The member's orders with these ids, checked as the list's bulk form checks them."""
    member = member_of(request, Role.MANAGER)
    form = OrderSelectionForm({"orders": order_ids}, organization=member.organization)
    if not form.is_valid():
        raise ValidationError({field: form.errors["orders"]})
    return form.cleaned_data["orders"]


def _skipped(batch: ack_actions.BatchPreview) -> list[dict]:
    return [
        {"order_id": order.pk, "po_number": order.po_number, "reason": reason}
        for order, reason in batch.skipped
    ]


def _batch_out(batch: ack_actions.BatchPreview) -> dict:
    return {
        "ready": [ack_actions.plan_data(order, plan) for order, plan in batch.ready],
        "skipped": _skipped(batch),
    }
