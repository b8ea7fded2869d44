import httpx
import pytest

from tests.amazon.builders import FakeAmazon, amazon_error, make_client
from vendorflow.integrations.amazon.client import PURCHASE_ORDERS
from vendorflow.integrations.amazon.errors import (
    AmazonError,
    AuthFailed,
    InvalidInput,
    NotFound,
    Throttled,
)

PATH = f"{PURCHASE_ORDERS}/PO1"


@pytest.mark.parametrize(
    ("status", "code", "error"),
    [
        (400, "InvalidInput", InvalidInput),
        (403, "Unauthorized", AuthFailed),
        (404, "NotFound", NotFound),
    ],
)
def test_error_answers_become_typed_errors_with_code_message_and_request_id(status, code, error):
    fake = FakeAmazon().queue(
        PATH, amazon_error(status, code, "Something is off.", "See field x.", request_id="a1b2-c3")
    )

    with pytest.raises(error) as caught:
        make_client(fake).get_purchase_order("PO1")

    assert isinstance(caught.value, AmazonError)
    assert (caught.value.status, caught.value.code, caught.value.request_id) == (
        status,
        code,
        "a1b2-c3",
    )
    assert caught.value.message == "Something is off. (See field x.)"
    assert (
        str(caught.value)
        == f"{status} {code} Something is off. (See field x.) (request id a1b2-c3)"
    )


def test_throttled_error_is_transient_and_named():
    fake = FakeAmazon().queue(
        PATH, *[amazon_error(429, "QuotaExceeded", "You exceeded your quota.") for _ in range(5)]
    )

    with pytest.raises(Throttled) as caught:
        make_client(fake).get_purchase_order("PO1")

    assert (caught.value.code, caught.value.permanent) == ("QuotaExceeded", False)


def test_several_errors_are_all_reported():
    body = {
        "errors": [
            {"code": "InvalidInput", "message": "first"},
            {"code": "InvalidInput", "message": "second"},
        ]
    }
    fake = FakeAmazon().queue(PATH, httpx.Response(400, json=body))

    with pytest.raises(InvalidInput) as caught:
        make_client(fake).get_purchase_order("PO1")

    assert caught.value.message == "first; second"
    assert caught.value.request_id == ""
