"""A crash while secrets are in plain text in memory: no error report shows any of them.

Django's error report (the DEBUG page, the mail to ADMINS) lists the local variables of every
frame, ours and httpx's. The decrypted LWA client secret and refresh token, the access token in an
httpx request's headers, a bearer key from the Authorization header: none may appear, in any form
(as is, URL-encoded in a form body, HTML-escaped on the page).
"""

import html
import logging
import secrets
import sys
from unittest import mock
from urllib.parse import quote, quote_plus

import httpx
import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client, RequestFactory
from django.views.debug import (
    ExceptionReporter,
    SafeExceptionReporterFilter,
    get_exception_reporter_class,
    technical_500_response,
)

from tests import factories
from tests.security.builders import member_client
from vendorflow.accounts import services as account_services
from vendorflow.accounts.models import ApiToken
from vendorflow.channels.models import AmazonChannel
from vendorflow.integrations.amazon import ratelimit
from vendorflow.integrations.amazon.client import Credentials, VendorOrdersClient
from vendorflow.lib import crypto, redaction
from vendorflow.lib.error_reports import SecretHidingFilter

pytestmark = pytest.mark.django_db

CLIENT_SECRET = "amzn1.oa2-cs.v1.crash-7c6b5a49d8e7f6a5"
REFRESH_TOKEN = "Atzr|IwEBIcrash+refresh/token=5d4c3b2a"  # "|+/=" change when URL-encoded
ACCESS_TOKEN = "Atza|IwEBIcrash-access+token/9f8e7d6c"
MASK = "********************"


class Boom(Exception):
    pass


def forms(secret: str) -> set[str]:
    """How a secret would show in a report: as is, URL-encoded, HTML-escaped."""
    plain = {secret, quote_plus(secret), quote(secret, safe="")}
    return plain | {html.escape(form) for form in plain}


def shown(report: str, *values: str) -> list[str]:
    return [form for value in values for form in forms(value) if form in report]


@pytest.fixture
def channel(org):
    """A stored channel, read back as another process would: its secrets only decrypted."""
    stored = factories.make_channel(org, client_secret=CLIENT_SECRET, refresh_token=REFRESH_TOKEN)
    redaction.known.forget_all()
    return AmazonChannel.objects.get(pk=stored.pk)


def amazon(stage: str):
    """Login with Amazon and SP-API on a mock transport whose connection breaks at `stage`,
    after it has read what it was sending."""

    def handle(request: httpx.Request) -> httpx.Response:
        sending = request.read()  # the form body with the secrets, or the SP-API request
        is_login = request.url.path == "/auth/o2/token"
        if stage == ("login" if is_login else "api"):
            raise Boom(f"the connection broke after {len(sending)} bytes")
        return httpx.Response(200, json={"access_token": ACCESS_TOKEN, "expires_in": 3600})

    return httpx.MockTransport(handle)


def crash_in_the_client(channel, stage: str):
    """exc_info of a crash inside the Amazon client while it holds the channel's secrets."""
    currency = "USD"  # an ordinary short value the report must keep showing
    client = VendorOrdersClient(
        Credentials.for_channel(channel),
        http=httpx.Client(transport=amazon(stage)),
        limiter=ratelimit.DisabledLimiter(),
        sleep=lambda seconds: None,
    )
    try:
        client.get_purchase_order(f"PO-{currency}-1")
    except Boom:
        return sys.exc_info()
    raise AssertionError("the client did not crash")


def reports(request, exc_info, settings) -> dict[str, str]:
    """Every report Django makes of the error: the DEBUG page (HTML and text), the mail that
    `django.request` sends to ADMINS, and that mail's HTML part (`include_html`)."""
    page = technical_500_response(request, *exc_info).content.decode()
    reporter = get_exception_reporter_class(request)
    text = reporter(request, *exc_info).get_traceback_text()
    mail_html = reporter(request, *exc_info, is_email=True).get_traceback_html()
    settings.ADMINS, settings.DEBUG = [("Ops", "ops@example.com")], False  # what mails it
    mail.outbox.clear()
    logging.getLogger("django.request").error(
        "Internal Server Error: %s",
        request.path,
        exc_info=exc_info,
        extra={"status_code": 500, "request": request},
    )
    (sent,) = mail.outbox
    return {"page": page, "text": text, "mail": sent.body, "mail html": mail_html}


def django_default_report(request, exc_info) -> str:
    """The HTML report with Django's own filter (names only), for comparison."""
    request.exception_reporter_filter = SafeExceptionReporterFilter()
    try:
        return ExceptionReporter(request, *exc_info).get_traceback_html()
    finally:
        del request.exception_reporter_filter


@pytest.mark.parametrize("stage", ["login", "api"])
def test_a_crash_inside_the_amazon_client_shows_no_secret(channel, stage, settings):
    bearer = "vf_" + secrets.token_urlsafe(32)  # a key this process has never seen
    request = RequestFactory().post(
        "/api/v1/sync/channels/1", HTTP_AUTHORIZATION=f"Bearer {bearer}"
    )
    exc_info = crash_in_the_client(channel, stage)
    in_memory = [CLIENT_SECRET, REFRESH_TOKEN] + ([ACCESS_TOKEN] if stage == "api" else [])

    # The crash is a real risk: Django's own report shows what the client holds.
    assert shown(django_default_report(request, exc_info), *in_memory) != []

    made = reports(request, exc_info, settings)
    frame = "_fetch_token" if stage == "login" else "_send"
    for name, report in made.items():
        assert (name, shown(report, CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, bearer)) == (
            name,
            [],
        )
        assert "Boom" in report and "the connection broke after" in report
        assert "get_purchase_order" in report and frame in report and "handle_request" in report
    assert MASK in made["page"] and MASK in made["mail html"]
    assert "&#x27;USD&#x27;" in made["page"] and "PO-USD-1" in made["page"]  # short values stay


def test_the_debug_page_of_a_real_view_hides_decrypted_secrets(org, channel, settings):
    settings.DEBUG = True
    client = member_client(org, "admin", raise_request_exception=False)

    def broken_mask(secret: str) -> str:
        raise Boom("masking failed")

    with mock.patch.object(crypto, "mask", broken_mask):
        response = client.get(f"/channels/{channel.pk}/")

    assert response.status_code == 500
    page = response.content.decode()
    assert "masking failed" in page and "broken_mask" in page and "_secret_summary" in page
    assert shown(page, CLIENT_SECRET, REFRESH_TOKEN) == []
    assert MASK in page


def test_a_crash_during_an_api_call_hides_the_bearer_key(org, caplog, settings):
    member = factories.make_member(org, "admin").membership
    key = account_services.create_token(member=member, name="script").key
    redaction.known.forget_all()  # known to this request only, from its Authorization header
    settings.DEBUG = True
    client = Client(raise_request_exception=False)

    with mock.patch.object(ApiToken, "hash_key", side_effect=Boom("database is locked")):
        response = client.get(
            "/api/v1/channels/", HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT="application/json"
        )

    assert response.status_code == 500
    assert response["Content-Type"] == "text/plain; charset=utf-8"  # Django's DEBUG page, as text
    debug_page = response.content.decode()
    assert "database is locked" in debug_page and "Request information" in debug_page
    assert shown(debug_page, key) == []
    record = next(r for r in caplog.records if r.name == "django.request" and r.exc_info)
    assert key in django_default_report(record.request, record.exc_info)
    for name, report in reports(record.request, record.exc_info, settings).items():
        assert (name, shown(report, key)) == (name, [])
        assert "database is locked" in report and "authenticate" in report
        assert "/api/v1/channels/" in report


def test_a_secret_in_an_exception_message_is_hidden_too(channel, settings):
    """What the filter never sees (the exception's own message) the reporter hides."""
    assert channel.refresh_token == REFRESH_TOKEN
    try:
        raise Boom(f"Amazon refused {REFRESH_TOKEN} and {quote_plus(REFRESH_TOKEN)}")
    except Boom:
        exc_info = sys.exc_info()
    request = RequestFactory().get("/channels/")

    for name, report in reports(request, exc_info, settings).items():
        assert (name, shown(report, REFRESH_TOKEN)) == (name, [])
        assert f"Amazon refused {MASK} and {MASK}" in html.unescape(report)


def test_a_long_variable_is_never_cut_in_the_middle_of_a_secret(channel, settings):
    """The report cuts a variable after 4096 characters: the secret is hidden before the cut."""
    assert channel.client_secret == CLIENT_SECRET
    padding = "x" * (4096 - 10)
    try:
        long_text = padding + CLIENT_SECRET  # the cut would fall inside the secret
        raise Boom(f"{len(long_text)} characters")
    except Boom:
        exc_info = sys.exc_info()
    request = RequestFactory().get("/channels/")

    assert padding + CLIENT_SECRET[:9] + "…" in django_default_report(request, exc_info)
    page = reports(request, exc_info, settings)["page"]
    assert CLIENT_SECRET[:9] not in page
    assert padding + MASK[:9] + "…" in page


def test_the_filter_alone_hides_the_values_in_every_frame_and_request_part(channel):
    """The filter's own answers (used by any reporter) carry no secret, and keep the rest."""
    exc_info = crash_in_the_client(channel, "api")
    request = RequestFactory().post(
        "/accounts/login/",
        {"username": "ops", "password": "correct-horse-battery", "note": "CLIENT_SECRET"},
        HTTP_AUTHORIZATION=f"Bearer {ACCESS_TOKEN}",
        HTTP_X_FORWARDED_FOR=f"for {REFRESH_TOKEN}",
    )
    request.COOKIES["sessionid"] = "session-key-0a1b2c3d4e5f"
    report_filter = SecretHidingFilter()
    frames, tb = [], exc_info[2]
    while tb is not None:
        frames += [
            repr(value)
            for _, value in report_filter.get_traceback_frame_variables(request, tb.tb_frame)
        ]
        tb = tb.tb_next
    parts = {
        "frames": "\n".join(frames),
        "meta": repr(report_filter.get_safe_request_meta(request)),
        "post": repr(report_filter.get_post_parameters(request)),
        "cookies": repr(report_filter.get_safe_cookies(request)),
        "settings": repr(report_filter.get_safe_settings()),
    }
    secrets_ = [CLIENT_SECRET, REFRESH_TOKEN, ACCESS_TOKEN, "correct-horse-battery"]
    secrets_ += ["session-key-0a1b2c3d4e5f", django_settings.SECRET_KEY]
    assert {name: shown(text, *secrets_) for name, text in parts.items()} == dict.fromkeys(
        parts, []
    )
    assert "'USD'" in parts["frames"] and "'ops'" in parts["post"]
    assert "'CLIENT_SECRET'" in parts["post"]  # a name is not a secret value
    assert f"'for {MASK}'" in parts["meta"]


def test_a_json_body_nested_too_deep_to_search_still_gets_its_report(channel, settings):
    """Searching the body for secret fields must not fail the report of the original error."""
    assert channel.client_secret == CLIENT_SECRET
    nested = "[" * 100_000 + "]" * 100_000
    body = f'{{"client_secret": "{CLIENT_SECRET}", "items": {nested}}}'
    request = RequestFactory().post("/api/v1/orders/", data=body, content_type="application/json")
    try:
        raise Boom("the original error")
    except Boom:
        exc_info = sys.exc_info()

    for name, report in reports(request, exc_info, settings).items():
        assert (name, "the original error" in report) == (name, True)
        # Remembered when decrypted: hidden wherever it shows, the body searched or not.
        assert (name, shown(report, CLIENT_SECRET)) == (name, [])
