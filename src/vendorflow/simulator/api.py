"""Vendor Orders, Vendor Shipments (shipment confirmations) and Vendor Transaction Status
operations, checked against the official models."""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from vendorflow.integrations.amazon import spec
from vendorflow.simulator import acks, clock, paging, shipments
from vendorflow.simulator.errors import ApiError, invalid_input, not_found
from vendorflow.simulator.faults import Faults
from vendorflow.simulator.status import order_status
from vendorflow.simulator.store import PurchaseOrder, State

ORDERS_PATH = "/vendor/orders/v1/purchaseOrders"
STATUS_PATH = "/vendor/orders/v1/purchaseOrdersStatus"
ACK_PATH = "/vendor/orders/v1/acknowledgements"
SHIPMENT_CONFIRMATIONS_PATH = "/vendor/shipping/v1/shipmentConfirmations"
SHIPMENTS_PATH = "/vendor/shipping/v1/shipments"
TRANSACTION_PATH = "/vendor/transactions/v1/transactions/{transactionId}"
SUBMIT_SHIPMENTS = "submitShipmentConfirmations"


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes = b""
    remote: str = ""
    path_params: dict[str, str] = field(default_factory=dict)
    faults: Faults | None = None  # the app's faults, for those decided inside an operation

    def json(self):
        try:
            return json.loads(self.body or b"null")
        except ValueError as error:
            raise invalid_input(f"body: not valid JSON ({error})", "body") from None


@dataclass
class Reply:
    status: int
    body: dict | bytes


@dataclass(frozen=True)
class Operation:
    name: str
    method: str
    pattern: re.Pattern
    model: str
    template: str
    handler: Callable[[State, Request], Reply]


def check_query(model: str, template: str, method: str, request: Request) -> None:
    problems = spec.query_problems(model, template, method, request.query)
    if problems:
        raise invalid_input("; ".join(problems), problems[0].split(":")[0])


# getPurchaseOrders -----------------------------------------------------------------------


def get_purchase_orders(state: State, request: Request) -> Reply:
    check_query(spec.ORDERS, ORDERS_PATH, "get", request)
    filters, after = paging.resume(request.query)
    created = paging.window(filters, "createdAfter", "createdBefore")
    keep = _order_filter(filters, paging.window(filters, "changedAfter", "changedBefore"))
    details = request.query.get("includeDetails", "true") == "true"
    limit = int(request.query.get("limit", 100))
    with state.lock:
        records = state.scan(*created, after, filters.get("sortOrder") == "DESC")
        page, next_key = paging.take(records, keep, limit)
        orders = b",".join(record.json(details) for record in page)
    pagination = b""
    if next_key:
        pagination = (
            b'"pagination":{"nextToken":%s},'
            % json.dumps(paging.encode(filters, next_key)).encode()
        )
    return Reply(200, b'{"payload":{%s"orders":[%s]}}' % (pagination, orders))


def _order_filter(filters: dict, changed: paging.Window) -> Callable[[PurchaseOrder], bool]:
    vendor, state = filters.get("orderingVendorCode"), filters.get("purchaseOrderState")
    is_changed, item_state = filters.get("isPOChanged"), filters.get("poItemState")

    def keep(record: PurchaseOrder) -> bool:
        return (
            (vendor is None or record.details["sellingParty"]["partyId"] == vendor)
            and (state is None or record.state == state)
            and (is_changed is None or (record.changed is not None) == (is_changed == "true"))
            and (item_state is None or record.has_cancelled_line())
            and paging.within(record.changed, changed)
        )

    return keep


# getPurchaseOrder ------------------------------------------------------------------------


def get_purchase_order(state: State, request: Request) -> Reply:
    check_query(spec.ORDERS, ORDERS_PATH + "/{purchaseOrderNumber}", "get", request)
    number = request.path_params["purchaseOrderNumber"]
    with state.lock:
        record = state.get(number)
        if record is None:
            raise not_found(f"Purchase order {number}")
        return Reply(200, b'{"payload":%s}' % record.json(True))


# submitAcknowledgement -------------------------------------------------------------------


def submit_acknowledgement(state: State, request: Request) -> Reply:
    check_query(spec.ORDERS, ACK_PATH, "post", request)
    body = _body(request, spec.ORDERS, "SubmitAcknowledgementRequest")
    transaction = acks.submit(state, body)
    return Reply(202, {"payload": {"transactionId": transaction["transactionId"]}})


def _body(request: Request, model: str, definition: str):
    """The JSON body, if it is JSON and matches the official definition (else 415 / 400)."""
    kind = request.headers.get("content-type", "application/json")
    if not kind.startswith("application/json"):
        raise ApiError(415, "UnsupportedMediaType", f"Content type {kind} is not supported.")
    body = request.json()
    problems = spec.problems(model, definition, body)
    if problems:
        raise invalid_input("; ".join(problems), problems[0].split(":")[0])
    return body


# submitShipmentConfirmations -------------------------------------------------------------


def submit_shipment_confirmations(state: State, request: Request) -> Reply:
    check_query(spec.SHIPMENTS, SHIPMENT_CONFIRMATIONS_PATH, "post", request)
    body = _body(request, spec.SHIPMENTS, "SubmitShipmentConfirmationsRequest")
    refusal = request.faults.shipment_refusal(SUBMIT_SHIPMENTS) if request.faults else None
    transaction = shipments.submit(state, body, forced_errors=refusal)
    return Reply(202, {"payload": {"transactionId": transaction["transactionId"]}})


# getShipmentDetails ----------------------------------------------------------------------


def get_shipment_details(state: State, request: Request) -> Reply:
    """The shipments Amazon holds from accepted confirmations, newest first; filtered by
    `vendorShipmentIdentifier` (how vendorflow asks whether an ASN in doubt arrived)."""
    check_query(spec.SHIPMENTS, SHIPMENTS_PATH, "get", request)
    wanted = request.query.get("vendorShipmentIdentifier")
    limit = int(request.query.get("limit", 50))
    with state.lock:
        state.settle(clock.now())
        held = sorted(state.shipments.values(), key=lambda s: s["receivedAt"], reverse=True)
        found = [s for s in held if wanted is None or s["shipmentIdentifier"] == wanted]
        return Reply(200, {"payload": {"shipments": [_shipment(s) for s in found[:limit]]}})


def _shipment(held: dict) -> dict:
    confirmation = held["confirmation"]
    return {
        "vendorShipmentIdentifier": held["shipmentIdentifier"],
        "transactionType": "New",
        "transactionDate": held["receivedAt"],
        "currentShipmentStatus": "Shipped",
        "shipmentConfirmDate": held["receivedAt"],
        "sellingParty": {"partyId": confirmation["sellingParty"]["partyId"]},
        "shipFromParty": {"partyId": confirmation["shipFromParty"]["partyId"]},
        "shipToParty": {"partyId": confirmation["shipToParty"]["partyId"]},
        "purchaseOrders": [{"purchaseOrderNumber": n} for n in held["purchaseOrderNumbers"]],
    }


# getPurchaseOrdersStatus -----------------------------------------------------------------


def get_purchase_orders_status(state: State, request: Request) -> Reply:
    check_query(spec.ORDERS, STATUS_PATH, "get", request)
    filters, after = paging.resume(request.query)
    created = paging.window(filters, "createdAfter", "createdBefore")
    keep = _status_filter(filters, paging.window(filters, "updatedAfter", "updatedBefore"))
    limit = int(request.query.get("limit", 100))
    with state.lock:
        records = state.scan(*created, after, filters.get("sortOrder") == "DESC")
        page, next_key = paging.take(records, keep, limit)
        statuses = [order_status(record) for record in page]
    payload: dict = {"ordersStatus": statuses}
    if next_key:
        payload = {"pagination": {"nextToken": paging.encode(filters, next_key)}, **payload}
    return Reply(200, {"payload": payload})


def _status_filter(filters: dict, updated: paging.Window) -> Callable[[PurchaseOrder], bool]:
    simple = {
        "purchaseOrderNumber": lambda r: r.number,
        "orderingVendorCode": lambda r: r.details["sellingParty"]["partyId"],
        "shipToPartyId": lambda r: r.details["shipToParty"]["partyId"],
        "purchaseOrderStatus": lambda r: "CLOSED" if r.state == "Closed" else "OPEN",
    }
    wanted = {name: read for name, read in simple.items() if name in filters}
    confirmation, receive = filters.get("itemConfirmationStatus"), filters.get("itemReceiveStatus")

    def keep(record: PurchaseOrder) -> bool:
        if any(read(record) != filters[name] for name, read in wanted.items()):
            return False
        if not paging.within(paging.clock.parse(record.last_updated), updated):
            return False
        if confirmation is None and receive is None:
            return True
        lines = order_status(record)["itemStatus"]
        return (
            confirmation is None
            or any(i["acknowledgementStatus"]["confirmationStatus"] == confirmation for i in lines)
        ) and (
            receive is None or any(i["receivingStatus"]["receiveStatus"] == receive for i in lines)
        )

    return keep


# getTransaction --------------------------------------------------------------------------


def get_transaction(state: State, request: Request) -> Reply:
    check_query(spec.TRANSACTIONS, TRANSACTION_PATH, "get", request)
    transaction_id = request.path_params["transactionId"]
    with state.lock:
        state.settle(clock.now())
        transaction = state.transactions.get(transaction_id)
        if transaction is None:
            raise not_found(f"Transaction {transaction_id}")
        return Reply(200, {"payload": {"transactionStatus": dict(transaction)}})


def _route(name, method, template, model, handler) -> Operation:
    pattern = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", template) + "$")
    return Operation(name, method, pattern, model, template, handler)


OPERATIONS = [
    _route("getPurchaseOrders", "GET", ORDERS_PATH, spec.ORDERS, get_purchase_orders),
    _route(
        "getPurchaseOrder",
        "GET",
        ORDERS_PATH + "/{purchaseOrderNumber}",
        spec.ORDERS,
        get_purchase_order,
    ),
    _route("submitAcknowledgement", "POST", ACK_PATH, spec.ORDERS, submit_acknowledgement),
    _route("getPurchaseOrdersStatus", "GET", STATUS_PATH, spec.ORDERS, get_purchase_orders_status),
    _route(
        SUBMIT_SHIPMENTS,
        "POST",
        SHIPMENT_CONFIRMATIONS_PATH,
        spec.SHIPMENTS,
        submit_shipment_confirmations,
    ),
    _route("getShipmentDetails", "GET", SHIPMENTS_PATH, spec.SHIPMENTS, get_shipment_details),
    _route("getTransaction", "GET", TRANSACTION_PATH, spec.TRANSACTIONS, get_transaction),
]


def find(method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
    """The operation answering `method path`, with its path parameters."""
    for operation in OPERATIONS:
        match = operation.pattern.match(path)
        if match and operation.method == method:
            return operation, match.groupdict()
    return None
