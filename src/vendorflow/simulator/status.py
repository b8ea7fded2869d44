"""getPurchaseOrdersStatus: the true record of what Amazon holds for each PO line."""

from typing import Any

from vendorflow.simulator.quantities import eaches, in_line_units
from vendorflow.simulator.store import PurchaseOrder


def order_status(record: PurchaseOrder) -> dict:
    details = record.details
    return {
        "purchaseOrderNumber": record.number,
        "purchaseOrderStatus": "CLOSED" if record.state == "Closed" else "OPEN",
        "purchaseOrderDate": details["purchaseOrderDate"],
        "lastUpdatedDate": record.last_updated,
        "sellingParty": {"partyId": details["sellingParty"]["partyId"]},
        "shipToParty": {"partyId": details["shipToParty"]["partyId"]},
        "itemStatus": [item_status(record, line) for line in details["items"]],
    }


def item_status(record: PurchaseOrder, line: dict) -> dict:
    found: dict[str, Any] = {
        "itemSequenceNumber": line["itemSequenceNumber"],
        "orderedQuantity": {
            "orderedQuantity": line["orderedQuantity"],
            "orderedQuantityDetails": record.history.get(line["itemSequenceNumber"], []),
        },
        "acknowledgementStatus": acknowledgement_status(record, line),
        "receivingStatus": receiving_status(record, line),
    }
    for ours, theirs in (("amazonProductIdentifier", "buyerProductIdentifier"),) + _SAME:
        if ours in line:
            found[theirs] = line[ours]
    return found


_SAME = (("vendorProductIdentifier",) * 2, ("netCost",) * 2, ("listPrice",) * 2)


def confirmation(ack: dict | None, ordered: int) -> str:
    if ack is None:
        return "UNCONFIRMED"
    if ack["accepted"] == 0:
        return "REJECTED"
    return "ACCEPTED" if ack["accepted"] >= ordered else "PARTIALLY_ACCEPTED"


def acknowledgement_status(record: PurchaseOrder, line: dict) -> dict:
    quantity = line["orderedQuantity"]
    ack = record.acks.get(line["itemSequenceNumber"])
    found: dict[str, Any] = {"confirmationStatus": confirmation(ack, eaches(quantity))}
    if ack is None:
        return found
    found["acceptedQuantity"] = in_line_units(quantity, ack["accepted"])
    found["rejectedQuantity"] = in_line_units(quantity, ack["rejected"])
    found["acknowledgementStatusDetails"] = [
        {
            "acknowledgementDate": detail["acknowledgementDate"],
            "acceptedQuantity": in_line_units(quantity, detail["accepted"]),
            "rejectedQuantity": in_line_units(quantity, detail["rejected"]),
        }
        for detail in ack["details"]
    ]
    return found


def receiving_status(record: PurchaseOrder, line: dict) -> dict:
    ack = record.acks.get(line["itemSequenceNumber"])
    received = ack["accepted"] if (ack and record.closed_at) else 0
    found: dict[str, Any] = {
        "receiveStatus": "RECEIVED" if received else "NOT_RECEIVED",
        "receivedQuantity": in_line_units(line["orderedQuantity"], received),
    }
    if received:
        found["lastReceiveDate"] = record.closed_at
    return found
