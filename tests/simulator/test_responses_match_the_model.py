"""Every answer the simulator gives validates against the official response definitions."""

import pytest

from tests.simulator.builders import (
    ACKS,
    ORDERS,
    SHIPMENTS,
    STATUS,
    TRANSACTIONS,
    ack_body,
    client,
    generate,
    order,
    shipment_body,
    window,
)
from vendorflow.integrations.amazon import spec
from vendorflow.simulator.testing import running_simulator


@pytest.fixture(scope="module")
def answers():
    with running_simulator(seed=11, throttling=False) as sim, client(sim) as http:
        numbers = generate(sim, 5)
        sim.change(numbers[1], cancel=["1"])
        sim.close(numbers[2])
        ack = http.post(ACKS, json=ack_body(order(sim, numbers[0])))
        bad_ack = http.post(
            ACKS, json=ack_body(order(sim, numbers[3]), purchaseOrderNumber="ZZZZZZZZ")
        )
        shipment = http.post(SHIPMENTS, json=shipment_body(order(sim, numbers[0])))
        bad_shipment = http.post(SHIPMENTS, json={"shipmentConfirmations": [{}]})
        ids = [r.json()["payload"]["transactionId"] for r in (ack, bad_ack, shipment)]
        yield {
            "list": http.get(ORDERS, params={**window(), "limit": 2}),
            "list_brief": http.get(ORDERS, params={"includeDetails": "false"}),
            "one": http.get(f"{ORDERS}/{numbers[0]}"),
            "ack": ack,
            "status": http.get(STATUS, params={**window(), "limit": 3}),
            "status_all": http.get(STATUS),
            "transaction": http.get(f"{TRANSACTIONS}/{ids[0]}"),
            "failed_transaction": http.get(f"{TRANSACTIONS}/{ids[1]}"),
            "shipment": shipment,
            "bad_shipment": bad_shipment,
            "shipment_transaction": http.get(f"{TRANSACTIONS}/{ids[2]}"),
            "missing_order": http.get(f"{ORDERS}/NOSUCHPO"),
            "bad_query": http.get(ORDERS, params={"limit": "500"}),
            "missing_transaction": http.get(f"{TRANSACTIONS}/nope"),
        }


CASES = [
    ("list", 200, spec.ORDERS, "GetPurchaseOrdersResponse"),
    ("list_brief", 200, spec.ORDERS, "GetPurchaseOrdersResponse"),
    ("one", 200, spec.ORDERS, "GetPurchaseOrderResponse"),
    ("ack", 202, spec.ORDERS, "SubmitAcknowledgementResponse"),
    ("status", 200, spec.ORDERS, "GetPurchaseOrdersStatusResponse"),
    ("status_all", 200, spec.ORDERS, "GetPurchaseOrdersStatusResponse"),
    ("transaction", 200, spec.TRANSACTIONS, "GetTransactionResponse"),
    ("failed_transaction", 200, spec.TRANSACTIONS, "GetTransactionResponse"),
    ("shipment", 202, spec.SHIPMENTS, "SubmitShipmentConfirmationsResponse"),
    ("bad_shipment", 400, spec.SHIPMENTS, "SubmitShipmentConfirmationsResponse"),
    ("shipment_transaction", 200, spec.TRANSACTIONS, "GetTransactionResponse"),
    ("missing_order", 404, spec.ORDERS, "GetPurchaseOrderResponse"),
    ("bad_query", 400, spec.ORDERS, "GetPurchaseOrdersResponse"),
    ("missing_transaction", 404, spec.TRANSACTIONS, "GetTransactionResponse"),
]


@pytest.mark.parametrize(("name", "status", "model", "definition"), CASES)
def test_response_validates_against_its_official_definition(
    answers, name, status, model, definition
):
    response = answers[name]

    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-amzn-RequestId"]
    assert spec.problems(model, definition, response.json()) == []


def test_the_fixture_exercised_full_and_brief_orders_and_failures(answers):
    listed = answers["list"].json()["payload"]
    brief = answers["list_brief"].json()["payload"]["orders"]
    failed = answers["failed_transaction"].json()["payload"]["transactionStatus"]

    assert len(listed["orders"]) == 2 and "nextToken" in listed["pagination"]
    assert all("orderDetails" in o for o in listed["orders"])
    assert len(brief) == 5 and all(
        set(o) == {"purchaseOrderNumber", "purchaseOrderState"} for o in brief
    )
    assert failed["status"] == "Failure" and failed["errors"][0]["code"] == "INVALID_ORDER_ID"
    assert {
        o["purchaseOrderStatus"] for o in answers["status_all"].json()["payload"]["ordersStatus"]
    } == {
        "OPEN",
        "CLOSED",
    }
