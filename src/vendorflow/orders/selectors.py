"""Read-side queries for the warehouse pages and the dashboard. All scoped to one organization."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet, Sum
from django.utils import timezone

from vendorflow.orders.choices import AckState, ExceptionStatus, OrderStatus
from vendorflow.orders.models import Acknowledgement, FillTally, ImportException, Order, OrderLine
from vendorflow.orders.search import search_orders

DUE_SOON = timedelta(hours=6)
DEADLINE_FILTERS = {"overdue": "Overdue", "due_soon": "Due in < 6 h"}


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

# Each sort is an index of Order (see its Meta), ending in the id so a page boundary is exact.
SORTS = {
    "deadline": ("Deadline first", ("ack_due_at", "id")),
    "po_date": ("Newest PO first", ("-po_date", "-id")),
    "customer": ("Customer A–Z", ("customer_name", "-po_date", "-id")),
    "fc": ("FC A–Z", ("ship_to_code", "-po_date", "-id")),
    "status": ("Status", ("status", "-po_date", "-id")),
}
# Counts past this show as "1,000+": counting stops there, so a count costs the same whatever the
# history.
COUNT_CAP = 1000


def orders_for(organization) -> QuerySet[Order]:
    return Order.objects.filter(organization=organization)


def default_sort(status: str | None) -> str:
    """Open orders: what is due first on top. Everything else: the newest PO first."""
    return "deadline" if status == OrderStatus.OPEN else "po_date"


def with_list_columns(orders: QuerySet[Order]) -> QuerySet[Order]:
    """The list's related rows, without the stored payloads; line totals are kept on the order.
    The few sales channels come in a query of their own: joined, SQLite would start from that
    tiny table and sort."""
    return (
        orders.select_related("customer", "location", "acknowledgement")
        .prefetch_related("sales_channel")
        .defer("raw_payload", "acknowledgement__payload", "acknowledgement__errors")
    )


def filter_orders(
    orders: QuerySet[Order], filters: dict, organization, now: datetime | None = None
):
    """Apply the list's filters (cleaned values of OrderFilterForm), all but `status`."""
    now = now or timezone.now()
    for name in ("channel", "sales_channel", "customer", "location"):
        if filters.get(name):
            orders = orders.filter(**{name: filters[name]})
    if filters.get("fc"):
        orders = orders.filter(ship_to_code=filters["fc"].strip().upper())
    if filters.get("ack"):
        orders = orders.filter(acknowledgement__state=filters["ack"])
    if filters.get("needs_mapping"):
        orders = orders.filter(needs_mapping=True)
    if filters.get("changed_after_ack"):
        orders = orders.filter(changed_after_ack=True)
    orders = _filter_deadline(orders, filters.get("deadline"), now)
    return search_orders(orders, organization, filters.get("q", ""))


def _filter_deadline(orders, which: str | None, now: datetime):
    if which == "overdue":
        return orders.filter(status=OrderStatus.OPEN, ack_due_at__lte=now)
    if which == "due_soon":
        return orders.filter(
            status=OrderStatus.OPEN, ack_due_at__gt=now, ack_due_at__lt=now + DUE_SOON
        )
    return orders


@dataclass(frozen=True)
class CappedCount:
    """A count that stopped at `COUNT_CAP`: shown as "1,000+" when `capped`."""

    value: int
    capped: bool

    def __str__(self) -> str:
        return f"{self.value:,}+" if self.capped else f"{self.value:,}"

    def __bool__(self) -> bool:
        return self.value > 0


def capped_count(orders: QuerySet) -> CappedCount:
    """How many rows, reading at most COUNT_CAP + 1 of them."""
    n = orders.order_by()[: COUNT_CAP + 1].count()
    return CappedCount(min(n, COUNT_CAP), n > COUNT_CAP)


def status_counts(orders: QuerySet[Order]) -> dict[str, CappedCount]:
    """Orders per status, each read from the (organization, status, …) index up to the cap."""
    return {status: capped_count(orders.filter(status=status)) for status in OrderStatus.values}


# -- order page ------------------------------------------------------------------------------------


def order_lines(order: Order) -> QuerySet[OrderLine]:
    return order.lines.select_related("product").order_by("id")


def order_scans(order: Order, limit: int = 200):
    return order.scans.select_related("user", "undone_by", "line__product", "location")[:limit]


def order_events(order: Order, limit: int = 200):
    return order.events.select_related("actor")[:limit]


# -- dashboard -------------------------------------------------------------------------------------


def deadline_counts(organization, now: datetime | None = None) -> dict[str, CappedCount]:
    now = now or timezone.now()
    open_orders = orders_for(organization).filter(status=OrderStatus.OPEN)
    return {
        "overdue": capped_count(open_orders.filter(ack_due_at__lte=now)),
        "due_soon": capped_count(
            open_orders.filter(ack_due_at__gt=now, ack_due_at__lt=now + DUE_SOON)
        ),
    }


def open_exception_count(organization) -> CappedCount:
    return capped_count(
        ImportException.objects.filter(organization=organization, status=ExceptionStatus.OPEN)
    )


def fill_rates(organization, group_by: str) -> list[dict]:
    """Accepted ÷ ordered eaches of sent or confirmed acks, per channel or per customer, from the
    kept tallies (orders/totals.py). Amazon's confirmed quantity counts where known; otherwise
    what we acknowledged."""
    key = {"channel": "channel", "customer": "customer"}[group_by]
    rows = (
        FillTally.objects.filter(organization=organization, ordered_eaches__gt=0)
        .values(key)
        .order_by(key)
        .annotate(ordered=Sum("ordered_eaches"), accepted=Sum("accepted_eaches"))
    )
    return [_rate_row(row, key) for row in rows]


def _rate_row(row: dict, key: str) -> dict:
    ordered, accepted = row["ordered"] or 0, row["accepted"] or 0
    rate = round(100 * accepted / ordered, 1) if ordered else None
    return {"id": row[key], "ordered": ordered, "accepted": accepted, "rate": rate}


def failed_ack_count(organization) -> CappedCount:
    return capped_count(
        Acknowledgement.objects.filter(organization=organization, state=AckState.FAILED)
    )
