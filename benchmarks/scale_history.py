"""The history a year of work leaves behind the imported POs, written in bulk for bench_scale.

The POs themselves come through the real sync (bench_scale). What people and Amazon do to them
afterwards — scans, acknowledgements, Amazon's confirmations, closing, cancelling — would take
hours through the scan screen and the outbox, so it is written here with set-based SQL, chunk by
chunk, into the same columns the real code writes. Every kept total and fill tally is then
recomputed by the real `orders.totals.refresh_totals`, so the pages read exactly what the app
would have kept. The mix, by each order's age among all of them:

- the newest 3 % (at least 150): open, every second one half scanned; open too every order
  with an unmapped line (they wait for a mapping);
- 3 %: cancelled by Amazon;
- 0.2 %: acknowledgement failed (open again, the error kept);
- the rest: acknowledged with every line scanned and accepted (every tenth order rejects its
  last line), confirmed by Amazon; the oldest three quarters of all orders are closed.

Beside them: one scan per scanned line, the acknowledgement with a payload of the real shape,
its history event and audit entry, and a sync run every 15 minutes over the POs' half year.
"""

import json
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from vendorflow.accounts.models import AuditLog, Membership, Organization
from vendorflow.channels.models import AmazonChannel, SyncRun
from vendorflow.lib import planner
from vendorflow.orders.choices import (
    AckState,
    EventKind,
    OrderStatus,
    RejectionReason,
    ScanKind,
)
from vendorflow.orders.models import Acknowledgement, Order, OrderEvent, OrderLine
from vendorflow.orders.totals import refresh_totals

CHUNK = 2000
OPEN_SHARE = 0.03
OPEN_AT_LEAST = 150  # enough for a 100-order bulk acknowledgement at every size
CLOSED_SHARE = 0.75
SYNC_EVERY = timedelta(minutes=15)


def settle(org: Organization, channel: AmazonChannel, user) -> dict:
    """Write the history over every imported order; returns how many orders got each fate."""
    ids = list(Order.objects.filter(channel=channel).order_by("po_date", "id").values_list("id"))
    ids = [row[0] for row in ids]
    unmapped = set(
        Order.objects.filter(channel=channel, needs_mapping=True).values_list("id", flat=True)
    )
    fates: dict[str, list[int]] = {"open": [], "scanned": [], "cancelled": [], "failed": []}
    fates |= {"confirmed": [], "closed": []}
    first_open = len(ids) - max(int(len(ids) * OPEN_SHARE), OPEN_AT_LEAST)
    last_closed = int(len(ids) * CLOSED_SHARE)
    for rank, pk in enumerate(ids):
        if rank >= first_open or pk in unmapped:
            fates["scanned" if pk % 2 == 0 and pk not in unmapped else "open"].append(pk)
        elif pk % 100 < 3:
            fates["cancelled"].append(pk)
        elif pk % 500 == 7:
            fates["failed"].append(pk)
        else:
            fates["closed" if rank < last_closed else "confirmed"].append(pk)
    payload = _payload_shape(channel)
    for fate in ("scanned", "cancelled", "failed", "confirmed", "closed"):
        for start in range(0, len(fates[fate]), CHUNK):
            chunk = fates[fate][start : start + CHUNK]
            with transaction.atomic():
                _write(fate, chunk, org, user, payload)
                refresh_totals(order_ids=chunk)
    _sync_runs(org, channel)
    _analyze()
    return {fate: len(pks) for fate, pks in fates.items()}


def _write(fate: str, chunk: list[int], org, user, payload: dict) -> None:
    lines = OrderLine.objects.filter(order_id__in=chunk)
    if fate == "scanned":
        lines.filter(item_sequence_number__in=[str(n) for n in range(1, 11)]).update(
            scanned_eaches=F("ordered_eaches")
        )
        _scans(chunk, org, user)
        return
    if fate == "cancelled":
        Order.objects.filter(pk__in=chunk).update(
            status=OrderStatus.CANCELLED, amazon_state="Closed"
        )
        return
    rejected = [pk for pk in chunk if pk % 10 == 0]
    lines.update(
        scanned_eaches=F("ordered_eaches"),
        ack_accepted=F("ordered_quantity"),
        ack_rejected=0,
        amazon_accepted=F("ordered_quantity") if fate != "failed" else None,
        amazon_rejected=0 if fate != "failed" else None,
    )
    lines.filter(order_id__in=rejected, item_sequence_number="20").update(
        scanned_eaches=0,
        ack_accepted=0,
        ack_rejected=F("ordered_quantity"),
        ack_rejection_reason=RejectionReason.TEMPORARILY_UNAVAILABLE,
        amazon_accepted=0 if fate != "failed" else None,
        amazon_rejected=F("ordered_quantity") if fate != "failed" else None,
    )
    _scans(chunk, org, user)
    status = {"failed": OrderStatus.OPEN, "confirmed": OrderStatus.ACKNOWLEDGED}
    Order.objects.filter(pk__in=chunk).update(
        status=status.get(fate, OrderStatus.CLOSED),
        amazon_state="Closed" if fate == "closed" else "Acknowledged",
    )
    _acknowledgements(fate, chunk, org, user, payload)


def _scans(chunk: list[int], org, user) -> None:
    """One bulk scan per scanned line, at its order's PO date plus a day."""
    sqlite = connection.vendor == "sqlite"
    later = "datetime(o.po_date, '+1 day')" if sqlite else "o.po_date + interval '1 day'"
    placeholders = ", ".join(["%s"] * len(chunk))
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO orders_scan (organization_id, order_id, line_id, user_id, location_id,"  # noqa: S608
            " barcode, kind, quantity_eaches, created_at)"
            f" SELECT %s, l.order_id, l.id, %s, o.location_id, '', %s, l.scanned_eaches, {later}"
            " FROM orders_orderline l JOIN orders_order o ON o.id = l.order_id"
            f" WHERE l.order_id IN ({placeholders}) AND l.scanned_eaches > 0",
            [org.pk, user.pk, ScanKind.BULK, *chunk],
        )


def _acknowledgements(fate: str, chunk: list[int], org, user, payload: dict) -> None:
    orders = Order.objects.filter(pk__in=chunk).values_list("id", "po_number", "po_date")
    acks, events, audits = [], [], []
    for pk, po_number, po_date in orders:
        sent = po_date + timedelta(hours=20)
        state = AckState.FAILED if fate == "failed" else AckState.CONFIRMED
        acks.append(
            Acknowledgement(
                organization=org,
                order_id=pk,
                state=state,
                payload=payload | {"purchaseOrderNumber": po_number},
                transaction_id="" if fate == "failed" else f"bench-{pk}",
                errors=[{"code": "InvalidInput", "message": "Bench failure"}]
                if fate == "failed"
                else [],
                attempts=1,
                submitted_at=None if fate == "failed" else sent,
                confirmed_at=None if fate == "failed" else sent + timedelta(minutes=15),
                created_by=user,
            )
        )
        kind = EventKind.ACK_FAILED if fate == "failed" else EventKind.ACK_CONFIRMED
        events.append(
            OrderEvent(organization=org, order_id=pk, kind=kind, actor=user, created_at=sent)
        )
        audits.append(
            AuditLog(
                organization=org,
                actor=user,
                action="order.acknowledged",
                object_type="order",
                object_id=str(pk),
                object_repr=po_number,
                changes={"state": state},
                created_at=sent,
            )
        )
    Acknowledgement.objects.bulk_create(acks)
    with _keeping_dates(OrderEvent, AuditLog):
        OrderEvent.objects.bulk_create(events)
        AuditLog.objects.bulk_create(audits)


def _payload_shape(channel: AmazonChannel) -> dict:
    """An acknowledgement payload of the real shape and size (20 items), built by the real
    builder from the first acknowledgeable order; each order's copy carries its own PO number."""
    from vendorflow.orders.acknowledging import build_payload, build_plan

    order = Order.objects.filter(channel=channel, needs_mapping=False).order_by("pk").first()
    if order is None:
        return {}
    return json.loads(json.dumps(build_payload(build_plan(order)), default=str))


def _sync_runs(org: Organization, channel: AmazonChannel) -> None:
    """A finished sync run every 15 minutes from the oldest PO to now."""
    oldest = (
        Order.objects.filter(channel=channel)
        .order_by("po_date")
        .values_list("po_date", flat=True)[:1]
    )
    if not oldest:
        return
    runs, at, now = [], oldest[0], timezone.now()
    while at < now:
        runs.append(
            SyncRun(
                organization=org,
                channel=channel,
                kind="created",
                status="succeeded",
                started_at=at,
                finished_at=at + timedelta(seconds=4),
                window_start=at - timedelta(minutes=20),
                window_end=at,
                pages=1,
                api_calls=2,
                pos_new=1,
                pos_unchanged=3,
            )
        )
        at += SYNC_EVERY
    with _keeping_dates(SyncRun):
        SyncRun.objects.bulk_create(runs, batch_size=CHUNK)


class _keeping_dates:
    """bulk_create with the given `created_at` / `started_at` instead of now."""

    def __init__(self, *models):
        self.fields = [
            field
            for model in models
            for field in model._meta.concrete_fields
            if getattr(field, "auto_now_add", False)
        ]

    def __enter__(self):
        for field in self.fields:
            field.auto_now_add = False

    def __exit__(self, *exc):
        for field in self.fields:
            field.auto_now_add = True


def _analyze() -> None:
    """What keeps the planner's statistics after a day's writes: the sync's sampled ANALYZE on
    SQLite, autovacuum on PostgreSQL (run here at once rather than waited for)."""
    if connection.vendor == "sqlite":
        planner.refresh_statistics()
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def admin_of(org: Organization, username: str, password: str):
    user = get_user_model().objects.create_user(username=username, password=password)
    Membership.objects.create(user=user, organization=org, role="admin")
    return user
