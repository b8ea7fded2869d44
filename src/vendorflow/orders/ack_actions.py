"""What a member does with acknowledgements, for the pages, the API and the CLI alike: confirm a
previewed plan (or resubmit it after a failure), and acknowledge several orders in one batch.

The rules themselves live in `acknowledging`; this module only chooses the orders and the plans
the same way for every caller.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from vendorflow.orders import acknowledging
from vendorflow.orders.acknowledging import AckPlan, LinePlan
from vendorflow.orders.choices import AckState, OrderStatus, RejectionReason
from vendorflow.orders.models import Acknowledgement, Order


def can_submit(order: Order) -> bool:
    """Open, and never acknowledged or its acknowledgement failed (a resubmit)."""
    ack = getattr(order, "acknowledgement", None)
    return order.status == OrderStatus.OPEN and (ack is None or ack.state == AckState.FAILED)


def submit(
    *,
    order: Order,
    user,
    previewed: str,
    scheduled_ship_date: date | None = None,
    scheduled_delivery_date: date | None = None,
    rejection_reasons: Mapping[int, str] | None = None,
) -> Acknowledgement:
    """Confirm the previewed plan (fingerprint `previewed`) with the chosen dates and rejection
    reasons: the order's acknowledgement, or its resubmit after a failure. Raises
    `PreviewChanged` when the order makes another plan now, `ValidationError` naming the field
    otherwise."""
    plan = acknowledging.build_plan(
        order,
        scheduled_ship_date=scheduled_ship_date,
        scheduled_delivery_date=scheduled_delivery_date,
        rejection_reasons=rejection_reasons,
    )
    payload = acknowledging.build_payload(plan)
    return acknowledging.acknowledge(
        order=order, plan=plan, payload=payload, user=user, previewed=previewed
    )


@dataclass(frozen=True)
class BatchPreview:
    ready: list[tuple[Order, AckPlan]]  # to send, soonest deadline first
    skipped: list[tuple[Order, str]]  # with the reason

    def changed(self, previews: dict[int, str]) -> list[str]:
        """PO numbers of the ready orders whose plan is not the one previewed (by order id)."""
        return [
            order.po_number
            for order, plan in self.ready
            if previews.get(order.pk) != plan.fingerprint
        ]


def batch_preview(orders: QuerySet[Order]) -> BatchPreview:
    """Split the chosen orders into (order, plan) ready to send and (order, reason) skipped."""
    ready, skipped = [], []
    chosen = list(
        orders.select_related("customer", "acknowledgement")
        .defer("raw_payload", "acknowledgement__payload")  # Amazon's PO, ours: not shown here
        .order_by("ack_due_at", "id")
    )
    lines = acknowledging.lines_for_plans(order.pk for order in chosen)  # one query for all
    for order in chosen:
        plan = acknowledging.build_plan(order, lines=lines.get(order.pk, []))
        reason = skip_reason(order, plan)
        if reason:
            skipped.append((order, reason))
        else:
            ready.append((order, plan))
    return BatchPreview(ready, skipped)


def skip_reason(order: Order, plan: AckPlan) -> str:
    """Why a batch leaves the order out ("" when it goes in)."""
    if order.status != OrderStatus.OPEN:
        return f"{order.get_status_display()}: only open orders can be acknowledged."
    if getattr(order, "acknowledgement", None) is not None:
        return "Its acknowledgement failed: correct and resubmit it from the order page."
    if not plan.sent_lines:
        return "Amazon cancelled every line; there is nothing to send."
    return ""


def confirm_batch(ready: list[tuple[Order, AckPlan]], user) -> list[Acknowledgement]:
    """Acknowledge the ready orders as one batch (one call to Amazon sends them all)."""
    items = [(order, plan, acknowledging.build_payload(plan)) for order, plan in ready]
    return acknowledging.confirm_batch(items=items, user=user)


# -- what a preview shows, as data (the API's and the CLI's JSON) ----------------------------


def plan_data(order: Order, plan: AckPlan) -> dict:
    return {
        "order_id": plan.order_id,
        "po_number": plan.po_number,
        "fingerprint": plan.fingerprint,
        "can_submit": can_submit(order),
        "scheduled_ship_date": plan.scheduled_ship_date,
        "scheduled_delivery_date": plan.scheduled_delivery_date,
        "ordered_eaches": plan.ordered_eaches,
        "accepted_eaches": plan.accepted_eaches,
        "warnings": plan.warnings,
        "lines": [line_data(line) for line in plan.lines],
    }


LINE_FIELDS = (
    "line_id", "item_sequence_number", "asin", "vendor_product_id", "sku", "needs_mapping",
    "cancelled", "unit_of_measure", "unit_size", "ordered_quantity", "ordered_eaches",
    "scanned_eaches", "accepted", "rejected", "rejection_reason", "leftover_eaches", "net_cost",
    "currency", "warnings",
)  # fmt: skip


def line_data(line: LinePlan) -> dict:
    reason = line.rejection_reason
    return {
        **{name: getattr(line, name) for name in LINE_FIELDS},
        "rejection_reason_label": RejectionReason(reason).label if reason else "",
    }
