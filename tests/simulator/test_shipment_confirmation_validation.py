"""A shipment confirmation request that breaks the official model is refused with 400 (or 415)."""

import pytest

from tests.simulator.builders import SHIPMENTS, client, generate, order, shipment_body
from vendorflow.integrations.amazon import spec
from vendorflow.simulator.testing import running_simulator


def broken(change):
    def build(sim):
        (number,) = generate(sim, 1, lines_per_order=2)
        body = shipment_body(order(sim, number))
        change(body["shipmentConfirmations"][0])
        return body

    return build


def _drop_ship_to(confirmation):
    del confirmation["shipToParty"]


def _centimetres(confirmation):
    confirmation["cartons"][0]["dimensions"] = {
        "length": "60",
        "width": "40",
        "height": "30",
        "unitOfMeasure": "Centimeter",
    }


def _unknown_type(confirmation):
    confirmation["shipmentConfirmationType"] = "Correction"


def _quantity_as_text(confirmation):
    confirmation["shippedItems"][1]["shippedQuantity"]["amount"] = "3"


@pytest.mark.parametrize(
    ("change", "message", "details"),
    [
        (
            _drop_ship_to,
            "shipmentConfirmations.0: 'shipToParty' is a required property",
            "shipmentConfirmations.0",
        ),
        (
            _centimetres,
            "shipmentConfirmations.0.cartons.0.dimensions.unitOfMeasure: "
            "'Centimeter' is not one of ['In', 'Ft', 'Meter', 'Yard']",
            "shipmentConfirmations.0.cartons.0.dimensions.unitOfMeasure",
        ),
        (
            _unknown_type,
            "shipmentConfirmations.0.shipmentConfirmationType: "
            "'Correction' is not one of ['Original', 'Replace']",
            "shipmentConfirmations.0.shipmentConfirmationType",
        ),
        (
            _quantity_as_text,
            "shipmentConfirmations.0.shippedItems.1.shippedQuantity.amount: "
            "'3' is not of type 'integer'",
            "shipmentConfirmations.0.shippedItems.1.shippedQuantity.amount",
        ),
    ],
)
def test_a_body_breaking_the_model_is_a_400_naming_the_field_and_records_nothing(
    change, message, details
):
    with running_simulator(seed=4, throttling=False) as sim, client(sim) as http:
        body = broken(change)(sim)
        response = http.post(SHIPMENTS, json=body)

    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"code": "InvalidInput", "message": message, "details": details}]
    }
    assert (
        spec.problems(spec.SHIPMENTS, "SubmitShipmentConfirmationsResponse", response.json()) == []
    )
    assert sim.state.shipment_confirmations == []
    assert sim.state.shipments == {}
    assert sim.state.transactions == {}


def test_a_body_that_is_not_json_or_not_sent_as_json_is_refused():
    with running_simulator(throttling=False) as sim, client(sim) as http:
        not_json = http.post(
            SHIPMENTS, content=b"{not json", headers={"content-type": "application/json"}
        )
        as_text = http.post(SHIPMENTS, content=b"{}", headers={"content-type": "text/plain"})
        with_query = http.post(SHIPMENTS, json={"shipmentConfirmations": []}, params={"x": "1"})

    assert not_json.status_code == 400
    assert not_json.json()["errors"][0]["code"] == "InvalidInput"
    assert not_json.json()["errors"][0]["message"].startswith("body: not valid JSON")
    assert as_text.status_code == 415
    assert as_text.json()["errors"][0]["code"] == "UnsupportedMediaType"
    assert with_query.status_code == 400
    assert with_query.json()["errors"][0]["message"] == "x: not a parameter of this operation"
    assert sim.state.shipment_confirmations == []
    assert sim.state.transactions == {}
