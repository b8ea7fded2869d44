"""The write operations of the orders app, in one place for callers outside it.

Scanning lives in `orders/scanning.py`; the acknowledgement plan and its exactly-once outbox in
`orders/acknowledging.py` (states in docs/acknowledgement.md). The Amazon integration's jobs call
the worker-side functions listed here with ids only.
"""

from vendorflow.orders.acknowledging import (
    LineStatus,
    acknowledge,
    acks_needing_status_check,
    build_plan,
    claim_batch_for_sending,
    claim_for_sending,
    confirm_acknowledgement,
    confirm_batch,
    decide_after_status,
    due_for_status_confirmation,
    mark_sent_unknown,
    record_confirmed,
    record_failed,
    record_submitted,
    release_claim,
    resolve_sent_unknown,
    resubmit,
    schedule_check,
)
from vendorflow.orders.scanning import ScanResult, record_bulk, record_scan, undo_last_scan

__all__ = [
    "LineStatus",
    "ScanResult",
    "acknowledge",
    "acks_needing_status_check",
    "build_plan",
    "claim_batch_for_sending",
    "claim_for_sending",
    "confirm_acknowledgement",
    "confirm_batch",
    "decide_after_status",
    "due_for_status_confirmation",
    "mark_sent_unknown",
    "record_bulk",
    "record_confirmed",
    "record_failed",
    "record_scan",
    "record_submitted",
    "release_claim",
    "resolve_sent_unknown",
    "resubmit",
    "schedule_check",
    "undo_last_scan",
]
