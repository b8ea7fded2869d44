import httpx
import pytest

from tests.amazon.builders import FakeAmazon, json_response, make_client
from tests.amazon.test_requests_match_official_model import acknowledgement
from vendorflow.integrations.amazon.client import ACKNOWLEDGEMENTS, PURCHASE_ORDERS
from vendorflow.integrations.amazon.errors import MalformedResponse

PATH = f"{PURCHASE_ORDERS}/PO1"


def html(status):
    return httpx.Response(
        status,
        text="<html><body>Bad Gateway</body></html>",
        headers={"content-type": "text/html", "x-amzn-RequestId": "rid-html"},
    )


def test_non_json_client_error_body_is_a_permanent_malformed_response():
    fake = FakeAmazon().queue(PATH, html(400))

    with pytest.raises(MalformedResponse) as caught:
        make_client(fake).get_purchase_order("PO1")

    assert caught.value.permanent is True
    assert caught.value.status == 400
    assert caught.value.request_id == "rid-html"
    assert "not JSON (text/html)" in str(caught.value)
    assert len(fake.api_requests) == 1


def test_non_json_gateway_error_is_malformed_but_retried():
    fake = FakeAmazon().queue(PATH, *[html(502) for _ in range(5)])

    with pytest.raises(MalformedResponse) as caught:
        make_client(fake).get_purchase_order("PO1")

    assert caught.value.permanent is False
    assert len(fake.api_requests) == 5


def test_non_json_success_is_an_error_never_an_empty_page():
    fake = FakeAmazon().queue(PURCHASE_ORDERS, *[httpx.Response(200, text="") for _ in range(5)])

    with pytest.raises(MalformedResponse, match="an empty body"):
        list(make_client(fake).iter_purchase_order_pages())


@pytest.mark.parametrize(
    "body",
    [
        {"errors": []},
        {"payload": []},
        {"payload": {"orders": {"purchaseOrderNumber": "PO1"}}},
        ["payload"],
    ],
)
def test_success_without_the_documented_envelope_is_malformed(body):
    fake = FakeAmazon().queue(PURCHASE_ORDERS, json_response(200, body))

    with pytest.raises(MalformedResponse) as caught:
        list(make_client(fake).iter_purchase_order_pages())

    assert caught.value.permanent is True
    assert len(fake.api_requests) == 1


def test_acknowledgement_accepted_without_transaction_id_is_malformed():
    fake = FakeAmazon().queue(ACKNOWLEDGEMENTS, json_response(202, {"payload": {}}))

    with pytest.raises(MalformedResponse, match="no transactionId"):
        make_client(fake).submit_acknowledgement([acknowledgement()])


def test_transaction_with_an_unknown_status_is_malformed_with_the_field_named():
    body = {"payload": {"transactionStatus": {"transactionId": "tx-1", "status": "Exploded"}}}
    fake = FakeAmazon().queue("/vendor/transactions/v1/transactions/tx-1", json_response(200, body))

    with pytest.raises(MalformedResponse) as caught:
        make_client(fake).get_transaction("tx-1")

    assert str(caught.value) == (
        "getTransaction: transactionStatus.status: Input should be 'Failure', 'Processing' or "
        "'Success' (got 'Exploded')"
    )
