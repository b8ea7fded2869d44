"""A Replace of a shipment Amazon holds replaces it; a Replace of an unknown one fails."""

from tests.simulator.builders import client, confirm, generate, order, shipment_body, transaction
from vendorflow.simulator.testing import running_simulator


def simulator():
    return running_simulator(seed=8, throttling=False, shipment_processing_seconds=0)


def test_a_replace_succeeds_and_replaces_what_is_held():
    with simulator() as sim, client(sim) as http:
        first, added = generate(sim, 2, lines_per_order=1)
        confirm(http, shipment_body(order(sim, first), identifier="SHP-5"))
        body = shipment_body(
            order(sim, first), order(sim, added), identifier="SHP-5", kind="Replace"
        )
        replaced = confirm(http, body)
        status = transaction(http, replaced)

    assert status == {"transactionId": replaced, "status": "Success"}
    held = sim.state.shipments["SHP-5"]
    assert held["shipmentConfirmationType"] == "Replace"
    assert held["transactionId"] == replaced
    assert held["confirmation"] == body["shipmentConfirmations"][0]
    assert held["purchaseOrderNumbers"] == sorted([first, added])
    assert list(sim.state.shipments) == ["SHP-5"]
    assert sim.state.shipments_of(added) == ["SHP-5"]
    assert [c["shipmentConfirmationType"] for c in sim.state.shipment_confirmations] == [
        "Original",
        "Replace",
    ]


def test_a_replace_of_a_shipment_never_confirmed_fails():
    with simulator() as sim, client(sim) as http:
        (number,) = generate(sim, 1, lines_per_order=1)
        body = shipment_body(order(sim, number), identifier="SHP-NEW", kind="Replace")
        status = transaction(http, confirm(http, body))

    assert status["status"] == "Failure"
    assert status["errors"] == [
        {
            "code": "SHIPMENT_NOT_FOUND",
            "message": "Shipment SHP-NEW has no confirmation to replace.",
            "details": "shipmentConfirmations[0].shipmentIdentifier",
        }
    ]
    assert sim.state.shipments == {}


def test_a_replace_from_another_selling_party_fails_and_keeps_the_original():
    with simulator() as sim, client(sim) as http:
        (number,) = generate(sim, 1, lines_per_order=1)
        original = confirm(http, shipment_body(order(sim, number), identifier="SHP-6"))
        body = shipment_body(order(sim, number), identifier="SHP-6", kind="Replace")
        body["shipmentConfirmations"][0]["sellingParty"] = {"partyId": "OTHER"}
        status = transaction(http, confirm(http, body))

    vendor = order(sim, number)["orderDetails"]["sellingParty"]["partyId"]
    assert status["status"] == "Failure"
    assert status["errors"] == [
        {
            "code": "INVALID_SELLING_PARTY",
            "message": (
                f"Selling party OTHER does not match {vendor} of the confirmation it replaces."
            ),
            "details": "shipmentConfirmations[0].sellingParty",
        }
    ]
    assert sim.state.shipments["SHP-6"]["transactionId"] == original
    assert sim.state.shipments["SHP-6"]["shipmentConfirmationType"] == "Original"
