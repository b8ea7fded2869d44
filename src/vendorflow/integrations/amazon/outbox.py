"""Sending acknowledgements to Amazon and following them to confirmation.

The order services own the outbox rows and their states (orders/acknowledging.py); this module is
the worker side that talks to Amazon. Each function is safe to run twice and concurrently: rows are
claimed with conditional updates, and nothing is sent for a PO whose outcome is in doubt until
getPurchaseOrdersStatus has been asked.
"""

import logging
import os
import socket
from collections import defaultdict
from datetime import timedelta

from django.utils import timezone
from pydantic import ValidationError

from vendorflow.channels.models import AmazonChannel
from vendorflow.integrations.amazon import acks, mapping, schemas
from vendorflow.integrations.amazon.client import Credentials, VendorOrdersClient
from vendorflow.integrations.amazon.errors import (
    AmazonError,
    AuthFailed,
    MalformedResponse,
    Throttled,
    TransportError,
)
from vendorflow.orders import acknowledging as outbox
from vendorflow.orders.choices import AckState
from vendorflow.orders.models import Acknowledgement

log = logging.getLogger(__name__)
RECHECK_EVERY = timedelta(minutes=1)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def client_for(channel: AmazonChannel) -> VendorOrdersClient:
    return VendorOrdersClient(Credentials.for_channel(channel))


class RetryLater(Exception):
    """Nothing reached Amazon (throttled, token refused, no connection): try again later."""


def send(*, ack_id: int, make_client=client_for) -> list[int]:
    """Claim the acknowledgement (and its batch) and submit it. Returns the ids submitted."""
    claimed = outbox.claim_batch_for_sending(ack_id=ack_id, worker=worker_name())
    by_channel: dict[int, list[Acknowledgement]] = defaultdict(list)
    for ack in claimed:
        by_channel[ack.order.channel_id].append(ack)
    submitted: list[int] = []
    for channel_id, group in by_channel.items():
        channel = AmazonChannel.objects.get(pk=channel_id)
        with make_client(channel) as client:
            submitted += _submit(client, group)
    return submitted


def _submit(client: VendorOrdersClient, group: list[Acknowledgement]) -> list[int]:
    group, body = _sendable(group)
    if not group:
        return []
    try:
        transaction_id = client.submit_acknowledgement(body)
    except (Throttled, AuthFailed) as exc:
        _release(group, exc)
        raise RetryLater(str(exc)) from exc
    except TransportError as exc:
        if not exc.request_sent:
            _release(group, exc)
            raise RetryLater(str(exc)) from exc
        _in_doubt(group, exc)
        return []
    except AmazonError as exc:
        if exc.permanent and not _answered_success(exc):
            for ack in group:
                outbox.record_failed(ack_id=ack.pk, errors=[_error(exc)])
        else:
            _in_doubt(group, exc)
        return []
    for ack in group:
        outbox.record_submitted(ack_id=ack.pk, transaction_id=transaction_id)
    return [ack.pk for ack in group]


def _sendable(group: list[Acknowledgement]) -> tuple[list[Acknowledgement], list]:
    """The acks whose payload fits Amazon's model, parsed. One that does not could never be sent:
    it fails now (nothing reached Amazon) instead of being claimed and retried for ever."""
    sendable, body = [], []
    for ack in group:
        try:
            body.append(schemas.OrderAcknowledgement.model_validate(ack.payload))
        except ValidationError as exc:
            message = mapping.describe_validation_error(exc)
            error = {"code": "InvalidAcknowledgement", "message": message, "details": ""}
            outbox.record_failed(ack_id=ack.pk, errors=[error])
            continue
        sendable.append(ack)
    return sendable, body


def _answered_success(exc: AmazonError) -> bool:
    """Amazon answered 2xx, so it has the acknowledgements, in a body we cannot read (no
    transactionId, say): only getPurchaseOrdersStatus may decide what happened, never a resend."""
    return isinstance(exc, MalformedResponse) and (exc.status is None or 200 <= exc.status < 300)


def _release(group: list[Acknowledgement], exc: AmazonError) -> None:
    log.warning("acknowledgement not sent, will retry: %s", exc.code or type(exc).__name__)
    for ack in group:
        outbox.release_claim(ack_id=ack.pk)


def _in_doubt(group: list[Acknowledgement], exc: AmazonError) -> None:
    log.warning("acknowledgement outcome unknown; status check before any resend: %s", exc)
    for ack in group:
        outbox.mark_sent_unknown(ack_id=ack.pk, error=str(exc))


def _error(exc: AmazonError) -> dict:
    return {"code": exc.code or type(exc).__name__, "message": exc.message, "details": ""}


def check(*, ack_id: int, make_client=client_for) -> str:
    """Follow a submitted acknowledgement: getTransaction until Failure or 15 minutes of
    Processing, then getPurchaseOrdersStatus for Amazon's per-line quantities.

    The transaction is read on every check, also after the 15 minutes: a check that comes late
    (workers down, queue backed up) must still see a Failure, which the PO status cannot show."""
    ack = Acknowledgement.objects.select_related("order__channel").get(pk=ack_id)
    if ack.state != AckState.SUBMITTED:
        return ack.state
    with make_client(ack.order.channel) as client:
        errors = _transaction_errors(client, ack)
        if errors is not None:
            outbox.record_failed(ack_id=ack.pk, errors=errors)
            return AckState.FAILED
        if outbox.due_for_status_confirmation(ack):
            return _confirm_from_status(client, ack)
    outbox.schedule_check(ack_id=ack.pk, at=_next_check(ack))
    return AckState.SUBMITTED


def _transaction_errors(client: VendorOrdersClient, ack: Acknowledgement) -> list[dict] | None:
    """Amazon's errors if the transaction failed; None while it is Processing (or unknown: a
    submit recovered from the crash window has no transaction id)."""
    if not ack.transaction_id:
        return None
    result = client.get_transaction(ack.transaction_id).transaction_status
    if result is None or result.status.value != "Failure":
        return None
    return [error.model_dump(mode="json") for error in result.errors or []]


def _next_check(ack: Acknowledgement):
    return min(timezone.now() + RECHECK_EVERY, outbox.status_confirmation_at(ack))


def _confirm_from_status(client: VendorOrdersClient, ack: Acknowledgement) -> str:
    status = _order_status(client, ack.order.po_number)
    if status is None or not acks.status_has_acknowledgement(status):
        outbox.schedule_check(ack_id=ack.pk, at=timezone.now() + RECHECK_EVERY)
        return AckState.SUBMITTED
    outbox.record_confirmed(ack_id=ack.pk, line_statuses=acks.line_statuses(status))
    return AckState.CONFIRMED


def _order_status(client: VendorOrdersClient, po_number: str) -> dict | None:
    for status in client.iter_purchase_orders_status(purchase_order_number=po_number):
        if status.purchase_order_number == po_number:
            return status.model_dump(mode="json", by_alias=True, exclude_none=True)
    return None


def resolve_in_doubt(*, ack_id: int, make_client=client_for) -> str | None:
    """A claim whose outcome was never recorded: ask Amazon before anything is sent again."""
    ack = Acknowledgement.objects.select_related("order__channel").get(pk=ack_id)
    with make_client(ack.order.channel) as client:
        status = _order_status(client, ack.order.po_number)
    has_ack = status is not None and acks.status_has_acknowledgement(status)
    return outbox.resolve_sent_unknown(ack_id=ack_id, status_has_acknowledgement=has_ack)


def due_work(now=None) -> dict[str, list[int]]:
    """What the periodic outbox sweep should do now (ids only)."""
    now = now or timezone.now()
    stale_pending = Acknowledgement.objects.filter(
        state=AckState.PENDING, updated_at__lt=now - RECHECK_EVERY
    )
    checks = Acknowledgement.objects.filter(state=AckState.SUBMITTED, next_check_at__lte=now)
    return {
        "send": list(stale_pending.values_list("pk", flat=True)),
        "check": list(checks.values_list("pk", flat=True)),
        "resolve": list(outbox.acks_needing_status_check(now).values_list("pk", flat=True)),
    }
