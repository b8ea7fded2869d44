import logging
from urllib.parse import quote_plus

import httpx
import pytest

from tests.amazon.builders import (
    CLIENT_SECRET,
    CREDENTIALS,
    REFRESH_TOKEN,
    FakeAmazon,
    json_response,
    make_client,
    po,
    token_expired,
)
from vendorflow.integrations.amazon.client import PURCHASE_ORDERS
from vendorflow.integrations.amazon.errors import AmazonError

PATH = f"{PURCHASE_ORDERS}/PO1"
SECRETS = (CLIENT_SECRET, REFRESH_TOKEN, "Atza|ACCESS-1", "Atza|ACCESS-2")


def assert_no_secret(text):
    """Neither as is nor URL-encoded, the way a form body (the LWA request) carries it."""
    for secret in SECRETS:
        assert secret not in text
        assert quote_plus(secret) not in text


def echo_everything(request):
    """A misbehaving server that puts the whole request into its error message."""
    message = f"{request.headers.get('x-amz-access-token')} {request.content.decode()}"
    return json_response(400, {"errors": [{"code": "InvalidInput", "message": message}]})


def failing_flows():
    lwa_echo = FakeAmazon()
    lwa_echo.token_answers.append(
        lambda request: json_response(
            401, {"error": "invalid_client", "error_description": request.content.decode()}
        )
    )
    api_echo = FakeAmazon().queue(PATH, echo_everything)
    html_echo = FakeAmazon().queue(
        PATH, httpx.Response(400, text=f"<p>{CLIENT_SECRET} Atza|ACCESS-1</p>")
    )
    transport = FakeAmazon().queue(PATH, *[httpx.ConnectError(f"refused for {REFRESH_TOKEN}")] * 5)
    lwa_transport = FakeAmazon()
    form = f"refresh_token={quote_plus(REFRESH_TOKEN)}&client_secret={quote_plus(CLIENT_SECRET)}"
    lwa_transport.token_answers += [httpx.WriteError(f"broken pipe while sending {form}")] * 5
    expired_twice = FakeAmazon().queue(PATH, token_expired(), token_expired())
    return [lwa_echo, api_echo, html_echo, transport, lwa_transport, expired_twice]


FLOWS = ["lwa-echo", "api-echo", "html-echo", "transport", "lwa-transport", "expired-twice"]


@pytest.mark.parametrize("fake", failing_flows(), ids=FLOWS)
def test_errors_and_logs_never_contain_secrets(fake, caplog):
    caplog.set_level(logging.DEBUG)

    with pytest.raises(AmazonError) as caught:
        make_client(fake).get_purchase_order("PO1")

    assert "[redacted]" in str(caught.value) or caught.value.code == "Unauthorized"
    assert_no_secret(str(caught.value))
    assert_no_secret(repr(caught.value))
    assert_no_secret(caplog.text)


def test_successful_calls_log_method_path_status_and_request_id_only(caplog):
    caplog.set_level(logging.DEBUG)
    fake = FakeAmazon().queue(
        PATH, token_expired(), json_response(200, {"payload": po("PO1")}, request_id="rid-77")
    )

    make_client(fake).get_purchase_order("PO1")

    assert_no_secret(caplog.text)
    client_lines = [r.getMessage() for r in caplog.records if r.name.startswith("vendorflow")]
    assert client_lines == [
        "POST /auth/o2/token 200 request-id=-",
        "GET /vendor/orders/v1/purchaseOrders/PO1 403 request-id=rid-err",
        "GET /vendor/orders/v1/purchaseOrders/PO1: access token refused; renewing it once",
        "POST /auth/o2/token 200 request-id=-",
        "GET /vendor/orders/v1/purchaseOrders/PO1 200 request-id=rid-77",
    ]


def test_credentials_never_show_their_secrets():
    assert_no_secret(repr(CREDENTIALS))
    assert_no_secret(str(CREDENTIALS))
    assert_no_secret(CREDENTIALS.key)
    assert len(CREDENTIALS.key) == 32
