"""A second Original for a shipment Amazon holds fails as a duplicate and changes nothing."""

from tests.simulator.builders import client, confirm, generate, order, shipment_body, transaction
from vendorflow.simulator.testing import running_simulator


def simulator():
    return running_simulator(seed=8, throttling=False, shipment_processing_seconds=0)


def test_a_second_original_fails_naming_the_duplicate_and_keeps_the_first():
    with simulator() as sim, client(sim) as http:
        first, other = generate(sim, 2, lines_per_order=1)
        original = confirm(http, shipment_body(order(sim, first), identifier="SHP-9"))
        again = confirm(http, shipment_body(order(sim, other), identifier="SHP-9"))
        status = transaction(http, again)

    assert status == {
        "transactionId": again,
        "status": "Failure",
        "errors": [
            {
                "code": "DUPLICATE_SHIPMENT",
                "message": (
                    f"Shipment SHP-9 has already been confirmed (transaction {original}); "
                    "send a Replace to change it."
                ),
                "details": "shipmentConfirmations[0].shipmentIdentifier",
            }
        ],
    }
    held = sim.state.shipments["SHP-9"]
    assert held["transactionId"] == original
    assert held["purchaseOrderNumbers"] == [first]
    assert sim.state.shipments_of(other) == []
    assert [c["outcome"] for c in sim.state.shipment_confirmations] == ["Success", "Failure"]


def test_the_same_shipment_twice_in_one_request_fails_the_whole_request():
    with simulator() as sim, client(sim) as http:
        first, second, third = generate(sim, 3, lines_per_order=1)
        (twice_a,) = shipment_body(order(sim, first), identifier="SHP-2")["shipmentConfirmations"]
        (twice_b,) = shipment_body(order(sim, second), identifier="SHP-2")["shipmentConfirmations"]
        (fine,) = shipment_body(order(sim, third), identifier="SHP-3")["shipmentConfirmations"]
        status = transaction(
            http, confirm(http, {"shipmentConfirmations": [twice_a, fine, twice_b]})
        )

    assert status["status"] == "Failure"
    assert status["errors"] == [
        {
            "code": "DUPLICATE_SHIPMENT",
            "message": "Shipment SHP-2 is confirmed twice in one request.",
            "details": "shipmentConfirmations",
        }
    ]
    assert sim.state.shipments == {}


def test_a_carton_naming_an_item_the_shipment_does_not_list_fails():
    with simulator() as sim, client(sim) as http:
        (number,) = generate(sim, 1, lines_per_order=1)
        body = shipment_body(order(sim, number))
        body["shipmentConfirmations"][0]["cartons"][0]["items"][0]["itemReference"] = "9"
        status = transaction(http, confirm(http, body))

    assert status["status"] == "Failure"
    assert status["errors"] == [
        {
            "code": "INVALID_ITEM_REFERENCE",
            "message": "Item reference 9 names no shipped item.",
            "details": "shipmentConfirmations[0].cartons[0].items[0].itemReference",
        }
    ]
    assert sim.state.shipments == {}
