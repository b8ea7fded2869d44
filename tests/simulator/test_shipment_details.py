"""getShipmentDetails lists the shipments the simulator holds, filtered by our identifier."""

from tests.simulator.builders import SHIPMENTS, client, generate, order, shipment_body
from vendorflow.integrations.amazon import spec
from vendorflow.simulator.testing import running_simulator

DETAILS = "/vendor/shipping/v1/shipments"


def test_a_held_shipment_is_found_by_its_identifier_and_an_unknown_one_is_not():
    with running_simulator(seed=3, throttling=False) as sim, client(sim) as http:
        [number] = generate(sim, 1)
        body = shipment_body(order(sim, number))
        identifier = body["shipmentConfirmations"][0]["shipmentIdentifier"]
        assert http.post(SHIPMENTS, json=body).status_code == 202
        found = http.get(DETAILS, params={"vendorShipmentIdentifier": identifier})
        missing = http.get(DETAILS, params={"vendorShipmentIdentifier": "NOPE"})
    for answer in (found, missing):
        assert answer.status_code == 200
        assert spec.problems(spec.SHIPMENTS, "GetShipmentDetailsResponse", answer.json()) == []
    [shipment] = found.json()["payload"]["shipments"]
    assert shipment["vendorShipmentIdentifier"] == identifier
    assert shipment["purchaseOrders"] == [{"purchaseOrderNumber": number}]
    assert missing.json()["payload"]["shipments"] == []
