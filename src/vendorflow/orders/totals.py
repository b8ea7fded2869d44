"""Kept totals: each order's line count and eaches, and the fill tallies of the dashboard.

Lists and the dashboard read these instead of summing lines, so a page costs the same at 100,000
orders as at 1,000. They are written in the same transaction as what they sum:

- the import computes a new order's totals from the lines it inserts (orders/importing.py), and an
  open order's from its lines in memory when Amazon changes it (orders/import_changes.py);
- a scan or an undo moves `scanned_total` by the eaches it moves, under the order lock;
- an acknowledgement's steps (planned, sent, failed, confirmed by Amazon) call `refresh_totals`,
  which re-sums the orders' lines and moves their `FillTally` by the difference.

An order's share of its tally is `fill_ordered` / `fill_accepted`: its ordered and accepted
eaches while its acknowledgement is submitted or confirmed, zero otherwise. Accepted counts
Amazon's confirmed quantity where known, else what we acknowledged.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, Sum, Value, When
from django.db.models.functions import Coalesce

from vendorflow.orders.bulk import update_objects
from vendorflow.orders.choices import AckState, UnitOfMeasure
from vendorflow.orders.models import Acknowledgement, FillTally, Order, OrderLine

FILLED_ACK_STATES = (AckState.SUBMITTED, AckState.CONFIRMED)
TOTAL_FIELDS = ["line_count", "ordered_total", "scanned_total", "fill_ordered", "fill_accepted"]
_BATCH = 500

_PER_UNIT = Case(
    When(unit_of_measure=UnitOfMeasure.CASES, then=F("unit_size")),
    default=Value(1),
    output_field=IntegerField(),
)
ACCEPTED_EACHES = Coalesce("amazon_accepted", "ack_accepted", Value(0)) * _PER_UNIT


def move_scanned(*, order_id: int, eaches: int) -> None:
    """A scan (eaches > 0) or an undo (eaches < 0) moved a line of the order, which the caller
    holds locked."""
    Order.objects.filter(pk=order_id).update(scanned_total=F("scanned_total") + eaches)


def line_sums(order_ids: Iterable[int]) -> dict[int, dict]:
    """What the kept totals stand for, summed from the lines: order id → line_count,
    ordered_total, scanned_total and accepted (eaches)."""
    rows = (
        OrderLine.objects.filter(order_id__in=list(order_ids))
        .values("order_id")
        .order_by("order_id")
        .annotate(
            line_count=Count("id"),
            ordered_total=Sum("ordered_eaches"),
            scanned_total=Sum("scanned_eaches"),
            accepted=Sum(ACCEPTED_EACHES),
        )
    )
    return {
        row["order_id"]: {key: value for key, value in row.items() if key != "order_id"}
        for row in rows
    }


def refresh_totals(*, order_ids: Iterable[int]) -> None:
    """Re-sum the orders' lines into their kept totals and move their fill tallies by the
    difference. Call inside the transaction that changed the lines or the acknowledgement."""
    ids = sorted(set(order_ids))
    with transaction.atomic():
        for start in range(0, len(ids), _BATCH):
            _refresh(ids[start : start + _BATCH])


def _refresh(ids: list[int]) -> None:
    # Locked in id order, as scans and the import lock orders, so concurrent writers queue.
    orders = list(
        Order.objects.select_for_update()
        .filter(pk__in=ids)
        .only("id", "organization_id", "channel_id", "customer_id", *TOTAL_FIELDS)
        .order_by("pk")
    )
    sums = line_sums(ids)
    filled = set(
        Acknowledgement.objects.filter(order_id__in=ids, state__in=FILLED_ACK_STATES).values_list(
            "order_id", flat=True
        )
    )
    moves: dict[tuple[int, int, int], list[int]] = defaultdict(lambda: [0, 0])
    for order in orders:
        row = sums.get(order.pk) or {}
        order.line_count = row.get("line_count") or 0
        order.ordered_total = row.get("ordered_total") or 0
        order.scanned_total = row.get("scanned_total") or 0
        fill = (order.ordered_total, row.get("accepted") or 0) if order.pk in filled else (0, 0)
        move = moves[(order.organization_id, order.channel_id, order.customer_id)]
        move[0] += fill[0] - order.fill_ordered
        move[1] += fill[1] - order.fill_accepted
        order.fill_ordered, order.fill_accepted = fill
    update_objects(orders, TOTAL_FIELDS)
    _move_tallies({key: move for key, move in moves.items() if move != [0, 0]})


def _move_tallies(moves: dict[tuple[int, int, int], list[int]]) -> None:
    if not moves:
        return
    FillTally.objects.bulk_create(
        [
            FillTally(organization_id=org, channel_id=channel, customer_id=customer)
            for org, channel, customer in moves
        ],
        ignore_conflicts=True,
    )
    for (_, channel, customer), (ordered, accepted) in moves.items():
        FillTally.objects.filter(channel_id=channel, customer_id=customer).update(
            ordered_eaches=F("ordered_eaches") + ordered,
            accepted_eaches=F("accepted_eaches") + accepted,
        )
