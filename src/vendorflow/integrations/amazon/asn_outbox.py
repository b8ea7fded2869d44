"""Sending ASNs (shipment confirmations) to Amazon and following them to Amazon's answer.

The shipping services own the outbox row and its states (shipping/asn.py); this is the worker
side. Safe to run twice and concurrently: a row is claimed by a conditional update before it is
sent, and a row whose send may have reached Amazon is never sent again until Amazon has been
asked whether it holds the shipment (getShipmentDetails by our shipment identifier).
"""

import logging
from datetime import timedelta

from django.utils import timezone

from vendorflow.integrations.amazon.errors import (
    AmazonError,
    AuthFailed,
    InvalidPayload,
    MalformedResponse,
    Throttled,
    TransportError,
)
from vendorflow.integrations.amazon.outbox import RetryLater, client_for, worker_name
from vendorflow.shipping import asn as outbox
from vendorflow.shipping.choices import AsnState
from vendorflow.shipping.models import Asn

log = logging.getLogger(__name__)
RECHECK_EVERY = timedelta(minutes=1)


def send(*, asn_id: int, make_client=client_for) -> bool:
    """Claim the ASN and submit it. True if Amazon took it (202 with a transaction id)."""
    row = outbox.claim(asn_id=asn_id, worker=worker_name())
    if row is None:
        return False
    with make_client(row.shipment.channel) as client:
        try:
            transaction_id = client.submit_shipment_confirmations([row.payload])
        except (Throttled, AuthFailed) as exc:
            outbox.release(asn_id=row.pk)
            raise RetryLater(str(exc)) from exc
        except TransportError as exc:
            if not exc.request_sent:
                outbox.release(asn_id=row.pk)
                raise RetryLater(str(exc)) from exc
            log.warning("ASN %s outcome unknown; Amazon is asked before any resend", row.pk)
            return False
        except InvalidPayload as exc:
            outbox.record_failed(asn_id=row.pk, errors=[_error(exc)])
            return False
        except AmazonError as exc:
            if exc.permanent and not _answered_success(exc):
                outbox.record_failed(asn_id=row.pk, errors=[_error(exc)])
            else:
                log.warning("ASN %s outcome unknown: %s", row.pk, exc)
            return False
    outbox.record_submitted(asn_id=row.pk, transaction_id=transaction_id)
    return True


def check(*, asn_id: int, make_client=client_for) -> str:
    """Follow a submitted ASN: getTransaction until Success or Failure."""
    row = Asn.objects.select_related("shipment__channel").get(pk=asn_id)
    if row.state != AsnState.SUBMITTED:
        return row.state
    with make_client(row.shipment.channel) as client:
        result = client.get_transaction(row.transaction_id).transaction_status
    status = result.status.value if result is not None else "Processing"
    if status == "Failure":
        errors = [error.model_dump(mode="json") for error in (result.errors or [])]
        outbox.record_failed(asn_id=row.pk, errors=errors)
        return AsnState.FAILED
    if status == "Success":
        outbox.record_confirmed(asn_id=row.pk)
        return AsnState.CONFIRMED
    outbox.schedule_check(asn_id=row.pk, at=timezone.now() + RECHECK_EVERY)
    return AsnState.SUBMITTED


def resolve_in_doubt(*, asn_id: int, make_client=client_for) -> str:
    """A claim whose outcome was never recorded (the worker stopped, or the answer was lost):
    if Amazon lists the shipment it has the ASN; if not, the row goes back to the queue."""
    row = Asn.objects.select_related("shipment__channel").get(pk=asn_id)
    if row.state != AsnState.SENDING:
        return row.state
    with make_client(row.shipment.channel) as client:
        found = client.has_shipment(row.shipment.reference)
    if found:
        outbox.record_found(asn_id=row.pk)
        return "found"
    outbox.release(asn_id=row.pk)
    return "resend"


def _answered_success(exc: AmazonError) -> bool:
    return isinstance(exc, MalformedResponse) and (exc.status is None or 200 <= exc.status < 300)


def _error(exc: AmazonError) -> dict:
    return {"code": exc.code or type(exc).__name__, "message": exc.message, "details": ""}
