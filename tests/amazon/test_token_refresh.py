import pytest

from tests.amazon.builders import (
    FakeAmazon,
    amazon_error,
    json_response,
    make_client,
    po,
    token_expired,
)
from vendorflow.integrations.amazon.client import PURCHASE_ORDERS
from vendorflow.integrations.amazon.errors import AuthFailed

PATH = f"{PURCHASE_ORDERS}/PO1"


def test_an_expired_token_is_renewed_once_and_the_call_repeated():
    fake = FakeAmazon().queue(PATH, token_expired(), json_response(200, {"payload": po("PO1")}))
    client = make_client(fake)

    order = client.get_purchase_order("PO1")

    assert order.purchase_order_number == "PO1"
    assert len(fake.token_requests) == 2
    assert [r.headers["x-amz-access-token"] for r in fake.api_requests] == [
        "Atza|ACCESS-1",
        "Atza|ACCESS-2",
    ]
    assert client.calls == {"token": 2, "getPurchaseOrder": 2}


def test_a_401_also_renews_the_token():
    fake = FakeAmazon().queue(
        PATH,
        amazon_error(401, "Unauthorized", "Unauthorized"),
        json_response(200, {"payload": po("PO1")}),
    )

    make_client(fake).get_purchase_order("PO1")

    assert len(fake.token_requests) == 2


def test_refused_again_after_renewal_is_a_permanent_auth_failure_without_more_calls():
    fake = FakeAmazon().queue(PATH, token_expired(), token_expired())
    sleeps = []

    with pytest.raises(AuthFailed) as caught:
        make_client(fake, sleeps=sleeps).get_purchase_order("PO1")

    assert caught.value.permanent is True
    assert caught.value.status == 403
    assert caught.value.code == "Unauthorized"
    assert len(fake.api_requests) == 2
    assert len(fake.token_requests) == 2
    assert sleeps == []


def test_a_403_that_does_not_blame_the_token_is_not_retried_with_a_new_one():
    fake = FakeAmazon().queue(
        PATH,
        amazon_error(
            403, "Unauthorized", "Access to requested resource is denied.", "The role is missing."
        ),
    )

    with pytest.raises(AuthFailed, match="The role is missing"):
        make_client(fake).get_purchase_order("PO1")

    assert len(fake.token_requests) == 1
    assert len(fake.api_requests) == 1


def test_login_with_amazon_refusing_the_refresh_token_is_permanent():
    fake = FakeAmazon()
    fake.token_answers.append(
        json_response(
            400,
            {
                "error": "invalid_grant",
                "error_description": "The request has an invalid grant parameter : refresh_token",
            },
        )
    )

    with pytest.raises(AuthFailed) as caught:
        make_client(fake).get_purchase_order("PO1")

    assert caught.value.permanent is True
    assert caught.value.code == "invalid_grant"
    assert fake.api_requests == []
    assert len(fake.token_requests) == 1
