"""What Amazon does to a PO after placing it: change quantities, cancel lines, move it, close it."""

from datetime import datetime

from vendorflow.simulator import catalog, clock
from vendorflow.simulator.store import PurchaseOrder, State


def _open_order(state: State, number: str, moment: datetime) -> PurchaseOrder:
    record = state.get(number)
    if record is None:
        raise LookupError(f"purchase order {number!r} does not exist")
    if record.state == "Closed":
        raise ValueError(f"purchase order {number!r} is closed")
    if moment < record.key[0]:
        raise ValueError(
            f"{clock.iso(moment)} is before purchase order {number!r} was placed "
            f"({record.details['purchaseOrderDate']})"
        )
    return record


def change_order(
    state: State,
    number: str,
    *,
    quantities: dict[str, int] | None = None,
    cancel: list[str] | tuple = (),
    ship_to: str = "",
    at: datetime | None = None,
) -> PurchaseOrder:
    """Change a PO the way Amazon does; sets `purchaseOrderChangedDate`. All or nothing."""
    moment = at or clock.now()
    with state.lock:
        record = _open_order(state, number, moment)
        updates = {
            **{str(k): int(v) for k, v in (quantities or {}).items()},
            **{s: 0 for s in cancel},
        }
        _check_updates(record, updates)
        party = catalog.party(state.fc(ship_to)) if ship_to else None
        for sequence, amount in updates.items():
            _set_quantity(record, sequence, amount, moment)
        if party:
            record.details["shipToParty"] = party
        record.details["purchaseOrderChangedDate"] = clock.iso(moment)
        record.touch(moment)
        state.dirty = True
        return record


def _check_updates(record: PurchaseOrder, updates: dict[str, int]) -> None:
    for sequence, amount in updates.items():
        if record.line(sequence) is None:
            raise ValueError(f"itemSequenceNumber {sequence!r} is not a line of {record.number}")
        if amount < 0:
            raise ValueError(f"quantity for line {sequence} must not be negative")


def _set_quantity(record: PurchaseOrder, sequence: str, amount: int, moment: datetime) -> None:
    line = record.line(sequence)
    if line is None:
        raise LookupError(f"itemSequenceNumber {sequence!r} is not a line of {record.number}")
    old = line["orderedQuantity"]
    new = {**old, "amount": amount}
    entry = {"updatedDate": clock.iso(moment), "orderedQuantity": new}
    if amount < old["amount"]:
        entry["cancelledQuantity"] = {**old, "amount": old["amount"] - amount}
    line["orderedQuantity"] = new
    record.history.setdefault(sequence, []).insert(0, entry)


def close_order(state: State, number: str, *, at: datetime | None = None) -> PurchaseOrder:
    """Close a PO at `at` (default now): everything accepted counts as received, and its
    `lastUpdatedDate` (what getPurchaseOrdersStatus's updatedAfter/updatedBefore filter on) is
    the moment of closing."""
    moment = at or clock.now()
    with state.lock:
        record = _open_order(state, number, moment)
        record.order["purchaseOrderState"] = "Closed"
        record.details["purchaseOrderStateChangedDate"] = clock.iso(moment)
        record.closed_at = clock.iso(moment)
        record.touch(moment)
        state.dirty = True
        return record
