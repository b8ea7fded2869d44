"""submitShipmentConfirmations: Amazon's rules for ASNs, reported the way Amazon reports them.

A request that matches the model is always taken (202 + transactionId). Its transaction is
`Processing` for `State.shipment_processing` after it arrived, then `Success`, or `Failure` with
errors when a confirmation breaks a rule (or a `shipment_failure` fault was asked for). The whole
request is one transaction: one bad confirmation fails all of them, and a failed request records
nothing. The outcome is decided on arrival; only its announcement waits.

What Amazon holds is one shipment per `shipmentIdentifier` (`State.shipments`): the latest
accepted confirmation, its type and transaction, and the PO numbers it names. An `Original` for a
shipment Amazon holds fails as a duplicate; a `Replace` of a held shipment replaces it.
"""

from datetime import datetime
from typing import Any

from vendorflow.simulator import clock
from vendorflow.simulator.store import State

ORIGINAL = "Original"
REPLACE = "Replace"


def _error(code: str, message: str, where: str) -> dict:
    return {"code": code, "message": message, "details": where}


def submit(
    state: State, body: dict, *, forced_errors: list[dict] | None = None, at: datetime | None = None
) -> dict:
    """Take a shipment confirmation request; returns its transaction (as first shown: Processing,
    or already final when the processing time is zero)."""
    moment = at or clock.now()
    confirmations = body.get("shipmentConfirmations") or []
    with state.lock:
        errors = _problems(state, confirmations) + list(forced_errors or [])
        transaction_id = state.new_transaction_id(moment)
        if not errors:
            for confirmation in confirmations:
                _record(state, confirmation, transaction_id, moment)
        outcome = "Failure" if errors else "Success"
        _log(state, confirmations, transaction_id, outcome, errors, moment)
        state.add_pending_transaction(
            transaction_id,
            status=outcome,
            errors=errors,
            settles_at=moment + state.shipment_processing,
        )
        state.settle(moment)
        return dict(state.transactions[transaction_id])


def _problems(state: State, confirmations: list[dict]) -> list[dict]:
    if not confirmations:
        return [_error("INVALID_REQUEST", "No shipment confirmations were sent.", "")]
    problems = _repeated_identifiers(confirmations)
    for index, confirmation in enumerate(confirmations):
        problems += _confirmation_problems(state, f"shipmentConfirmations[{index}]", confirmation)
    return problems


def _repeated_identifiers(confirmations: list[dict]) -> list[dict]:
    identifiers = [c["shipmentIdentifier"] for c in confirmations]
    return [
        _error(
            "DUPLICATE_SHIPMENT",
            f"Shipment {identifier} is confirmed twice in one request.",
            "shipmentConfirmations",
        )
        for identifier in sorted({i for i in identifiers if identifiers.count(i) > 1})
    ]


def _confirmation_problems(state: State, where: str, confirmation: dict) -> list[dict]:
    identifier = confirmation["shipmentIdentifier"]
    held = state.shipments.get(identifier)
    kind = confirmation["shipmentConfirmationType"]
    problems = []
    if kind == ORIGINAL and held is not None:
        message = (
            f"Shipment {identifier} has already been confirmed "
            f"(transaction {held['transactionId']}); send a Replace to change it."
        )
        problems.append(_error("DUPLICATE_SHIPMENT", message, f"{where}.shipmentIdentifier"))
    if kind == REPLACE and held is None:
        message = f"Shipment {identifier} has no confirmation to replace."
        problems.append(_error("SHIPMENT_NOT_FOUND", message, f"{where}.shipmentIdentifier"))
    if kind == REPLACE and held is not None:
        problems += _same_selling_party(where, confirmation, held)
    return problems + _item_problems(where, confirmation)


def _same_selling_party(where: str, confirmation: dict, held: dict) -> list[dict]:
    sent = confirmation["sellingParty"]["partyId"]
    before = held["confirmation"]["sellingParty"]["partyId"]
    if sent == before:
        return []
    message = f"Selling party {sent} does not match {before} of the confirmation it replaces."
    return [_error("INVALID_SELLING_PARTY", message, f"{where}.sellingParty")]


def _item_problems(where: str, confirmation: dict) -> list[dict]:
    """Every item once; every carton and pallet item names one of them."""
    sequences = [item["itemSequenceNumber"] for item in confirmation["shippedItems"]]
    problems = [
        _error("DUPLICATE_ITEM", f"Item {sequence} is listed twice.", f"{where}.shippedItems")
        for sequence in sorted({s for s in sequences if sequences.count(s) > 1})
    ]
    for container in ("cartons", "pallets"):
        for position, packed in enumerate(confirmation.get(container) or []):
            for entry, item in enumerate(packed.get("items") or []):
                if item["itemReference"] not in sequences:
                    message = f"Item reference {item['itemReference']} names no shipped item."
                    path = f"{where}.{container}[{position}].items[{entry}].itemReference"
                    problems.append(_error("INVALID_ITEM_REFERENCE", message, path))
    return problems


def purchase_order_numbers(confirmation: dict) -> list[str]:
    """The PO numbers a confirmation names in its items' (and cartons' items') itemDetails."""
    found: set[str] = set()
    items: list[dict[str, Any]] = list(confirmation["shippedItems"])
    for container in ("cartons", "pallets"):
        for packed in confirmation.get(container) or []:
            items += packed.get("items") or []
    for item in items:
        number = (item.get("itemDetails") or {}).get("purchaseOrderNumber")
        if number:
            found.add(number)
    return sorted(found)


def _record(state: State, confirmation: dict, transaction_id: str, moment: datetime) -> None:
    identifier = confirmation["shipmentIdentifier"]
    state.shipments[identifier] = {
        "shipmentIdentifier": identifier,
        "shipmentConfirmationType": confirmation["shipmentConfirmationType"],
        "transactionId": transaction_id,
        "receivedAt": clock.iso(moment),
        "purchaseOrderNumbers": purchase_order_numbers(confirmation),
        "confirmation": confirmation,
    }


def _log(
    state: State,
    confirmations: list[dict],
    transaction_id: str,
    outcome: str,
    errors: list[dict],
    moment: datetime,
) -> None:
    for confirmation in confirmations:
        state.shipment_confirmations.append(
            {
                "transactionId": transaction_id,
                "receivedAt": clock.iso(moment),
                "shipmentIdentifier": confirmation["shipmentIdentifier"],
                "shipmentConfirmationType": confirmation["shipmentConfirmationType"],
                "outcome": outcome,
                "errors": errors,
                "confirmation": confirmation,
            }
        )
    state.dirty = True
