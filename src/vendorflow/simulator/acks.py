"""submitAcknowledgement: Amazon's rules, reported the way Amazon reports them.

A request that matches the model is always taken (202 + transactionId). Breaking a business rule
makes the transaction `Failure` with errors and records nothing; otherwise the acknowledgement is
recorded and its transaction stays `Processing` for ever (Amazon never shows `Success` for acks).
The whole request is one transaction: one bad acknowledgement fails all of them.
"""

from datetime import datetime
from typing import Any

from vendorflow.simulator import clock
from vendorflow.simulator.quantities import eaches
from vendorflow.simulator.store import PurchaseOrder, State


def _error(code: str, message: str, where: str) -> dict:
    return {"code": code, "message": message, "details": where}


class _Check:
    """Checks one OrderAcknowledgement and builds what it would record: {seq: (acc, rej, back)}."""

    def __init__(self, state: State, index: int, ack: dict):
        self.state, self.ack, self.where = state, ack, f"acknowledgements[{index}]"
        self.errors: list[dict] = []
        self.lines: dict[str, tuple[int, int, int]] = {}
        self.record: PurchaseOrder

    def run(self) -> "_Check":
        number = self.ack["purchaseOrderNumber"]
        found = self.state.get(number)
        if found is None:
            self.errors.append(
                _error("INVALID_ORDER_ID", f"Invalid order ID {number}.", self.where)
            )
            return self
        self.record = found
        self._check_order()
        for position, item in enumerate(self.ack["items"]):
            self._check_item(f"{self.where}.items[{position}]", item)
        self._reject_missing_lines()
        return self

    def _check_order(self) -> None:
        if self.record.state == "Closed":
            self.errors.append(
                _error("ORDER_CLOSED", f"Order {self.record.number} is closed.", self.where)
            )
        vendor = self.record.details["sellingParty"]["partyId"]
        if self.ack["sellingParty"]["partyId"] != vendor:
            message = (
                f"Selling party {self.ack['sellingParty']['partyId']} does not match {vendor}."
            )
            self.errors.append(
                _error("INVALID_SELLING_PARTY", message, f"{self.where}.sellingParty")
            )

    def _find_line(self, item: dict) -> dict | None:
        if item.get("itemSequenceNumber"):
            return self.record.line(item["itemSequenceNumber"])
        for line in self.record.details["items"]:
            same_asin = item.get("amazonProductIdentifier") == line.get("amazonProductIdentifier")
            same_vendor_id = item.get("vendorProductIdentifier") == line.get(
                "vendorProductIdentifier"
            )
            if (same_asin or same_vendor_id) and line["itemSequenceNumber"] not in self.lines:
                return line
        return None

    def _check_item(self, where: str, item: dict) -> None:
        line = self._find_line(item)
        if line is None:
            self.errors.append(_error("INVALID_ITEM", "Item is not on the purchase order.", where))
            return
        sequence = line["itemSequenceNumber"]
        if sequence in self.lines:
            self.errors.append(
                _error("DUPLICATE_ITEM", f"Item {sequence} is acknowledged twice.", where)
            )
        if not (item.get("netCost") or {}).get("amount"):
            self.errors.append(
                _error("MISSING_NET_COST", f"netCost is required for item {sequence}.", where)
            )
        self.lines[sequence] = self._quantities(where, item, line)

    def _quantities(self, where: str, item: dict, line: dict) -> tuple[int, int, int]:
        counts = {"Accepted": 0, "Rejected": 0, "Backordered": 0}
        for entry in item["itemAcknowledgements"]:
            counts[entry["acknowledgementCode"]] += eaches(
                entry["acknowledgedQuantity"], line["orderedQuantity"]
            )
        found = (counts["Accepted"], counts["Rejected"], counts["Backordered"])
        for problem in _quantity_problems(
            line, found, self.record.acks.get(line["itemSequenceNumber"])
        ):
            self.errors.append(_error(problem[0], problem[1], where))
        return found

    def _reject_missing_lines(self) -> None:
        for line in self.record.details["items"]:
            sequence = line["itemSequenceNumber"]
            if sequence not in self.lines and sequence not in self.record.acks:
                self.lines[sequence] = (0, eaches(line["orderedQuantity"]), 0)


def _quantity_problems(
    line: dict, found: tuple[int, int, int], previous: dict | None
) -> list[tuple]:
    accepted, rejected, backordered = found
    sequence, ordered = line["itemSequenceNumber"], eaches(line["orderedQuantity"])
    problems = []
    if min(found) < 0:
        problems.append(
            ("INVALID_QUANTITY", f"Quantities for item {sequence} must not be negative.")
        )
    if sum(found) > ordered:
        message = (
            f"Acknowledged quantity {sum(found)} exceeds ordered quantity {ordered} "
            f"for item {sequence}."
        )
        problems.append(("QUANTITY_EXCEEDS_ORDERED", message))
    if backordered and not line.get("isBackOrderAllowed"):
        problems.append(("BACKORDER_NOT_ALLOWED", f"Item {sequence} does not allow backorders."))
    if previous and previous["rejected"] and accepted > previous["accepted"]:
        message = f"Item {sequence} was rejected and cannot be accepted later."
        problems.append(("REJECTED_ITEM_CANNOT_BE_ACCEPTED", message))
    return problems


def submit(state: State, body: dict, *, at: datetime | None = None) -> dict:
    """Take an acknowledgement request; returns its transaction (status Processing or Failure)."""
    moment = at or clock.now()
    with state.lock:
        checks = [
            _Check(state, i, ack).run() for i, ack in enumerate(body.get("acknowledgements", []))
        ]
        errors = [error for check in checks for error in check.errors]
        errors.extend(_duplicates(checks))
        if not checks:
            errors.append(
                _error("INVALID_REQUEST", "No acknowledgements were sent.", "acknowledgements")
            )
        transaction: dict[str, Any] = {
            "transactionId": state.new_transaction_id(moment),
            "status": "Processing",
        }
        if errors:
            transaction.update(status="Failure", errors=errors)
        else:
            for check in checks:
                _record(check.record, check.lines, moment)
        _log(state, transaction, body, moment)
        return transaction


def _duplicates(checks: list[_Check]) -> list[dict]:
    numbers = [check.ack["purchaseOrderNumber"] for check in checks]
    return [
        _error(
            "DUPLICATE_ORDER",
            f"Order {n} is acknowledged twice in one request.",
            "acknowledgements",
        )
        for n in sorted({n for n in numbers if numbers.count(n) > 1})
    ]


def _record(
    record: PurchaseOrder, lines: dict[str, tuple[int, int, int]], moment: datetime
) -> None:
    date = clock.iso(moment)
    for sequence, (accepted, rejected, backordered) in lines.items():
        previous = record.acks.get(sequence, {}).get("details", [])
        detail = {"acknowledgementDate": date, "accepted": accepted, "rejected": rejected}
        record.acks[sequence] = {
            "accepted": accepted,
            "rejected": rejected,
            "backordered": backordered,
            "details": [detail, *previous],
        }
    if record.state == "New":
        record.order["purchaseOrderState"] = "Acknowledged"
        record.details["purchaseOrderStateChangedDate"] = date
    record.touch(moment)


def _log(state: State, transaction: dict, body: dict, moment: datetime) -> None:
    state.acknowledgements.append(
        {
            "transactionId": transaction["transactionId"],
            "receivedAt": clock.iso(moment),
            "status": transaction["status"],
            "errors": transaction.get("errors", []),
            "acknowledgements": body.get("acknowledgements", []),
        }
    )
    state.add_transaction(transaction)
    state.dirty = True
