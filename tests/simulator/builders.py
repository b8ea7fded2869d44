"""Helpers for talking to a `running_simulator()` the way an SP-API client would."""

from datetime import UTC, datetime, timedelta

import httpx

ORDERS = "/vendor/orders/v1/purchaseOrders"
STATUS = "/vendor/orders/v1/purchaseOrdersStatus"
ACKS = "/vendor/orders/v1/acknowledgements"
TRANSACTIONS = "/vendor/transactions/v1/transactions"
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def window(days: float = 7, end: datetime = NOW) -> dict:
    return {"createdAfter": iso(end - timedelta(days=days)), "createdBefore": iso(end)}


def client(sim) -> httpx.Client:
    """An httpx client carrying a valid access token for `sim`."""
    return httpx.Client(base_url=sim.base_url, headers={"x-amz-access-token": sim.access_token()})


def generate(sim, count: int, **options) -> list[str]:
    """POs created within the week before NOW."""
    options.setdefault("created_from", iso(NOW - timedelta(days=6)))
    options.setdefault("created_to", iso(NOW - timedelta(hours=1)))
    return sim.generate(count=count, **options)


def all_pages(http: httpx.Client, path: str, params: dict, key: str = "orders") -> list[list[dict]]:
    pages, token = [], None
    while True:
        response = http.get(path, params={**params, **({"nextToken": token} if token else {})})
        assert response.status_code == 200, response.text
        payload = response.json()["payload"]
        pages.append(payload[key])
        token = payload.get("pagination", {}).get("nextToken")
        if not token:
            return pages


def ack_body(order: dict, accept: dict | None = None, **overrides) -> dict:
    """An acknowledgement of `order` accepting `accept[seq]` eaches/cases (default: everything)."""
    details = order["orderDetails"]
    items = []
    for line in details["items"]:
        quantity = line["orderedQuantity"]
        accepted = (
            quantity["amount"] if accept is None else accept.get(line["itemSequenceNumber"], 0)
        )
        item_acks = [
            {
                "acknowledgementCode": "Accepted",
                "acknowledgedQuantity": {**quantity, "amount": accepted},
            }
        ]
        if accepted < quantity["amount"]:
            rest = {**quantity, "amount": quantity["amount"] - accepted}
            item_acks.append(
                {
                    "acknowledgementCode": "Rejected",
                    "acknowledgedQuantity": rest,
                    "rejectionReason": "TemporarilyUnavailable",
                }
            )
        items.append(
            {
                "itemSequenceNumber": line["itemSequenceNumber"],
                "amazonProductIdentifier": line["amazonProductIdentifier"],
                "vendorProductIdentifier": line["vendorProductIdentifier"],
                "orderedQuantity": quantity,
                "netCost": line["netCost"],
                "itemAcknowledgements": item_acks,
            }
        )
    ack = {
        "purchaseOrderNumber": order["purchaseOrderNumber"],
        "sellingParty": {"partyId": details["sellingParty"]["partyId"]},
        "acknowledgementDate": iso(NOW),
        "items": items,
    }
    return {"acknowledgements": [{**ack, **overrides}]}


def submit(http: httpx.Client, body: dict) -> dict:
    """Submit an acknowledgement and return its transaction status."""
    response = http.post(ACKS, json=body)
    assert response.status_code == 202, response.text
    transaction_id = response.json()["payload"]["transactionId"]
    return http.get(f"{TRANSACTIONS}/{transaction_id}").json()["payload"]["transactionStatus"]


def order(sim, number: str) -> dict:
    return sim.state.get(number).order
