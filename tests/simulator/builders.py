"""Helpers for talking to a `running_simulator()` the way an SP-API client would."""

from datetime import UTC, datetime, timedelta

import httpx

from vendorflow.integrations.amazon import shipments
from vendorflow.shipping.dto import NoticeCarton, NoticeCartonItem, NoticeItem, ShipmentNotice

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


SHIPMENTS = "/vendor/shipping/v1/shipmentConfirmations"


def shipment_body(*orders: dict, identifier: str = "SHP-1", kind: str = "Original") -> dict:
    """A confirmation shipping every line of `orders` in full, one carton per PO."""
    items, cartons = [], []
    for order in orders:
        carton_items = []
        for line in order["orderDetails"]["items"]:
            reference = str(len(items) + 1)
            quantity = line["orderedQuantity"]
            size = quantity.get("unitSize", 1)
            items.append(
                NoticeItem(
                    reference=reference,
                    po_number=order["purchaseOrderNumber"],
                    item_sequence_number=line["itemSequenceNumber"],
                    asin=line["amazonProductIdentifier"],
                    vendor_product_id=line["vendorProductIdentifier"],
                    shipped_quantity=quantity["amount"],
                    unit_of_measure=quantity["unitOfMeasure"],
                    unit_size=size,
                )
            )
            carton_items.append(
                NoticeCartonItem(reference, quantity["amount"], quantity["unitOfMeasure"], size)
            )
        number = len(cartons) + 1
        cartons.append(
            NoticeCarton(str(number), f"0890123400000000{number:02d}", "SSCC", tuple(carton_items))
        )
    first = orders[0]["orderDetails"]
    notice = ShipmentNotice(
        shipment_identifier=identifier,
        confirmation_type=kind,
        confirmed_at=NOW,
        shipped_at=NOW,
        vendor_code=first["sellingParty"]["partyId"],
        ship_from="ACMEWH1",
        ship_to=first["shipToParty"]["partyId"],
        shipment_type="LessThanTruckLoad",
        items=tuple(items),
        cartons=tuple(cartons),
    )
    return shipments.submit_request([shipments.notice_to_confirmation(notice)])


def confirm(http: httpx.Client, body: dict) -> str:
    """Submit shipment confirmations; the transaction id of the 202."""
    response = http.post(SHIPMENTS, json=body)
    assert response.status_code == 202, response.text
    return response.json()["payload"]["transactionId"]


def transaction(http: httpx.Client, transaction_id: str) -> dict:
    response = http.get(f"{TRANSACTIONS}/{transaction_id}")
    assert response.status_code == 200, response.text
    return response.json()["payload"]["transactionStatus"]
