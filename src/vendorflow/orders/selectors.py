"""Read-side queries for the warehouse pages and the dashboard. All scoped to one organization."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from vendorflow.orders.choices import AckState, ExceptionStatus, OrderStatus, UnitOfMeasure
from vendorflow.orders.models import Acknowledgement, ImportException, Order, OrderLine

DUE_SOON = timedelta(hours=6)
DEADLINE_FILTERS = {"overdue": "Overdue", "due_soon": "Due in < 6 h"}
FILLED_ACK_STATES = (AckState.SUBMITTED, AckState.CONFIRMED)


@dataclass(frozen=True)
class Deadline:
    label: str  # "due in 5 h", "overdue by 2 h", "" when acknowledged
    level: str  # "bad" (overdue), "warn" (< 6 h), "" otherwise


def deadline(order: Order, now: datetime | None = None) -> Deadline:
    """Time left to acknowledge. Only open orders run against the 24-hour clock."""
    if order.status != OrderStatus.OPEN:
        return Deadline("", "")
    left = order.ack_due_at - (now or timezone.now())
    if left <= timedelta(0):
        return Deadline(f"overdue by {_span(-left)}", "bad")
    return Deadline(f"due in {_span(left)}", "warn" if left < DUE_SOON else "")


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{max(minutes, 1)} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} d"


# -- orders list -----------------------------------------------------------------------------------


def orders_for(organization) -> QuerySet[Order]:
    return Order.objects.filter(organization=organization)


def with_list_columns(orders: QuerySet[Order]) -> QuerySet[Order]:
    """The list's related names and per-order line totals in one query."""
    return (
        orders.select_related("customer", "channel", "sales_channel", "location", "acknowledgement")
        .annotate(
            line_count=Count("lines"),
            ordered_total=Coalesce(Sum("lines__ordered_eaches"), 0),
            scanned_total=Coalesce(Sum("lines__scanned_eaches"), 0),
        )
        .order_by("-po_date", "-id")
    )


def filter_orders(orders: QuerySet[Order], filters: dict, now: datetime | None = None):
    """Apply the list's filters (cleaned values of OrderFilterForm), all but `status`."""
    now = now or timezone.now()
    for field in ("channel", "sales_channel", "customer", "location"):
        if filters.get(field):
            orders = orders.filter(**{field: filters[field]})
    if filters.get("fc"):
        orders = orders.filter(ship_to_code__iexact=filters["fc"].strip())
    if filters.get("needs_mapping"):
        orders = orders.filter(needs_mapping=True)
    if filters.get("changed_after_ack"):
        orders = orders.filter(changed_after_ack=True)
    orders = _filter_deadline(orders, filters.get("deadline"), now)
    return search_orders(orders, filters.get("q", ""))


def _filter_deadline(orders, which: str | None, now: datetime):
    if which == "overdue":
        return orders.filter(status=OrderStatus.OPEN, ack_due_at__lte=now)
    if which == "due_soon":
        return orders.filter(
            status=OrderStatus.OPEN, ack_due_at__gt=now, ack_due_at__lt=now + DUE_SOON
        )
    return orders


def search_orders(orders: QuerySet[Order], text: str) -> QuerySet[Order]:
    """PO number, or an ASIN / vendor id / SKU on any line."""
    text = (text or "").strip()
    if not text:
        return orders
    lines = OrderLine.objects.filter(order=OuterRef("pk")).filter(
        Q(asin__iexact=text) | Q(vendor_product_id__iexact=text) | Q(product__sku__iexact=text)
    )
    return orders.filter(Q(po_number__icontains=text) | Exists(lines))


def status_counts(orders: QuerySet[Order]) -> dict[str, int]:
    counts = dict(orders.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: counts.get(status, 0) for status in OrderStatus.values}


# -- order page ------------------------------------------------------------------------------------


def order_lines(order: Order) -> QuerySet[OrderLine]:
    return order.lines.select_related("product").order_by("id")


def order_scans(order: Order, limit: int = 200):
    return order.scans.select_related("user", "undone_by", "line__product", "location")[:limit]


def order_events(order: Order, limit: int = 200):
    return order.events.select_related("actor")[:limit]


# -- dashboard -------------------------------------------------------------------------------------


def deadline_counts(organization, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    open_orders = orders_for(organization).filter(status=OrderStatus.OPEN)
    return {
        "overdue": open_orders.filter(ack_due_at__lte=now).count(),
        "due_soon": open_orders.filter(ack_due_at__gt=now, ack_due_at__lt=now + DUE_SOON).count(),
    }


def open_exception_count(organization) -> int:
    return ImportException.objects.filter(
        organization=organization, status=ExceptionStatus.OPEN
    ).count()


def fill_rates(organization, group_by: str) -> list[dict]:
    """Accepted ÷ ordered eaches of sent or confirmed acks, per channel or per customer.

    Amazon's confirmed quantity counts where known; otherwise what we acknowledged."""
    per_unit = Case(
        When(unit_of_measure=UnitOfMeasure.CASES, then=F("unit_size")),
        default=Value(1),
        output_field=IntegerField(),
    )
    accepted = Coalesce("amazon_accepted", "ack_accepted", Value(0)) * per_unit
    key = {"channel": "order__channel", "customer": "order__customer"}[group_by]
    rows = (
        OrderLine.objects.filter(
            order__organization=organization, order__acknowledgement__state__in=FILLED_ACK_STATES
        )
        .values(key)
        .order_by(key)
        .annotate(ordered=Sum("ordered_eaches"), accepted=Sum(accepted))
    )
    return [_rate_row(row, key) for row in rows]


def _rate_row(row: dict, key: str) -> dict:
    ordered, accepted = row["ordered"] or 0, row["accepted"] or 0
    rate = round(100 * accepted / ordered, 1) if ordered else None
    return {"id": row[key], "ordered": ordered, "accepted": accepted, "rate": rate}


def ack_state_counts(organization) -> dict[str, int]:
    rows = Acknowledgement.objects.filter(organization=organization).values_list("state")
    counts = dict(rows.order_by().annotate(n=Count("pk")))
    return {state: counts.get(state, 0) for state in AckState.values}
