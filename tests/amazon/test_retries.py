from datetime import UTC, datetime

import httpx
import pytest

from tests.amazon.builders import FakeAmazon, amazon_error, json_response, make_client, page, po
from tests.amazon.test_requests_match_official_model import acknowledgement
from vendorflow.integrations.amazon.client import ACKNOWLEDGEMENTS, PURCHASE_ORDERS
from vendorflow.integrations.amazon.errors import (
    AmazonError,
    InvalidInput,
    NotFound,
    ServerError,
    Throttled,
    TransportError,
)

PATH = f"{PURCHASE_ORDERS}/PO1"
OK = json_response(200, {"payload": po("PO1")})


def throttled():
    return amazon_error(429, "QuotaExceeded", "You exceeded your quota for the requested resource.")


def server_error(status):
    return amazon_error(
        status, "InternalFailure", "We encountered an internal error. Please try again."
    )


TRANSIENT = {
    "429": throttled,
    "500": lambda: server_error(500),
    "502": lambda: server_error(502),
    "503": lambda: server_error(503),
    "504": lambda: server_error(504),
    "read-timeout": lambda: httpx.ReadTimeout("timed out"),
    "connect-timeout": lambda: httpx.ConnectTimeout("timed out"),
    "connection-refused": lambda: httpx.ConnectError("[Errno 111] Connection refused"),
    "connection-dropped": lambda: httpx.RemoteProtocolError(
        "Server disconnected without sending a response."
    ),
}
EXPECTED = {
    "429": Throttled,
    "500": ServerError,
    "502": ServerError,
    "503": ServerError,
    "504": ServerError,
    "read-timeout": TransportError,
    "connect-timeout": TransportError,
    "connection-refused": TransportError,
    "connection-dropped": TransportError,
}


@pytest.mark.parametrize("kind", TRANSIENT)
def test_transient_failures_are_retried_until_success(kind):
    fake = FakeAmazon().queue(PATH, TRANSIENT[kind](), TRANSIENT[kind](), OK)
    sleeps = []
    client = make_client(fake, sleeps=sleeps)

    assert client.get_purchase_order("PO1").purchase_order_number == "PO1"

    assert len(fake.api_requests) == 3
    assert client.calls["getPurchaseOrder"] == 3
    assert len(sleeps) == 2
    assert 1 <= sleeps[0] <= 2 and 2 <= sleeps[1] <= 3


@pytest.mark.parametrize("kind", TRANSIENT)
def test_transient_failures_give_up_after_five_attempts(kind):
    fake = FakeAmazon().queue(PATH, *[TRANSIENT[kind]() for _ in range(6)], OK)
    sleeps = []

    with pytest.raises(EXPECTED[kind]) as caught:
        make_client(fake, sleeps=sleeps).get_purchase_order("PO1")

    assert caught.value.permanent is False
    assert len(fake.api_requests) == 5
    assert len(sleeps) == 4
    assert all(0 < s <= 31 for s in sleeps)


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (amazon_error(400, "InvalidInput", "Invalid purchase order number."), InvalidInput),
        (amazon_error(404, "NotFound", "The resource specified does not exist."), NotFound),
        (
            amazon_error(413, "RequestTooLarge", "The request size exceeded the maximum."),
            AmazonError,
        ),
        (
            amazon_error(
                415, "UnsupportedMediaType", "The request payload is in an unsupported format."
            ),
            AmazonError,
        ),
        (server_error(501), ServerError),
    ],
)
def test_permanent_failures_are_never_retried(answer, error):
    fake = FakeAmazon().queue(PATH, answer, OK)
    sleeps = []

    with pytest.raises(error) as caught:
        make_client(fake, sleeps=sleeps).get_purchase_order("PO1")

    assert caught.value.permanent is True
    assert len(fake.api_requests) == 1
    assert sleeps == []


def test_invalid_input_mid_pagination_is_retried_twice_then_goes_on():
    flake = amazon_error(400, "InvalidInput", "Invalid Input")
    fake = FakeAmazon().queue(
        PURCHASE_ORDERS, page(po("PO1"), next_token="t2"), flake, flake, page(po("PO2"))
    )
    window = {
        "created_after": datetime(2026, 11, 20, tzinfo=UTC),
        "created_before": datetime(2026, 11, 21, tzinfo=UTC),
    }

    pages = list(make_client(fake).iter_purchase_order_pages(**window))

    assert [p.orders[0].purchase_order_number for p in pages] == ["PO1", "PO2"]
    assert [r.url.params.get("nextToken") for r in fake.api_requests] == [None, "t2", "t2", "t2"]


def test_invalid_input_mid_pagination_gives_up_after_two_retries():
    flake = amazon_error(400, "InvalidInput", "Invalid Input")
    fake = FakeAmazon().queue(
        PURCHASE_ORDERS, page(po("PO1"), next_token="t2"), flake, flake, flake, page(po("PO2"))
    )

    with pytest.raises(InvalidInput) as caught:
        list(make_client(fake).iter_purchase_order_pages())

    assert caught.value.permanent is False
    assert len(fake.api_requests) == 4


def test_invalid_input_on_the_first_page_is_not_retried():
    fake = FakeAmazon().queue(
        PURCHASE_ORDERS, amazon_error(400, "InvalidInput", "Invalid Input"), page()
    )

    with pytest.raises(InvalidInput) as caught:
        list(make_client(fake).iter_purchase_order_pages())

    assert caught.value.permanent is True
    assert len(fake.api_requests) == 1


def test_transient_login_failures_are_retried_like_api_calls():
    fake = FakeAmazon().queue(PATH, OK)
    fake.token_answers.extend([server_error(503), httpx.ReadTimeout("timed out")])
    client = make_client(fake)

    client.get_purchase_order("PO1")

    assert client.calls == {"token": 3, "getPurchaseOrder": 1}


ACCEPTED = json_response(202, {"payload": {"transactionId": "tx-1"}})


@pytest.mark.parametrize("kind", ["429", "connect-timeout", "connection-refused"])
def test_acknowledgement_is_resent_only_when_amazon_cannot_have_it(kind):
    fake = FakeAmazon().queue(ACKNOWLEDGEMENTS, TRANSIENT[kind](), ACCEPTED)

    assert make_client(fake).submit_acknowledgement([acknowledgement()]) == "tx-1"
    assert len(fake.api_requests) == 2


@pytest.mark.parametrize("kind", ["500", "502", "503", "504", "read-timeout", "connection-dropped"])
def test_acknowledgement_that_may_have_arrived_is_never_resent(kind):
    fake = FakeAmazon().queue(ACKNOWLEDGEMENTS, TRANSIENT[kind](), ACCEPTED)

    with pytest.raises(EXPECTED[kind]) as caught:
        make_client(fake).submit_acknowledgement([acknowledgement()])

    assert caught.value.permanent is False
    assert len(fake.api_requests) == 1
