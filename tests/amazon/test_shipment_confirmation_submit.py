"""submit_shipment_confirmations through an httpx mock transport: request, answer, errors."""

import json

import pytest

from tests.amazon.builders import FakeAmazon, amazon_error, json_response, make_client, notice
from tests.amazon.test_retries import EXPECTED, TRANSIENT
from vendorflow.integrations.amazon import shipments
from vendorflow.integrations.amazon.client import SHIPMENT_CONFIRMATIONS
from vendorflow.integrations.amazon.errors import InvalidInput, InvalidPayload, MalformedResponse


def accepted(transaction_id="tx-ship-1"):
    return json_response(202, {"payload": {"transactionId": transaction_id}})


def confirmation(**overrides):
    return shipments.notice_to_confirmation(notice(**overrides))


def test_confirmations_are_posted_as_the_official_request_and_the_transaction_id_returned():
    fake = FakeAmazon().queue(SHIPMENT_CONFIRMATIONS, accepted())
    client = make_client(fake)
    sent = [confirmation(), confirmation(shipment_identifier="SHP-ACME-000124")]

    assert client.submit_shipment_confirmations(sent) == "tx-ship-1"

    (request,) = fake.api_requests
    assert request.method == "POST"
    assert str(request.url) == (
        "https://sellingpartnerapi-eu.amazon.com/vendor/shipping/v1/shipmentConfirmations"
    )
    assert request.headers["content-type"] == "application/json"
    assert request.headers["x-amz-access-token"] == "Atza|ACCESS-1"
    assert json.loads(request.content) == {"shipmentConfirmations": sent}
    assert client.calls == {"token": 1, "submitShipmentConfirmations": 1}


@pytest.mark.parametrize("kind", ["429", "connect-timeout", "connection-refused"])
def test_confirmations_are_resent_only_when_amazon_cannot_have_them(kind):
    fake = FakeAmazon().queue(SHIPMENT_CONFIRMATIONS, TRANSIENT[kind](), accepted())

    assert make_client(fake).submit_shipment_confirmations([confirmation()]) == "tx-ship-1"
    assert len(fake.api_requests) == 2


@pytest.mark.parametrize("kind", ["500", "502", "503", "504", "read-timeout", "connection-dropped"])
def test_confirmations_that_may_have_arrived_are_never_resent(kind):
    fake = FakeAmazon().queue(SHIPMENT_CONFIRMATIONS, TRANSIENT[kind](), accepted())

    with pytest.raises(EXPECTED[kind]) as caught:
        make_client(fake).submit_shipment_confirmations([confirmation()])

    assert caught.value.permanent is False
    if kind in ("read-timeout", "connection-dropped"):
        assert caught.value.request_sent is True
    assert len(fake.api_requests) == 1


def test_a_refused_request_is_a_permanent_invalid_input_with_amazons_words():
    refusal = amazon_error(
        400, "InvalidInput", "Request has missing or invalid parameters.", "shipmentIdentifier"
    )
    fake = FakeAmazon().queue(SHIPMENT_CONFIRMATIONS, refusal, accepted())

    with pytest.raises(InvalidInput) as caught:
        make_client(fake).submit_shipment_confirmations([confirmation()])

    assert caught.value.permanent is True
    assert caught.value.code == "InvalidInput"
    assert caught.value.message == "Request has missing or invalid parameters. (shipmentIdentifier)"
    assert len(fake.api_requests) == 1


def test_a_confirmation_that_breaks_the_model_is_never_sent():
    broken = confirmation()
    broken["cartons"][0]["dimensions"]["unitOfMeasure"] = "Centimeter"
    del broken["shipToParty"]
    fake = FakeAmazon().queue(SHIPMENT_CONFIRMATIONS, accepted())

    with pytest.raises(InvalidPayload) as caught:
        make_client(fake).submit_shipment_confirmations([broken])

    assert caught.value.permanent is True
    assert caught.value.problems == [
        "shipmentConfirmations.0: 'shipToParty' is a required property",
        "shipmentConfirmations.0.cartons.0.dimensions.unitOfMeasure: "
        "'Centimeter' is not one of ['In', 'Ft', 'Meter', 'Yard']",
    ]
    assert fake.requests == []


def test_nothing_to_send_is_a_mistake_of_the_caller():
    fake = FakeAmazon()

    with pytest.raises(ValueError, match="no shipment confirmations to send"):
        make_client(fake).submit_shipment_confirmations([])

    assert fake.requests == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"payload": {}}, "submitShipmentConfirmations: the answer has no transactionId"),
        ({"payload": {"transactionId": ""}}, "the answer has no transactionId"),
        ({"errors": []}, "submitShipmentConfirmations: the answer has no payload object"),
        ({"payload": ["tx-1"]}, "submitShipmentConfirmations: payload"),
    ],
)
def test_an_accepted_answer_without_a_transaction_id_is_malformed_and_not_resent(body, message):
    fake = FakeAmazon().queue(SHIPMENT_CONFIRMATIONS, json_response(202, body), accepted())

    with pytest.raises(MalformedResponse, match=message) as caught:
        make_client(fake).submit_shipment_confirmations([confirmation()])

    assert caught.value.status is None
    assert len(fake.api_requests) == 1
