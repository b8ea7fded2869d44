"""Static sandbox replay of the official models' examples."""

from tests.simulator.builders import ACKS, ORDERS, SHIPMENTS, STATUS, TRANSACTIONS, client
from vendorflow.integrations.amazon import spec
from vendorflow.simulator.testing import running_simulator

EXAMPLE_QUERY = {
    "createdBefore": "2019-09-21T00:00:00",
    "createdAfter": "2019-08-20T14:00:00",
    "includeDetails": "true",
    "limit": "2",
    "sortOrder": "DESC",
}


def example(path, method, status=200, index=0, model=spec.ORDERS):
    response = spec.operation(model, path, method)["responses"][str(status)]
    behaviours = (
        response.get("x-amzn-api-sandbox", {}).get("static")
        or response["x-amazon-spds-sandbox-behaviors"]
    )
    return behaviours[index]["response"]


def test_sandbox_mode_answers_the_matching_static_example():
    with running_simulator(sandbox=True, throttling=False) as sim, client(sim) as http:
        orders = http.get(ORDERS, params=EXAMPLE_QUERY)
        one = http.get(f"{ORDERS}/4Z32PABC")
        other = http.get(f"{ORDERS}/ANYTHING")
        bad = http.get(
            ORDERS,
            params={"createdBefore": "2019-09-2100:00:00", "createdAfter": "2019-08-20T14:00:00"},
        )

    assert orders.status_code == 200
    assert orders.json() == example("/vendor/orders/v1/purchaseOrders", "get")
    assert one.json() == example("/vendor/orders/v1/purchaseOrders/{purchaseOrderNumber}", "get")
    assert other.json()["payload"]["purchaseOrderNumber"] == "mock-purchaseOrderNumber"
    assert bad.status_code == 400
    assert bad.json() == {
        "errors": [{"code": "InvalidRequest", "message": "The request is invalid.", "details": ""}]
    }


def test_request_matching_no_specific_example_gets_the_catch_all_example():
    with running_simulator(sandbox=True) as sim, client(sim) as http:
        response = http.get(ORDERS, params={"limit": "7"})

    assert response.status_code == 200
    assert response.json() == example("/vendor/orders/v1/purchaseOrders", "get", index=-1)


def test_sandbox_header_switches_one_request_to_replay():
    with running_simulator() as sim, client(sim) as http:
        replayed = http.get(
            f"{TRANSACTIONS}/20190918190535-eef8cad8-418e-456f-ac72-789e2ee6813c",
            headers={"x-amzn-api-sandbox": "static"},
        )
        live = http.get(f"{TRANSACTIONS}/20190918190535-eef8cad8-418e-456f-ac72-789e2ee6813c")

    assert replayed.json()["payload"]["transactionStatus"]["status"] == "Failure"
    assert live.status_code == 404


def test_acknowledgement_and_status_examples():
    body = {"acknowledgements": [{"purchaseOrderNumber": "TestOrder400", "sellingParty": {}}]}
    with running_simulator(sandbox=True) as sim, client(sim) as http:
        rejected = http.post(ACKS, json=body)
        anything = http.post(ACKS, json={"acknowledgements": []})
        status = http.get(
            STATUS,
            params={
                "createdBefore": "2020-08-18T00:00:00",
                "createdAfter": "2020-08-17T14:00:00",
                "limit": "1",
            },
        )

    assert rejected.status_code == 400
    assert rejected.json()["errors"][0]["code"] == "InvalidInput"
    assert anything.status_code == 202
    assert anything.json()["payload"]["transactionId"].startswith("mock-TransactionId")
    assert status.json() == example("/vendor/orders/v1/purchaseOrdersStatus", "get")
    assert sim.state.acknowledgements == []


def test_sandbox_still_needs_an_access_token():
    with running_simulator(sandbox=True) as sim:
        import httpx

        response = httpx.get(f"{sim.base_url}{ORDERS}/4Z32PABC")

    assert response.status_code == 403


def test_shipment_confirmation_examples():
    path = "/vendor/shipping/v1/shipmentConfirmations"
    operation = spec.operation(spec.SHIPMENTS, path, "post")
    official = operation["responses"]["202"]["x-amzn-api-sandbox"]["static"][0]
    with running_simulator(sandbox=True) as sim, client(sim) as http:
        matched = http.post(SHIPMENTS, json=official["request"]["parameters"]["body"]["value"])
        anything = http.post(SHIPMENTS, json={"shipmentConfirmations": []})

    assert matched.status_code == 202
    assert matched.json() == official["response"]
    assert anything.json()["payload"]["transactionId"].startswith("mock-TransactionId")
    assert sim.state.shipment_confirmations == []
    assert sim.state.transactions == {}
