import json

import httpx

from tests.simulator.builders import ack_body, client, submit
from vendorflow.simulator.api import Request
from vendorflow.simulator.testing import running_simulator


def explicit_order(number="EXPL0001"):
    return {
        "purchaseOrderNumber": number,
        "purchaseOrderState": "New",
        "orderDetails": {
            "purchaseOrderDate": "2026-11-20T08:00:00Z",
            "purchaseOrderStateChangedDate": "2026-11-20T08:00:00Z",
            "sellingParty": {"partyId": "ACMEB"},
            "shipToParty": {"partyId": "BLR7"},
            "items": [
                {
                    "itemSequenceNumber": "1",
                    "amazonProductIdentifier": "B0TEST0001",
                    "orderedQuantity": {"amount": 4, "unitOfMeasure": "Eaches", "unitSize": 1},
                    "isBackOrderAllowed": False,
                    "netCost": {"currencyCode": "INR", "amount": "99.50"},
                }
            ],
        },
    }


def test_create_explicit_and_generated_orders():
    with running_simulator(seed=1) as sim:
        explicit = httpx.post(f"{sim.control_url}/orders", json={"orders": [explicit_order()]})
        generated = httpx.post(
            f"{sim.control_url}/orders",
            json={"generate": {"count": 3, "fcs": ["MAA4"], "lines_per_order": [2, 2]}},
        )
        listed = httpx.get(f"{sim.control_url}/orders").json()["orders"]
        shown = httpx.get(f"{sim.control_url}/orders/EXPL0001").json()

    assert explicit.status_code == 201 and explicit.json() == {"created": ["EXPL0001"]}
    assert generated.status_code == 201 and len(generated.json()["created"]) == 3
    assert len(listed) == 4
    assert shown["order"] == explicit_order()
    assert {
        sim.state.get(n).details["shipToParty"]["partyId"] for n in generated.json()["created"]
    } == {"MAA4"}


def test_invalid_or_duplicate_explicit_orders_are_refused_whole():
    bad = explicit_order("BAD00001")
    bad["orderDetails"]["items"][0]["orderedQuantity"]["unitOfMeasure"] = "Boxes"
    with running_simulator() as sim:
        httpx.post(f"{sim.control_url}/orders", json={"orders": [explicit_order()]})
        invalid = httpx.post(
            f"{sim.control_url}/orders", json={"orders": [explicit_order("GOOD0001"), bad]}
        )
        duplicate = httpx.post(
            f"{sim.control_url}/orders",
            json={"orders": [explicit_order("NEW00001"), explicit_order()]},
        )
        bad_generate = httpx.post(f"{sim.control_url}/orders", json={"generate": {"count": 0}})

    assert invalid.status_code == 400
    assert invalid.json()["error"].startswith(
        "orders[1].orderDetails.items.0.orderedQuantity.unitOfMeasure: 'Boxes'"
    )
    assert duplicate.status_code == 400
    assert duplicate.json()["error"] == "purchaseOrderNumber already exists: EXPL0001"
    assert bad_generate.json() == {"error": "count must be a positive integer"}
    assert sorted(sim.state.orders) == ["EXPL0001"]


def test_acknowledgements_and_transactions_are_listed_and_reset_forgets_them():
    with running_simulator(seed=1, throttling=False) as sim, client(sim) as http:
        (number,) = sim.generate(count=1)
        transaction = submit(http, ack_body(sim.state.get(number).order))
        acks = httpx.get(f"{sim.control_url}/acknowledgements").json()["acknowledgements"]
        transactions = httpx.get(f"{sim.control_url}/transactions").json()["transactions"]
        summary = httpx.get(f"{sim.control_url}/").json()
        httpx.post(f"{sim.control_url}/reset")
        after = httpx.get(f"{sim.control_url}/").json()

    assert [a["acknowledgements"][0]["purchaseOrderNumber"] for a in acks] == [number]
    assert acks[0]["transactionId"] == transaction["transactionId"]
    assert transactions == [transaction]
    assert (summary["orders"], summary["acknowledgements"], summary["transactions"]) == (1, 1, 1)
    assert (after["orders"], after["acknowledgements"], after["transactions"]) == (0, 0, 0)


def test_seed_from_a_document_or_a_file_path(tmp_path):
    document = {
        "fcs": [
            {
                "code": "PNQ2",
                "name": "Amazon PNQ2",
                "addressLine1": "Chakan MIDC",
                "city": "Pune",
                "stateOrRegion": "MAHARASHTRA",
                "postalCode": "410501",
                "countryCode": "IN",
                "gstin": "27AAHCA1234K1Z4",
            }
        ],
        "orders": [explicit_order()],
    }
    path = tmp_path / "seed.json"
    path.write_text(json.dumps({"orders": [explicit_order("FROMFILE")]}))
    with running_simulator() as sim:
        seeded = httpx.post(f"{sim.control_url}/seed", json=document)
        from_file = httpx.post(f"{sim.control_url}/seed", json={"path": str(path)})
        generated = sim.generate(count=2)

    assert seeded.json() == {"created": ["EXPL0001"]}
    assert from_file.json() == {"created": ["FROMFILE"]}
    assert {sim.state.get(n).details["shipToParty"]["partyId"] for n in generated} == {"PNQ2"}


def test_control_api_answers_loopback_clients_only():
    with running_simulator() as sim:
        outside = sim.app.dispatch(Request("GET", "/_sim/", {}, {}, remote="10.1.2.3"))
        inside = sim.app.dispatch(Request("GET", "/_sim/", {}, {}, remote="127.0.0.1"))

    assert outside[0] == 403
    assert inside[0] == 200


def test_unknown_route_and_bad_json_are_clear_errors():
    with running_simulator() as sim:
        route = httpx.get(f"{sim.control_url}/nothing")
        body = httpx.post(f"{sim.control_url}/faults", content=b"{oops")

    assert route.status_code == 404 and route.json() == {
        "error": "no control route GET /_sim/nothing"
    }
    assert body.status_code == 400 and body.json()["error"].startswith("body is not valid JSON")
