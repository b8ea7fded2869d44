"""Sync orchestration: date windows, the per-channel lease, run records and cursors.

A sync asks an `OrderSource` (the Amazon client, or a fake in tests) for pages of POs window by
window, imports each page in its own transaction and moves the cursor in that same transaction when
a window's last page is in. The daily re-sweep ends with the status pass: pages of the POs Amazon
closed (getPurchaseOrdersStatus), each closing its orders in its own transaction, on the same
terms. Nothing here speaks HTTP (see docs/import.md).
"""

import itertools
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from vendorflow.channels import readiness
from vendorflow.channels.choices import SyncKind, SyncStatus
from vendorflow.channels.models import AmazonChannel, SyncRun, SyncState
from vendorflow.orders import dto, notifications
from vendorflow.orders.closing import CloseResult, close_purchase_orders, oldest_open_po_date
from vendorflow.orders.importing import ImportResult, import_purchase_orders

log = logging.getLogger(__name__)

WINDOW = timedelta(days=7)  # Amazon refuses wider date windows
OVERLAP = timedelta(minutes=10)
MAX_BACKFILL_DAYS = 180  # Amazon keeps about six months
RESWEEP_EVERY = timedelta(days=1)
RESWEEP_SPAN = timedelta(days=7)
AUTH_FAILURE_LIMIT = 3
FAILURE_NOTICE_AFTER = 3
PAGE_SIZE = 100
CLOSED = "CLOSED"  # getPurchaseOrdersStatus purchaseOrderStatus of a PO Amazon closed


class LeaseLost(Exception):
    """Another worker took over the channel's sync (ours ran past its lease)."""


def lease_length() -> timedelta:
    """How long a sync holds its channel without a sign of life (SYNC_LEASE_SECONDS): a crashed
    worker's channel is free again after this; a running sync renews it every third of it."""
    return timedelta(seconds=settings.SYNC_LEASE_SECONDS)


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime
    # An interrupted window going on: the nextToken of the page after the last one committed,
    # and how many pages of the window were committed before.
    next_token: str | None = None
    pages_done: int = 0


def _as_given(status: Any) -> dto.PurchaseOrderStatus:
    return status


@dataclass(frozen=True)
class OrderSource:
    """Where POs come from: a client with `iter_purchase_order_pages` and
    `iter_purchase_order_status_pages`, the function that turns one of its orders into a
    `dto.PurchaseOrder` (for pages that do not carry `purchase_orders`), the one that turns one of
    its PO statuses into a `dto.PurchaseOrderStatus`, and the exception types that mean bad
    credentials or a refused resume point."""

    client: Any
    to_purchase_order: Callable[[Any], dto.PurchaseOrder]
    auth_errors: tuple[type[BaseException], ...] = ()
    read_ahead: bool = False  # the client can fetch the next page while one is imported
    to_order_status: Callable[[Any], dto.PurchaseOrderStatus] = _as_given
    # errors that mean the source no longer takes a stored nextToken (the window starts again)
    stale_token_errors: tuple[type[BaseException], ...] = ()


@dataclass(frozen=True)
class Phase:
    # "created" or "changed": which date getPurchaseOrders windows filter on; "closed": the status
    # pass (getPurchaseOrdersStatus, CLOSED POs by last update)
    query: str
    windows: list[Window]
    cursor_field: str | None  # SyncState field moved to each window's end; None for a re-sweep

    @property
    def key(self) -> str:
        """What a resume point names the phase by (SyncState.resume_phase)."""
        return self.cursor_field or f"resweep-{self.query}"


# ---------------------------------------------------------------------------------------------
# Planning


def plan_windows(
    *,
    cursor: datetime | None,
    now: datetime,
    backfill_days: int = 7,
    overlap: timedelta = OVERLAP,
) -> list[Window]:
    """Windows of at most 7 days from `cursor - overlap` (first sync: `now - backfill_days`) to
    `now`; consecutive windows overlap by `overlap` too. Never reaches back more than 180 days."""
    if not timedelta(0) <= overlap < WINDOW:
        raise ValueError("overlap must be at least zero and shorter than a window")
    days = min(max(backfill_days, 1), MAX_BACKFILL_DAYS)
    start = cursor - overlap if cursor is not None else now - timedelta(days=days)
    start = max(start, now - timedelta(days=MAX_BACKFILL_DAYS))
    windows = []
    while start < now:
        end = min(start + WINDOW, now)
        windows.append(Window(start, end))
        start = now if end == now else end - overlap
    return windows


def _phases(channel: AmazonChannel, state: SyncState, kind: str, now: datetime) -> list[Phase]:
    return [_resumed(phase, state, now) for phase in _planned_phases(channel, state, kind, now)]


def _resumed(phase: Phase, state: SyncState, now: datetime) -> Phase:
    """The phase going on where an interrupted run of it stopped: the rest of the window it was
    in, from the page after the last one committed, then windows from that window's end."""
    if state.resume_phase != phase.key or state.resume_window_start is None:
        return phase
    assert state.resume_window_end is not None
    window = Window(
        state.resume_window_start,
        state.resume_window_end,
        state.resume_token or None,
        state.resume_pages,
    )
    return replace(phase, windows=[window, *plan_windows(cursor=window.end, now=now)])


def _planned_phases(
    channel: AmazonChannel, state: SyncState, kind: str, now: datetime
) -> list[Phase]:
    def cursor_phase(query: str, cursor_field: str, backfill_days: int) -> Phase:
        cursor = getattr(state, cursor_field)
        windows = plan_windows(cursor=cursor, now=now, backfill_days=backfill_days)
        return Phase(query, windows, cursor_field)

    if kind == SyncKind.RESWEEP:
        first_pass = state.closed_cursor is None
        lookback = _first_status_pass_days(channel, now) if first_pass else channel.backfill_days
        return [
            Phase("created", plan_windows(cursor=None, now=now, backfill_days=7), None),
            cursor_phase("closed", "closed_cursor", lookback),
        ]
    phases = []
    if kind in (SyncKind.CREATED, SyncKind.MANUAL):
        phases.append(cursor_phase("created", "created_cursor", channel.backfill_days))
    if kind in (SyncKind.CHANGED, SyncKind.MANUAL):
        phases.append(cursor_phase("changed", "changed_cursor", channel.backfill_days))
    return phases


def _first_status_pass_days(channel: AmazonChannel, now: datetime) -> int:
    """How far the first status pass looks back: the backfill, or further to the oldest open
    order (a channel synced before the pass existed has orders Amazon closed since); windows are
    never planned more than 180 days back. Later passes go on from their cursor."""
    oldest = oldest_open_po_date(channel)
    if oldest is None:
        return channel.backfill_days
    return max(channel.backfill_days, (now - oldest).days + 1)


def due_channels(now: datetime | None = None) -> list[tuple[int, list[str]]]:
    """Ready channels (active, with credentials, polling not paused) whose poll interval has
    elapsed, with the kinds of sync due."""
    now = now or timezone.now()
    due = []
    channels = AmazonChannel.objects.filter(readiness.READY)
    for channel in channels.select_related("sync_state"):
        state = getattr(channel, "sync_state", None) or SyncState(channel=channel)
        if state.locked_until and state.locked_until > now:
            continue
        interval = timedelta(minutes=channel.poll_interval_minutes)
        if state.last_sync_at is None or state.last_sync_at + interval <= now:
            kinds = [SyncKind.CREATED, SyncKind.CHANGED]
            if state.last_resweep_at is None or state.last_resweep_at + RESWEEP_EVERY <= now:
                kinds.append(SyncKind.RESWEEP)
            due.append((channel.pk, [str(k) for k in kinds]))
    return due


# ---------------------------------------------------------------------------------------------
# The lease: one sync per channel at a time


def new_owner() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire_lease(*, channel: AmazonChannel, owner: str, now: datetime | None = None) -> bool:
    """Take the channel's lease if it is free or stale (conditional UPDATE; one winner)."""
    now = now or timezone.now()
    SyncState.objects.get_or_create(channel=channel)
    free = Q(locked_until__isnull=True) | Q(locked_until__lte=now) | Q(lock_owner=owner)
    taken = SyncState.objects.filter(free, channel=channel).update(
        locked_until=now + lease_length(), lock_owner=owner
    )
    return taken == 1


def release_lease(*, channel: AmazonChannel, owner: str) -> None:
    SyncState.objects.filter(channel=channel, lock_owner=owner).update(
        locked_until=None, lock_owner=""
    )


def _checkpoint(channel: AmazonChannel, owner: str, progress: dict[str, Any]) -> None:
    """Renew the lease (and move a cursor or the resume point) — only while we still hold it."""
    held = SyncState.objects.filter(channel=channel, lock_owner=owner).update(
        locked_until=timezone.now() + lease_length(), **progress
    )
    if held != 1:
        raise LeaseLost(f"Another worker took over the sync of channel {channel.pk}.")


def renew_lease(*, channel_id: int, owner: str) -> bool:
    """Push the lease on by a full length, if we still hold it."""
    return bool(
        SyncState.objects.filter(channel_id=channel_id, lock_owner=owner).update(
            locked_until=timezone.now() + lease_length()
        )
    )


class Heartbeat:
    """Renews the lease from a background thread every third of its length while a sync runs,
    so a long page (slow answers, retries, a big write) never lets it run out, and a worker that
    dies stops renewing it: its channel is free again within one lease length."""

    def __init__(self, *, channel_id: int, owner: str, every: float | None = None):
        self.channel_id, self.owner = channel_id, owner
        self.every = every if every is not None else lease_length().total_seconds() / 3
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sync-heartbeat", daemon=True)
        self.beats = 0

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.every):
                if not self._beat():
                    return
        finally:
            if self.beats:
                connection.close()  # this thread's own connection

    def _beat(self) -> bool:
        self.beats += 1
        try:
            return renew_lease(channel_id=self.channel_id, owner=self.owner)
        except Exception:
            log.exception("Could not renew the sync lease of channel %s", self.channel_id)
            return True  # the next beat tries again; the page checkpoint notices a lost lease


# ---------------------------------------------------------------------------------------------
# Running a sync


def run_sync(
    *,
    channel: AmazonChannel,
    kind: str,
    source: OrderSource,
    now: datetime | None = None,
    owner: str | None = None,
    run_id: int | None = None,
) -> SyncRun:
    """One sync of one channel, recorded as a SyncRun (status skipped if another is running).
    `run_id` names the run `queue_run` recorded for it; without it a new run is recorded."""
    now = now or timezone.now()
    owner = owner or new_owner()
    if not acquire_lease(channel=channel, owner=owner, now=now):
        return _start(channel, kind, run_id, status=SyncStatus.SKIPPED, finished_at=timezone.now())
    run = _start(channel, kind, run_id, status=SyncStatus.RUNNING)
    try:
        with Heartbeat(channel_id=channel.pk, owner=owner):
            _run_phases(run, channel, source, owner, now)
    except source.auth_errors as exc:
        _record_failure(run, channel, exc, auth=True)
    except Exception as exc:
        log.exception("Sync %s of channel %s failed", kind, channel.pk)
        _record_failure(run, channel, exc, auth=False)
    else:
        _record_success(run, channel, now)
    finally:
        release_lease(channel=channel, owner=owner)
    _notify_held_codes(channel)
    return run


def queue_run(*, channel: AmazonChannel, kind: str) -> SyncRun:
    """The run of a sync asked for now, before a worker takes it (status queued)."""
    return SyncRun.objects.create(
        organization_id=channel.organization_id,
        channel=channel,
        kind=kind,
        status=SyncStatus.QUEUED,
    )


def _start(channel: AmazonChannel, kind: str, run_id: int | None, **fields) -> SyncRun:
    """The queued run `run_id` (if still queued) takes `fields`; otherwise a new run has them."""
    if run_id is not None:
        queued = SyncRun.objects.filter(pk=run_id, channel=channel, status=SyncStatus.QUEUED)
        if queued.update(started_at=timezone.now(), **fields) == 1:
            return SyncRun.objects.get(pk=run_id)
    return SyncRun.objects.create(
        organization_id=channel.organization_id, channel=channel, kind=kind, **fields
    )


def _notify_held_codes(channel: AmazonChannel) -> None:
    """An email that cannot be sent now is tried again after the next sync."""
    try:
        notifications.notify_held_codes(channel=channel)
    except Exception:
        log.exception("Could not send the held-codes notice of channel %s", channel.pk)


def record_failed_start(
    *, channel: AmazonChannel, kind: str, error: BaseException, run_id: int | None = None
) -> SyncRun:
    """A sync that could not even start (e.g. the channel's credentials cannot be read)."""
    run = _start(channel, kind, run_id, status=SyncStatus.RUNNING)
    SyncState.objects.get_or_create(channel=channel)
    _record_failure(run, channel, error, auth=False)
    return run


def record_refused(
    *, channel: AmazonChannel, kind: str, reason: str, run_id: int | None = None
) -> SyncRun:
    """A sync that was not started because the channel cannot sync (e.g. no credentials): a
    failed run saying why. Nothing was sent, so it is no failure of Amazon's: the failure streak
    (and the notices it leads to) stays as it was."""
    return _start(
        channel,
        kind,
        run_id,
        status=SyncStatus.FAILED,
        finished_at=timezone.now(),
        error=reason[:2000],
    )


def poll(*, channel: AmazonChannel, kinds: Iterable[str], source: OrderSource) -> list[SyncRun]:
    """The periodic sync of a channel: each due kind in turn, each its own run."""
    runs = []
    for kind in kinds:
        runs.append(run_sync(channel=channel, kind=kind, source=source))
        if runs[-1].status != SyncStatus.SUCCEEDED:
            break
    return runs


def _run_phases(run: SyncRun, channel, source: OrderSource, owner: str, now: datetime) -> None:
    state = SyncState.objects.get(channel=channel)
    for phase in _phases(channel, state, run.kind, now):
        for window in phase.windows:
            run.window_start = run.window_start or window.start
            _sync_window(run, channel, source, owner, phase, window)


def _sync_window(run, channel, source, owner, phase: Phase, window: Window) -> None:
    """The window's pages, each in one transaction with its checkpoint: after a page that has a
    next one, the resume point names that next page; after the last, the cursor moves to the
    window's end and the resume point is cleared."""
    write: Callable[[AmazonChannel, OrderSource, Any], ImportResult | CloseResult]
    write = _close_page if phase.query == "closed" else _import_page
    window, pages = _window_pages(run, channel, source, phase, window)
    number = window.pages_done
    for page in pages:
        number += 1
        token = getattr(page, "next_token", None)
        with transaction.atomic():
            result = write(channel, source, page)
            if token:
                _checkpoint(channel, owner, _resume_point(phase, window, token, number))
            else:
                _finish_window(channel, owner, phase, window)
            _count(run, result, None if token else window)
    if number == window.pages_done:  # the window (or its rest) has no pages
        with transaction.atomic():
            _finish_window(channel, owner, phase, window)
            _count(run, ImportResult(), window, pages=0)


def _finish_window(channel: AmazonChannel, owner: str, phase: Phase, window: Window) -> None:
    _checkpoint(channel, owner, _done(phase, window))
    _clear_resume_point(channel, phase)


def _resume_point(phase: Phase, window: Window, token: str, pages: int) -> dict[str, Any]:
    return {
        "resume_phase": phase.key,
        "resume_window_start": window.start,
        "resume_window_end": window.end,
        "resume_token": token,
        "resume_pages": pages,
    }


def _done(phase: Phase, window: Window) -> dict[str, Any]:
    """A finished window: its phase's cursor moves to its end."""
    return {phase.cursor_field: window.end} if phase.cursor_field else {}


def _clear_resume_point(channel: AmazonChannel, phase: Phase) -> None:
    """The phase's resume point is used up once a window of it is done; one of another phase
    stays (that phase's next run goes on there)."""
    SyncState.objects.filter(channel=channel, resume_phase=phase.key).update(
        resume_phase="",
        resume_window_start=None,
        resume_window_end=None,
        resume_token="",
        resume_pages=0,
    )


def _window_pages(
    run: SyncRun, channel, source: OrderSource, phase: Phase, window: Window
) -> tuple[Window, Iterator[Any]]:
    """The window's pages, from its resume point when it has one. A resume point the source no
    longer takes (`stale_token_errors` on its first page) means the window from its first page."""
    pages = iter(_fetch(channel, source, phase, window))
    if window.next_token is None:
        return window, pages
    try:
        first = next(pages)
    except StopIteration:
        return window, iter(())
    except source.stale_token_errors as exc:
        log.warning("Channel %s: the window's resume point was refused (%s)", channel.pk, exc)
        window = replace(window, next_token=None, pages_done=0)
        return window, iter(_fetch(channel, source, phase, window))
    run.resumed_after_pages = run.resumed_after_pages or window.pages_done
    return window, itertools.chain([first], pages)


def _fetch(channel, source: OrderSource, phase: Phase, window: Window):
    if phase.query == "closed":
        return _status_pages(channel, source, window)
    return _order_pages(channel, source, phase, window)


def _resume_from(window: Window) -> dict[str, str]:
    return {"next_token": window.next_token} if window.next_token else {}


def _order_pages(channel, source: OrderSource, phase: Phase, window: Window):
    return source.client.iter_purchase_order_pages(
        **{f"{phase.query}_after": window.start, f"{phase.query}_before": window.end},
        vendor_code=channel.vendor_code,
        limit=PAGE_SIZE,
        **({"read_ahead": True} if source.read_ahead else {}),
        **_resume_from(window),
    )


def _status_pages(channel, source: OrderSource, window: Window):
    """The POs of the channel's vendor code that Amazon closed, by last update in the window."""
    return source.client.iter_purchase_order_status_pages(
        updated_after=window.start,
        updated_before=window.end,
        vendor_code=channel.vendor_code,
        purchase_order_status=CLOSED,
        limit=PAGE_SIZE,
        **_resume_from(window),
    )


def _import_page(channel, source: OrderSource, page) -> ImportResult:
    purchase_orders, rejected = _read_page(source, page)
    return import_purchase_orders(
        channel=channel, purchase_orders=purchase_orders, rejected=rejected
    )


def _close_page(channel, source: OrderSource, page) -> CloseResult:
    """Close what the page's statuses say; a status that does not fit Amazon's model is skipped
    (logged and counted), so one bad entry does not stop the pass for every other PO."""
    statuses = [source.to_order_status(status) for status in page.statuses]
    unreadable = list(getattr(page, "unreadable", None) or [])
    for message in unreadable:
        log.warning("Status pass of channel %s skipped a status: %s", channel.pk, message)
    result = close_purchase_orders(channel=channel, statuses=statuses)
    return replace(result, unreadable=len(unreadable))


def _read_page(source: OrderSource, page) -> tuple[list, list]:
    """A page's POs as order data; a page that carries them read already (`purchase_orders`, as
    the Amazon client's do) is taken as it is."""
    rejected = list(getattr(page, "rejected", None) or [])
    ready = getattr(page, "purchase_orders", None)
    if ready is not None:
        return list(ready), rejected
    purchase_orders = []
    for order in page.orders:
        try:
            purchase_orders.append(source.to_purchase_order(order))
        except (ValueError, TypeError, KeyError) as exc:
            rejected.append(_unreadable(order, exc))
    return purchase_orders, rejected


def _unreadable(order, exc: Exception) -> dto.RejectedPurchaseOrder:
    number = getattr(order, "purchase_order_number", "") or ""
    raw = order.model_dump(mode="json", by_alias=True) if hasattr(order, "model_dump") else {}
    return dto.RejectedPurchaseOrder(str(number), f"Could not read the purchase order: {exc}", raw)


def _count(
    run: SyncRun, result: ImportResult | CloseResult, window: Window | None, pages: int = 1
) -> None:
    run.pages += pages
    run.api_calls += max(pages, 1)
    run.pos_unchanged += result.unchanged
    if isinstance(result, CloseResult):
        run.closed += result.closed
        run.closed_unknown += result.unknown
        run.closed_unreadable += result.unreadable
    else:
        run.pos_new += result.new
        run.pos_changed += result.changed
        run.pos_held += result.held + result.invalid
    if window is not None:
        run.window_end = window.end
    run.save()


def _record_success(run: SyncRun, channel: AmazonChannel, now: datetime) -> None:
    run.status = SyncStatus.SUCCEEDED
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at"])
    state_updates: dict[str, Any] = {
        "consecutive_failures": 0,
        "consecutive_auth_failures": 0,
        "failure_notified_at": None,
        "last_sync_at": now,
    }
    if run.kind == SyncKind.RESWEEP:
        state_updates["last_resweep_at"] = now
    SyncState.objects.filter(channel=channel).update(**state_updates)
    if channel.polling_disabled_reason:
        resume_polling(channel=channel)


def _record_failure(run: SyncRun, channel: AmazonChannel, exc: BaseException, auth: bool) -> None:
    run.status = SyncStatus.FAILED
    run.finished_at = timezone.now()
    run.error = f"{type(exc).__name__}: {exc}"[:2000]
    run.save(update_fields=["status", "finished_at", "error"])
    SyncState.objects.filter(channel=channel).update(
        consecutive_failures=F("consecutive_failures") + 1,
        consecutive_auth_failures=F("consecutive_auth_failures") + 1 if auth else 0,
        last_sync_at=timezone.now(),
    )
    state = SyncState.objects.get(channel=channel)
    if auth and state.consecutive_auth_failures >= AUTH_FAILURE_LIMIT:
        disable_polling(channel=channel, failures=state.consecutive_auth_failures, error=run.error)
    elif state.consecutive_failures >= FAILURE_NOTICE_AFTER:
        _notify_failing_once(channel, state, run)


def _notify_failing_once(channel: AmazonChannel, state: SyncState, run: SyncRun) -> None:
    """One notice per failure streak: whoever sets failure_notified_at first sends it."""
    first = SyncState.objects.filter(pk=state.pk, failure_notified_at__isnull=True).update(
        failure_notified_at=timezone.now()
    )
    if first:
        notifications.notify_sync_failing(
            channel=channel, failures=state.consecutive_failures, error=run.error
        )


def disable_polling(*, channel: AmazonChannel, failures: int, error: str) -> None:
    """Stop polling a channel whose credentials Amazon keeps refusing, and tell its emails.

    The channel stays active: a manual sync still runs, and one that succeeds resumes polling.
    """
    reason = (
        f"Amazon refused the credentials {failures} times in a row ({error}). Polling is paused "
        "until the credentials are corrected or a manual sync succeeds."
    )
    disabled = AmazonChannel.objects.filter(pk=channel.pk, polling_disabled_reason="").update(
        polling_disabled_reason=reason, updated_at=timezone.now()
    )
    channel.polling_disabled_reason = reason
    if disabled:
        notifications.notify_polling_disabled(channel=channel, reason=reason)


def resume_polling(*, channel: AmazonChannel) -> None:
    """Poll the channel again (after its credentials were updated, or a sync succeeded)."""
    AmazonChannel.objects.filter(pk=channel.pk).update(
        polling_disabled_reason="", updated_at=timezone.now()
    )
    SyncState.objects.filter(channel=channel).update(consecutive_auth_failures=0)
    channel.polling_disabled_reason = ""
