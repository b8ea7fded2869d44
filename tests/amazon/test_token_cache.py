from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs

import time_machine

from tests.amazon.builders import (
    CLIENT_SECRET,
    CREDENTIALS,
    REFRESH_TOKEN,
    FakeAmazon,
    json_response,
    make_client,
    po,
)
from vendorflow.integrations.amazon.client import PURCHASE_ORDERS, Credentials

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def answer_po(fake, count):
    fake.queue(
        f"{PURCHASE_ORDERS}/PO1",
        *[json_response(200, {"payload": po("PO1")}) for _ in range(count)],
    )


def test_token_exchange_is_a_form_encoded_refresh_token_grant():
    fake = FakeAmazon()
    answer_po(fake, 1)

    client = make_client(fake)
    client.get_purchase_order("PO1")

    (token_request,) = fake.token_requests
    assert str(token_request.url) == "https://api.amazon.com/auth/o2/token"
    assert token_request.method == "POST"
    assert token_request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qs(token_request.content.decode()) == {
        "grant_type": ["refresh_token"],
        "refresh_token": [REFRESH_TOKEN],
        "client_id": ["amzn1.application-oa2-client.test"],
        "client_secret": [CLIENT_SECRET],
    }
    assert "x-amz-access-token" not in token_request.headers
    assert client.calls == {"token": 1, "getPurchaseOrder": 1}


def test_one_token_serves_every_call_and_every_client_of_the_same_credentials():
    fake = FakeAmazon()
    answer_po(fake, 5)

    first, second = make_client(fake), make_client(fake)
    for _ in range(3):
        first.get_purchase_order("PO1")
    for _ in range(2):
        second.get_purchase_order("PO1")

    assert len(fake.token_requests) == 1
    assert {r.headers["x-amz-access-token"] for r in fake.api_requests} == {"Atza|ACCESS-1"}


def test_token_is_renewed_a_minute_before_it_expires():
    fake = FakeAmazon(token_lifetime=3600)
    answer_po(fake, 3)
    client = make_client(fake)

    with time_machine.travel(NOW, tick=False) as clock:
        client.get_purchase_order("PO1")
        clock.move_to(NOW + timedelta(seconds=3539))
        client.get_purchase_order("PO1")
        clock.move_to(NOW + timedelta(seconds=3541))
        client.get_purchase_order("PO1")

    assert len(fake.token_requests) == 2
    assert [r.headers["x-amz-access-token"] for r in fake.api_requests] == [
        "Atza|ACCESS-1",
        "Atza|ACCESS-1",
        "Atza|ACCESS-2",
    ]


def test_different_credentials_get_their_own_tokens():
    fake = FakeAmazon()
    answer_po(fake, 2)
    other = Credentials(
        "amzn1.application-oa2-client.test", CLIENT_SECRET, "Atzr|other-seller", "EU"
    )

    make_client(fake).get_purchase_order("PO1")
    make_client(fake, credentials=other).get_purchase_order("PO1")

    assert len(fake.token_requests) == 2
    assert CREDENTIALS.key != other.key


def test_lwa_override_sends_the_token_request_there():
    fake = FakeAmazon()
    answer_po(fake, 1)
    local = Credentials(
        "client",
        "secret",
        "refresh",
        "EU",
        endpoint="http://127.0.0.1:8765",
        lwa_url="http://127.0.0.1:8765/auth/o2/token",
    )

    make_client(fake, credentials=local).get_purchase_order("PO1")

    assert [str(r.url) for r in fake.requests] == [
        "http://127.0.0.1:8765/auth/o2/token",
        "http://127.0.0.1:8765/vendor/orders/v1/purchaseOrders/PO1",
    ]
