"""Huey tasks for Amazon. Thin: each takes ids, builds what it needs and calls one service.

Every task is safe to run twice: syncs hold a per-channel lease and import idempotently,
reprocessing skips what is resolved, deadline notices are claimed per order.
"""

import logging
from contextlib import contextmanager

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from vendorflow.accounts.models import Organization
from vendorflow.channels import readiness, sync
from vendorflow.channels.models import AmazonChannel, SyncRun
from vendorflow.integrations.amazon import asn_outbox, outbox
from vendorflow.integrations.amazon.errors import AmazonError
from vendorflow.lib import planner
from vendorflow.orders import notifications
from vendorflow.orders.importing import reprocess_exceptions
from vendorflow.shipping import asn as asn_rows

log = logging.getLogger(__name__)


def amazon_source(channel: AmazonChannel) -> sync.OrderSource:
    """The live SP-API connection of a channel, as the sync service expects it."""
    from vendorflow.integrations.amazon import acks, mapping
    from vendorflow.integrations.amazon.client import Credentials, VendorOrdersClient
    from vendorflow.integrations.amazon.errors import AuthFailed, InvalidInput

    return sync.OrderSource(
        client=VendorOrdersClient(Credentials.for_channel(channel)),
        to_purchase_order=mapping.purchase_order_to_dto,
        auth_errors=(AuthFailed,),
        read_ahead=True,
        to_order_status=acks.order_status_to_dto,
        # a stored nextToken Amazon no longer takes (still refused after the client's retries)
        stale_token_errors=(InvalidInput,),
    )


def run_channel_sync(
    channel_id: int, kind: str, *, source_factory=None, run_id: int | None = None
) -> SyncRun | None:
    """One sync of a channel, inline. `source_factory(channel)` defaults to the live Amazon one;
    `run_id` is the run `sync.queue_run` recorded when the sync was asked for."""
    channel = AmazonChannel.objects.filter(pk=channel_id).first()
    if channel is None:
        log.warning("Sync of channel %s skipped: no such channel", channel_id)
        return None
    if channel.missing_credentials:  # nothing to log in with: refused, nothing is sent
        reason = readiness.sync_refusal(channel, admin=True)
        return sync.record_refused(channel=channel, kind=kind, reason=reason, run_id=run_id)
    source = _source(channel, kind, source_factory, run_id)
    if isinstance(source, SyncRun):
        return source
    with _closing(source):
        return sync.run_sync(channel=channel, kind=kind, source=source, run_id=run_id)


def run_channel_poll(channel_id: int, kinds: list[str], *, source_factory=None) -> list[SyncRun]:
    """The periodic sync of a channel that is ready (active, with credentials, not paused)."""
    channel = AmazonChannel.objects.filter(readiness.READY, pk=channel_id).first()
    if channel is None or not kinds:
        return []
    source = _source(channel, kinds[0], source_factory)
    if isinstance(source, SyncRun):
        return [source]
    with _closing(source):
        return sync.poll(channel=channel, kinds=kinds, source=source)


def _source(
    channel: AmazonChannel, kind: str, source_factory, run_id: int | None = None
) -> sync.OrderSource | SyncRun:
    """Connect to Amazon; a channel that cannot be connected gets a failed run saying why."""
    try:
        return (source_factory or amazon_source)(channel)
    except Exception as exc:
        log.exception("Could not connect channel %s to Amazon", channel.pk)
        return sync.record_failed_start(channel=channel, kind=kind, error=exc, run_id=run_id)


@contextmanager
def _closing(source: sync.OrderSource):
    """Close the source after the sync, and bring the planner up to date with what it wrote."""
    try:
        yield
    finally:
        close = getattr(source.client, "close", None)
        if callable(close):
            close()
        planner.refresh_statistics()


@db_task()
def sync_channel(channel_id: int, kind: str = "manual", run_id: int | None = None) -> None:
    run_channel_sync(channel_id, kind, run_id=run_id)


@db_task()
def poll_channel(channel_id: int, kinds: list[str]) -> None:
    run_channel_poll(channel_id, kinds)


@db_periodic_task(crontab(minute="*"))
def sync_due_channels() -> None:
    """Every minute: tell the admins of channels that stopped being ready (once each), then
    queue a poll of each ready channel whose poll interval has elapsed."""
    try:
        readiness.note_all()
    except Exception:
        log.exception("Could not tell the admins about channels that need credentials")
    for channel_id, kinds in sync.due_channels():
        poll_channel(channel_id, kinds)


@db_task()
def reprocess_code(organization_id: int, code: str) -> None:
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is not None:
        reprocess_exceptions(organization=organization, code=code)


@db_periodic_task(crontab(minute="*/5"))
def notify_deadlines() -> None:
    notifications.notify_deadlines()


# -- acknowledgements ---------------------------------------------------------------------------


@db_task()
def submit_acknowledgement(ack_id: int) -> None:
    """Send one acknowledgement (and the rest of its batch); a no-op if another worker has it."""
    try:
        for sent in outbox.send(ack_id=ack_id):
            check_acknowledgement.schedule((sent,), delay=int(outbox.RECHECK_EVERY.total_seconds()))
    except outbox.RetryLater as exc:
        log.info("Acknowledgement %s goes back to the queue: %s", ack_id, exc)


@db_task()
def check_acknowledgement(ack_id: int) -> None:
    outbox.check(ack_id=ack_id)


@db_periodic_task(crontab(minute="*"))
def process_outbox() -> None:
    """Every minute: send what is still queued, follow what was submitted, and settle claims
    whose outcome was never recorded (asking Amazon before anything is sent again). An ack that
    Amazon cannot answer about now stays as it is for the next sweep; the others go on."""
    work = outbox.due_work()
    for ack_id in work["resolve"]:
        if _resolve_in_doubt(ack_id) == "resend":
            work["send"].append(ack_id)
    for ack_id in work["send"]:
        submit_acknowledgement(ack_id)
    for ack_id in work["check"]:
        check_acknowledgement(ack_id)


def _resolve_in_doubt(ack_id: int) -> str | None:
    try:
        return outbox.resolve_in_doubt(ack_id=ack_id)
    except AmazonError as exc:
        log.warning("Status check of acknowledgement %s failed; next sweep: %s", ack_id, exc)
        return None


# -- ASNs --------------------------------------------------------------------------------------


@db_task()
def submit_asn(asn_id: int) -> None:
    """Send one shipment's ASN; a no-op if another worker has it or it has gone."""
    try:
        if asn_outbox.send(asn_id=asn_id):
            check_asn.schedule((asn_id,), delay=int(asn_outbox.RECHECK_EVERY.total_seconds()))
    except outbox.RetryLater as exc:
        log.info("ASN %s goes back to the queue: %s", asn_id, exc)


@db_task()
def check_asn(asn_id: int) -> None:
    asn_outbox.check(asn_id=asn_id)


@db_periodic_task(crontab(minute="*"))
def process_asn_outbox() -> None:
    """Every minute: send queued ASNs, follow submitted ones, and settle claims left in doubt
    (asking Amazon whether it holds the shipment before anything is sent again)."""
    work = asn_rows.due_work()
    for asn_id in work["resolve"]:
        try:
            if asn_outbox.resolve_in_doubt(asn_id=asn_id) == "resend":
                work["send"].append(asn_id)
        except AmazonError as exc:
            log.warning("Could not settle ASN %s; next sweep: %s", asn_id, exc)
    for asn_id in work["send"]:
        submit_asn(asn_id)
    for asn_id in work["check"]:
        check_asn(asn_id)
