"""A valid shipment confirmation is taken (202), processed for a while, then held as sent."""

from datetime import UTC, datetime

import httpx
import time_machine

from tests.simulator.builders import (
    SHIPMENTS,
    client,
    confirm,
    generate,
    order,
    shipment_body,
    transaction,
)
from vendorflow.integrations.amazon import spec
from vendorflow.simulator.testing import running_simulator


def test_a_confirmation_is_processing_for_its_time_then_succeeds():
    start = datetime.now(UTC).replace(microsecond=0)
    with (
        time_machine.travel(start, tick=False) as traveller,
        running_simulator(seed=6, throttling=False) as sim,
        client(sim) as http,
    ):
        (number,) = generate(sim, 1, lines_per_order=2)
        answer = http.post(SHIPMENTS, json=shipment_body(order(sim, number)))
        transaction_id = answer.json()["payload"]["transactionId"]
        at_once = transaction(http, transaction_id)
        traveller.shift(29)
        still = transaction(http, transaction_id)
        traveller.shift(1)
        done = http.get(f"/vendor/transactions/v1/transactions/{transaction_id}")

    assert answer.status_code == 202
    assert spec.problems(spec.SHIPMENTS, "SubmitShipmentConfirmationsResponse", answer.json()) == []
    assert at_once == {"transactionId": transaction_id, "status": "Processing"}
    assert still == {"transactionId": transaction_id, "status": "Processing"}
    assert done.json() == {
        "payload": {"transactionStatus": {"transactionId": transaction_id, "status": "Success"}}
    }
    assert spec.problems(spec.TRANSACTIONS, "GetTransactionResponse", done.json()) == []
    assert sim.state.pending == {}


def test_the_shipment_is_held_with_its_po_numbers_and_listed_on_the_control_api():
    with (
        running_simulator(seed=6, throttling=False, shipment_processing_seconds=0) as sim,
        client(sim) as http,
    ):
        first, second, unshipped = generate(sim, 3, lines_per_order=2)
        body = shipment_body(order(sim, first), order(sim, second), identifier="SHP-77")
        transaction_id = confirm(http, body)
        status = transaction(http, transaction_id)
        received = httpx.get(f"{sim.control_url}/shipment-confirmations").json()
        held = httpx.get(f"{sim.control_url}/shipments").json()
        shown = httpx.get(f"{sim.control_url}/orders/{first}").json()
        summary = httpx.get(f"{sim.control_url}/").json()

    (confirmation,) = body["shipmentConfirmations"]
    assert status == {"transactionId": transaction_id, "status": "Success"}
    assert received == {
        "shipmentConfirmations": [
            {
                "transactionId": transaction_id,
                "receivedAt": received["shipmentConfirmations"][0]["receivedAt"],
                "shipmentIdentifier": "SHP-77",
                "shipmentConfirmationType": "Original",
                "outcome": "Success",
                "errors": [],
                "confirmation": confirmation,
            }
        ]
    }
    assert held == {
        "shipments": [
            {
                "shipmentIdentifier": "SHP-77",
                "shipmentConfirmationType": "Original",
                "transactionId": transaction_id,
                "receivedAt": received["shipmentConfirmations"][0]["receivedAt"],
                "purchaseOrderNumbers": sorted([first, second]),
                "confirmation": confirmation,
            }
        ]
    }
    assert sim.state.shipments_of(first) == ["SHP-77"]
    assert sim.state.shipments_of(second) == ["SHP-77"]
    assert sim.state.shipments_of(unshipped) == []
    assert shown["shipments"] == ["SHP-77"]
    assert (summary["shipmentConfirmations"], summary["shipments"]) == (1, 1)
    assert sim.state.acknowledgements == []


def test_several_confirmations_in_one_request_share_one_transaction():
    with (
        running_simulator(seed=6, throttling=False, shipment_processing_seconds=0) as sim,
        client(sim) as http,
    ):
        first, second = generate(sim, 2, lines_per_order=1)
        body = {
            "shipmentConfirmations": [
                *shipment_body(order(sim, first), identifier="SHP-A")["shipmentConfirmations"],
                *shipment_body(order(sim, second), identifier="SHP-B")["shipmentConfirmations"],
            ]
        }
        transaction_id = confirm(http, body)
        status = transaction(http, transaction_id)

    assert status["status"] == "Success"
    assert sorted(sim.state.shipments) == ["SHP-A", "SHP-B"]
    assert {s["transactionId"] for s in sim.state.shipments.values()} == {transaction_id}
    assert len(sim.state.transactions) == 1


def test_the_processing_time_is_set_through_the_control_api_for_later_confirmations():
    with running_simulator(seed=6, throttling=False) as sim, client(sim) as http:
        first, second = generate(sim, 2, lines_per_order=1)
        before = confirm(http, shipment_body(order(sim, first), identifier="SHP-A"))
        changed = httpx.post(
            f"{sim.control_url}/shipment-confirmations/processing", json={"seconds": 0}
        )
        after = confirm(http, shipment_body(order(sim, second), identifier="SHP-B"))
        refused = httpx.post(
            f"{sim.control_url}/shipment-confirmations/processing", json={"seconds": -1}
        )
        statuses = [transaction(http, t)["status"] for t in (before, after)]

    assert changed.json() == {"seconds": 0}
    assert refused.status_code == 400
    assert refused.json() == {"error": 'send {"seconds": n} with n >= 0'}
    assert statuses == ["Processing", "Success"]
