"""Builders for the Amazon client tests: a scripted fake of SP-API + LWA, and payloads."""

import json
from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from vendorflow.integrations.amazon import ratelimit, spec
from vendorflow.integrations.amazon.client import Credentials, VendorOrdersClient
from vendorflow.shipping.dto import NoticeCarton, NoticeCartonItem, NoticeItem, ShipmentNotice

PAYLOADS = Path(__file__).resolve().parents[1] / "payloads"
TOKEN_PATH = "/auth/o2/token"
CLIENT_SECRET = "amzn1.oa2-cs.v1.SECRET-9f8e7d6c5b4a"
REFRESH_TOKEN = "Atzr|IwEBIREFRESH-1a2b3c4d5e6f"
CREDENTIALS = Credentials(
    client_id="amzn1.application-oa2-client.test",
    client_secret=CLIENT_SECRET,
    refresh_token=REFRESH_TOKEN,
    region="EU",
)


def load_payload(name: str) -> dict[str, Any]:
    return json.loads((PAYLOADS / name).read_text())


def json_response(status: int, body: Any, request_id: str = "rid-1") -> httpx.Response:
    return httpx.Response(status, json=body, headers={"x-amzn-RequestId": request_id})


def amazon_error(
    status: int, code: str, message: str, details: str = "", request_id: str = "rid-err"
):
    body = {"errors": [{"code": code, "message": message, "details": details}]}
    return json_response(status, body, request_id)


def token_expired() -> httpx.Response:
    return amazon_error(
        403,
        "Unauthorized",
        "Access to requested resource is denied.",
        "The access token you provided has expired.",
    )


class FakeAmazon:
    """An httpx MockTransport handler: LWA tokens plus scripted SP-API answers per path.

    Queued answers are used in order (a response, an exception to raise, or a callable taking the
    request); when a path's queue is empty, `default` answers (an empty page / a 404).
    """

    def __init__(self, token_lifetime: int = 3600):
        self.requests: list[httpx.Request] = []
        self.queues: dict[str, list[Any]] = defaultdict(list)
        self.token_lifetime = token_lifetime
        self.token_answers: list[Any] = []
        self.tokens_issued = 0

    def queue(self, path: str, *answers: Any) -> "FakeAmazon":
        self.queues[path].extend(answers)
        return self

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path == TOKEN_PATH:
            return (
                self._answer(self.token_answers, request) if self.token_answers else self._token()
            )
        queue = self.queues.get(request.url.path)
        if queue:
            return self._answer(queue, request)
        return amazon_error(404, "NotFound", "No answer scripted for this path.")

    def _answer(self, queue: list[Any], request: httpx.Request) -> httpx.Response:
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            return answer(request)
        return answer

    def _token(self) -> httpx.Response:
        self.tokens_issued += 1
        body = {
            "access_token": f"Atza|ACCESS-{self.tokens_issued}",
            "refresh_token": REFRESH_TOKEN,
            "token_type": "bearer",
            "expires_in": self.token_lifetime,
        }
        return httpx.Response(200, json=body)

    @property
    def api_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path != TOKEN_PATH]

    @property
    def token_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path == TOKEN_PATH]


def make_client(
    fake: FakeAmazon,
    *,
    credentials: Credentials = CREDENTIALS,
    limiter: ratelimit.Limiter | None = None,
    sleeps: list[float] | None = None,
) -> VendorOrdersClient:
    record = sleeps.append if sleeps is not None else (lambda seconds: None)
    return VendorOrdersClient(
        credentials,
        http=httpx.Client(transport=httpx.MockTransport(fake)),
        limiter=limiter or ratelimit.DisabledLimiter(),
        sleep=record,
    )


# --- payloads -------------------------------------------------------------------------------


def item(
    seq: str = "1", amount: int = 10, unit: str = "Eaches", unit_size: int = 1, cost: str = "100.00"
):
    return {
        "itemSequenceNumber": seq,
        "amazonProductIdentifier": f"B0ASIN{seq:0>4}",
        "vendorProductIdentifier": f"89012345{seq:0>5}",
        "orderedQuantity": {"amount": amount, "unitOfMeasure": unit, "unitSize": unit_size},
        "isBackOrderAllowed": False,
        "netCost": {"currencyCode": "INR", "amount": cost},
    }


def po(
    number: str = "PO1", *, items: list | None = None, state: str = "New", ship_to: str = "BLR7"
):
    return {
        "purchaseOrderNumber": number,
        "purchaseOrderState": state,
        "orderDetails": {
            "purchaseOrderDate": "2026-11-20T09:15:00Z",
            "purchaseOrderStateChangedDate": "2026-11-20T09:15:00Z",
            "purchaseOrderType": "RegularOrder",
            "paymentMethod": "Invoice",
            "buyingParty": {"partyId": "AMZIN"},
            "sellingParty": {"partyId": "VEND1"},
            "shipToParty": {"partyId": ship_to},
            "billToParty": {"partyId": "AMZIN"},
            "shipWindow": "2026-11-22T00:00:00Z--2026-11-26T23:59:59Z",
            "items": items if items is not None else [item()],
        },
    }


def page(*orders: dict, next_token: str | None = None) -> httpx.Response:
    payload: dict[str, Any] = {"orders": list(orders)}
    if next_token:
        payload["pagination"] = {"nextToken": next_token}
    return json_response(200, {"payload": payload})


ACCEPTED_ITEM_STATUS = {
    "itemSequenceNumber": "1",
    "acknowledgementStatus": {
        "confirmationStatus": "ACCEPTED",
        "acceptedQuantity": {"amount": 10, "unitOfMeasure": "Eaches", "unitSize": 1},
    },
}


def po_status(
    number: str,
    state: str = "OPEN",
    *,
    placed: str = "2026-11-20T09:15:00Z",
    updated: str | None = None,
    items=(),
) -> dict[str, Any]:
    """One entry of getPurchaseOrdersStatus's `ordersStatus` for vendor VEND1, FC BLR7."""
    status: dict[str, Any] = {
        "purchaseOrderNumber": number,
        "purchaseOrderStatus": state,
        "purchaseOrderDate": placed,
        "sellingParty": {"partyId": "VEND1"},
        "shipToParty": {"partyId": "BLR7"},
        "itemStatus": list(items),
    }
    if updated is not None:
        status["lastUpdatedDate"] = updated
    return status


def status_page(*numbers: str, next_token: str | None = None) -> httpx.Response:
    statuses = [po_status(number, items=[ACCEPTED_ITEM_STATUS]) for number in numbers]
    payload: dict[str, Any] = {"ordersStatus": statuses}
    if next_token:
        payload["pagination"] = {"nextToken": next_token}
    return json_response(200, {"payload": payload})


# --- the official sandbox examples ----------------------------------------------------------


def sandbox_cases(spec_name: str) -> list[tuple[str, str, int, dict, dict]]:
    """(case id, operationId, status, request, response) of every static sandbox example."""
    cases = []
    for path, operations in spec.load(spec_name)["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            for status, response in operation["responses"].items():
                examples = response.get("x-amzn-api-sandbox", {}).get("static", [])
                examples = examples + response.get("x-amazon-spds-sandbox-behaviors", [])
                for index, example in enumerate(examples):
                    case_id = f"{operation['operationId']}-{status}-{index}"
                    request, answer = example["request"], example["response"]
                    cases.append((case_id, operation["operationId"], int(status), request, answer))
    return cases


# --- shipment notices -----------------------------------------------------------------------


def notice(**overrides: Any) -> ShipmentNotice:
    """A shipment of two POs to BLR7 in two SSCC-labelled cartons, the second holding a mix.

    PO 7QK4TXIN line 1: 2 cases of 12 (carton 1); line 2: 5 eaches (carton 2);
    PO 8RM5UYJO line 3: 3 eaches (carton 2).
    """
    fields: dict[str, Any] = {
        "shipment_identifier": "SHP-ACME-000123",
        "confirmation_type": "Original",
        "confirmed_at": datetime(2026, 11, 23, 9, 30, 15, 120000, tzinfo=UTC),
        "shipped_at": datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
        "vendor_code": "VEND1",
        "ship_from": "ACMEWH1",
        "ship_to": "BLR7",
        "shipment_type": "LessThanTruckLoad",
        "items": (
            NoticeItem("1", "7QK4TXIN", "00001", "B0CASE0001", "8901234500001", 2, "Cases", 12),
            NoticeItem("2", "7QK4TXIN", "00002", "B0EACH0002", "", 5, "Eaches", 1),
            NoticeItem("3", "8RM5UYJO", "00001", "", "8901234500003", 3, "Eaches", 1),
        ),
        "cartons": (
            NoticeCarton(
                sequence_number="1",
                identifier="089012340000000017",
                identifier_type="SSCC",
                items=(NoticeCartonItem("1", 2, "Cases", 12),),
                weight_kg=Decimal("12.50"),
                length_cm=Decimal("60"),
                width_cm=Decimal("40.5"),
                height_cm=Decimal("35"),
            ),
            NoticeCarton(
                sequence_number="2",
                identifier="089012340000000024",
                identifier_type="SSCC",
                items=(
                    NoticeCartonItem("2", 5, "Eaches", 1),
                    NoticeCartonItem("3", 3, "Eaches", 1),
                ),
                weight_kg=Decimal("4.2"),
                length_cm=Decimal("30"),
                width_cm=Decimal("20"),
            ),
        ),
        "amazon_reference_number": "ARN4410021",
        "carrier_scac": "BLDT",
        "tracking_number": "LR-99812",
        "estimated_delivery_at": datetime(2026, 11, 25, 14, 0, tzinfo=UTC),
        "gross_weight_kg": Decimal("16.70"),
    }
    return ShipmentNotice(**(fields | overrides))


def bare_notice(**overrides: Any) -> ShipmentNotice:
    """One line in one CID carton, with none of the optional parts."""
    fields: dict[str, Any] = {
        "shipment_identifier": "SHP-2",
        "confirmation_type": "Original",
        "confirmed_at": datetime(2026, 11, 23, 9, 30, tzinfo=UTC),
        "shipped_at": None,
        "vendor_code": "VEND1",
        "ship_from": "ACMEWH1",
        "ship_to": "BLR7",
        "shipment_type": "SmallParcel",
        "items": (NoticeItem("1", "7QK4TXIN", "00001", "B0EACH0001", "", 4, "Eaches", 1),),
        "cartons": (NoticeCarton("1", "CID-77", "CID", (NoticeCartonItem("1", 4, "Eaches", 1),)),),
    }
    return ShipmentNotice(**(fields | overrides))
