"""Faults on demand: the next N shipment confirmations fail with the errors asked for."""

import httpx

from tests.simulator.builders import (
    SHIPMENTS,
    client,
    confirm,
    generate,
    order,
    shipment_body,
    transaction,
)
from vendorflow.simulator.testing import running_simulator

REFUSAL = {"code": "INVALID_CARTON", "message": "Carton 1 has no label.", "details": "cartons[0]"}


def test_the_next_confirmations_fail_with_the_given_errors_then_they_succeed_again():
    with (
        running_simulator(seed=2, throttling=False, shipment_processing_seconds=0) as sim,
        client(sim) as http,
    ):
        numbers = generate(sim, 3, lines_per_order=1)
        configured = httpx.post(
            f"{sim.control_url}/faults",
            json={"shipment_failure": {"count": 2}, "shipment_errors": [REFUSAL]},
        )
        outcomes = [
            transaction(
                http, confirm(http, shipment_body(order(sim, number), identifier=f"SHP-{number}"))
            )
            for number in numbers
        ]
        snapshot = httpx.get(f"{sim.control_url}/faults").json()

    assert configured.status_code == 200
    assert [o["status"] for o in outcomes] == ["Failure", "Failure", "Success"]
    assert outcomes[0]["errors"] == [REFUSAL]
    assert outcomes[1]["errors"] == [REFUSAL]
    assert "errors" not in outcomes[2]
    assert list(sim.state.shipments) == [f"SHP-{numbers[2]}"]
    assert snapshot["injected"] == {"shipment_failure": 2}
    assert snapshot["shipment_failure"] == {"rate": 0.0, "count": 0}


def test_a_shipment_failure_without_errors_given_reports_a_generic_refusal():
    with (
        running_simulator(
            seed=2,
            throttling=False,
            shipment_processing_seconds=0,
            faults={"shipment_failure": {"count": 1}},
        ) as sim,
        client(sim) as http,
    ):
        (number,) = generate(sim, 1, lines_per_order=1)
        status = transaction(http, confirm(http, shipment_body(order(sim, number))))

    assert status["errors"] == [
        {
            "code": "INVALID_SHIPMENT_CONFIRMATION",
            "message": "The shipment confirmation could not be processed.",
            "details": "",
        }
    ]
    assert sim.state.shipments == {}


def test_a_refused_request_does_not_use_up_a_shipment_failure():
    with (
        running_simulator(
            throttling=False,
            shipment_processing_seconds=0,
            faults={"shipment_failure": {"count": 1}},
        ) as sim,
        client(sim) as http,
    ):
        invalid = http.post(SHIPMENTS, json={"shipmentConfirmations": [{}]})

    assert invalid.status_code == 400
    assert sim.faults.snapshot()["shipment_failure"] == {"rate": 0.0, "count": 1}
    assert sim.faults.injected == {}


def test_shipment_failures_leave_other_operations_alone():
    with (
        running_simulator(throttling=False, faults={"shipment_failure": {"count": 5}}) as sim,
        client(sim) as http,
    ):
        generate(sim, 1)
        listed = http.get("/vendor/orders/v1/purchaseOrders")

    assert listed.status_code == 200
    assert sim.faults.injected == {}


def test_bad_shipment_errors_are_refused_and_change_nothing():
    with running_simulator(throttling=False) as sim:
        empty = httpx.post(
            f"{sim.control_url}/faults",
            json={"shipment_failure": {"count": 1}, "shipment_errors": []},
        )
        no_message = httpx.post(
            f"{sim.control_url}/faults", json={"shipment_errors": [{"code": "X"}]}
        )
        stray = httpx.post(
            f"{sim.control_url}/faults",
            json={"shipment_errors": [{"code": "X", "message": "m", "why": "?"}]},
        )
        reset = httpx.post(f"{sim.control_url}/faults/reset", json={}).json()

    assert empty.status_code == 400
    assert empty.json()["error"] == (
        "shipment_errors must be a non-empty list of {code, message, details}"
    )
    assert no_message.json()["error"] == "shipment_errors[0] needs a code and a message"
    assert stray.json()["error"] == "shipment_errors[0] must have only code, message, details"
    assert sim.faults.snapshot()["shipment_failure"] == {"rate": 0.0, "count": 0}
    assert reset["shipment_errors"][0]["code"] == "INVALID_SHIPMENT_CONFIRMATION"
