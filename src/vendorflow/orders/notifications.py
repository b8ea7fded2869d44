"""Emails to a channel's registered addresses: held FC codes, failing syncs, ack deadlines.

Each notice is sent at most once for what it reports: per FC code ever (WarehouseCodeNotice), per
failure streak (SyncState.failure_notified_at) and per order (Order.deadline_notified_at).
"""

import logging
from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from vendorflow.orders.choices import EventKind, ExceptionReason, ExceptionStatus, OrderStatus
from vendorflow.orders.models import ImportException, Order, OrderEvent, Scan, WarehouseCodeNotice

log = logging.getLogger(__name__)

DEADLINE_WARNING = timedelta(hours=4)  # warn this long before the 24-hour ack deadline
OVERDUE_REACH = timedelta(hours=24)  # overdue orders are still reported for this long
DEADLINE_BATCH = 500
_WHEN = "%Y-%m-%d %H:%M"


def _send(channel, subject: str, body: str) -> None:
    recipients = list(channel.registered_emails or [])
    if recipients:
        send_mail(f"[vendorflow] {subject}", body, None, recipients, fail_silently=False)


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# ---------------------------------------------------------------------------------------------
# FC codes without a customer


def notify_held_codes(*, channel) -> list[str]:
    """Tell the registered emails about FC codes held for the first time; returns those codes.

    Batched: one email per call (the end of a sync) for every code first seen since the last one.
    """
    pending = ImportException.objects.filter(
        channel=channel,
        status=ExceptionStatus.OPEN,
        reason=ExceptionReason.NO_CUSTOMER,
        notified=False,
    )
    counts = dict(
        pending.values("ship_to_code").annotate(n=Count("id")).values_list("ship_to_code", "n")
    )
    if not counts:
        return []
    with transaction.atomic():
        codes = [code for code in sorted(counts) if _first_notice(channel, code)]
        pending.filter(ship_to_code__in=list(counts)).update(notified=True)
        if codes:
            _send(channel, *_held_codes_message(codes, counts))
    return codes


def _first_notice(channel, code: str) -> bool:
    """Insert the code's notice; False if it was already there (insert-or-skip)."""
    try:
        with transaction.atomic():
            WarehouseCodeNotice.objects.create(channel=channel, code=code)
    except IntegrityError:
        return False
    return True


def _held_codes_message(codes: list[str], counts: dict[str, int]) -> tuple[str, str]:
    subject = f"Purchase orders held: no customer for warehouse code {', '.join(codes)}"
    lines = [
        "Amazon sent purchase orders for marketplace warehouse codes no customer is mapped to.",
        "They are kept as import exceptions and become orders as soon as the code is mapped.",
        "",
    ]
    for code in codes:
        held = counts[code]
        lines.append(f"  {code}: {held} PO{'s' if held != 1 else ''} held")
        lines.append(f"    Map this code: {_link(f'/customers/warehouse-codes/?code={code}')}")
    lines += ["", f"All exceptions: {_link('/orders/exceptions/')}"]
    return subject, "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Sync health


def notify_sync_failing(*, channel, failures: int, error: str) -> None:
    body = (
        f"The last {failures} syncs of {channel} with Amazon failed.\n\n"
        f"Last error: {error}\n\n"
        "vendorflow keeps trying at the poll interval. Recent runs: "
        f"{_link('/channels/')}\n"
    )
    _send(channel, f"Amazon sync failing for {channel}", body)


def notify_polling_disabled(*, channel, reason: str) -> None:
    body = (
        f"{reason}\n\n"
        "Check the channel's LWA client id, client secret and refresh token in "
        f"{_link('/channels/settings/')}, then run a sync.\n"
    )
    _send(channel, f"Amazon polling paused for {channel}", body)


# ---------------------------------------------------------------------------------------------
# Acknowledgement deadlines


def notify_deadlines(*, now: datetime | None = None, warning: timedelta = DEADLINE_WARNING) -> int:
    """Warn about open, unscanned orders whose ack deadline is near (or just passed), once each.

    Returns how many orders were reported.
    """
    now = now or timezone.now()
    with transaction.atomic():
        orders = _claim_deadline_orders(now, warning)
    by_channel = defaultdict(list)
    for order in orders:
        by_channel[order.channel].append(order)
    for channel, group in by_channel.items():
        try:
            _send(channel, *_deadline_message(group, now))
        except Exception:
            log.exception("Could not send the deadline notice of channel %s", channel.pk)
    return len(orders)


def _claim_deadline_orders(now: datetime, warning: timedelta) -> list[Order]:
    scanned = Scan.objects.filter(order=OuterRef("pk"), undone_at__isnull=True)
    orders = list(
        Order.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            status=OrderStatus.OPEN,
            deadline_notified_at__isnull=True,
            acknowledgement__isnull=True,
            ack_due_at__lte=now + warning,
            ack_due_at__gt=now - OVERDUE_REACH,
        )
        .exclude(Exists(scanned))
        .select_related("channel")
        .order_by("ack_due_at")[:DEADLINE_BATCH]
    )
    Order.objects.filter(pk__in=[o.pk for o in orders]).update(deadline_notified_at=now)
    OrderEvent.objects.bulk_create(
        [
            OrderEvent(
                organization_id=order.organization_id,
                order=order,
                kind=EventKind.DEADLINE,
                message=f"Deadline warning sent: acknowledge by {order.ack_due_at:{_WHEN}} UTC.",
            )
            for order in orders
        ]
    )
    return orders


def _deadline_message(orders: list[Order], now: datetime) -> tuple[str, str]:
    subject = f"{len(orders)} purchase order(s) due for acknowledgement, not scanned yet"
    lines = ["Amazon expects every PO acknowledged within 24 hours. Not scanned yet:", ""]
    for order in orders:
        when = "overdue since" if order.ack_due_at <= now else "due"
        due = f"{order.ack_due_at:{_WHEN}}"
        lines.append(f"  {order.po_number} ({order.ship_to_code}) {when} {due} UTC")
    lines += ["", f"Orders: {_link('/orders/')}"]
    return subject, "\n".join(lines)
