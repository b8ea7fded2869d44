"""A crash while a secret is being saved: the error report (log, admin mail) never shows it."""

import json
import re
from unittest import mock

import pytest
from django.test import Client
from django.views.debug import ExceptionReporter

from tests import factories
from tests.security.builders import member_client
from vendorflow.accounts import services as account_services
from vendorflow.accounts.models import ApiToken
from vendorflow.channels.models import AmazonChannel

pytestmark = pytest.mark.django_db

PASSWORD = "member-password-8e7d6c5b"
SECRET, TOKEN = "crash-client-secret-1a2b3c4d", "Atzr|crash-refresh-token-5e6f"


class Boom(Exception):
    pass


def _report(caplog) -> str:
    """The report Django builds for an error (what AdminEmailHandler mails): text and HTML."""
    record = next(r for r in caplog.records if r.name == "django.request" and r.exc_info)
    reporter = ExceptionReporter(record.request, *record.exc_info)
    return reporter.get_traceback_text() + reporter.get_traceback_html()


def _crashing_client(org) -> Client:
    client = member_client(org, "admin", raise_request_exception=False)
    return client


def test_a_crash_while_adding_a_member_hides_the_password(org, caplog):
    client = _crashing_client(org)
    save_user = "django.contrib.auth.models.User.save"
    with mock.patch(save_user, side_effect=Boom("disk full")):
        response = client.post(
            "/accounts/members/add/",
            {"username": "newbie", "password": PASSWORD, "role": "viewer"},
        )
    assert response.status_code == 500
    report = _report(caplog)
    assert "newbie" in report  # the report is real, and shows what is not secret
    assert PASSWORD not in report


def _channel_data(sales_channel) -> dict:
    return {
        "vendor_code": "CRASH1",
        "warehouse_codes": "WH1",
        "registered_emails": "ops@example.com",
        "sales_channel": sales_channel.pk,
        "region": "EU",
        "lwa_client_id": "amzn1.application-oa2-client.crash",
        "client_secret": SECRET,
        "refresh_token": TOKEN,
    }


@pytest.mark.parametrize("page", ["add", "edit"])
def test_a_crash_while_saving_channel_credentials_hides_them(org, caplog, page):
    factories.make_location(org, code="WH1")
    sales_channel = factories.make_sales_channel(org)
    channel = factories.make_channel(org, vendor_code="CRASH1", sales_channel=sales_channel)
    url = "/channels/add/amazon/" if page == "add" else f"/channels/{channel.pk}/edit/"
    data = _channel_data(sales_channel) | ({"vendor_code": "CRASH2"} if page == "add" else {})
    client = _crashing_client(org)
    with mock.patch.object(AmazonChannel, "save", side_effect=Boom("disk full")):
        response = client.post(url, data)
    assert response.status_code == 500
    report = _report(caplog)
    assert "CRASH" in report
    assert [value for value in (SECRET, TOKEN) if value in report] == []


API_CHANNEL = {
    "vendor_code": "CRASH2",
    "warehouse_codes": ["WH1"],
    "registered_emails": ["ops@example.com"],
    "lwa_client_id": "amzn1.application-oa2-client.crash",
    "client_secret": SECRET,
    "refresh_token": TOKEN,
}


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_a_crash_while_saving_channel_credentials_over_the_api_hides_them(org, caplog, method):
    factories.make_location(org, code="WH1")
    sales_channel = factories.make_sales_channel(org)
    channel = factories.make_channel(org, vendor_code="CRASH1", sales_channel=sales_channel)
    url = "/api/v1/channels/" if method == "POST" else f"/api/v1/channels/{channel.pk}"
    body = {**API_CHANNEL, "sales_channel_id": sales_channel.pk}
    client = _crashing_client(org)
    with mock.patch.object(AmazonChannel, "save", side_effect=Boom("disk full")):
        response = client.generic(method, url, json.dumps(body), content_type="application/json")
    assert response.status_code == 500
    report = _report(caplog)
    assert "CRASH2" in report
    assert [value for value in (SECRET, TOKEN) if value in report] == []


def test_a_crash_while_creating_an_api_token_hides_the_key(org, caplog):
    client = _crashing_client(org)
    keys = []
    real = account_services.generate_key

    def remember():
        keys.append(real())
        return keys[-1]

    with (
        mock.patch.object(account_services, "generate_key", side_effect=remember),
        mock.patch("vendorflow.accounts.audit.record", side_effect=Boom("disk full")),
    ):
        response = client.post("/accounts/tokens/create/", {"name": "script"})
    assert response.status_code == 500
    report = _report(caplog)
    assert "script" in report
    assert [key for key in keys if key in report] == []


def test_a_crash_while_showing_a_new_api_token_hides_the_key(org, caplog):
    client = _crashing_client(org)
    with mock.patch("vendorflow.accounts.selectors.tokens", side_effect=Boom("database gone")):
        response = client.post("/accounts/tokens/create/", {"name": "script"})
    assert response.status_code == 500
    report = _report(caplog)
    prefix = ApiToken.objects.get(name="script").prefix
    assert prefix in report or "script" in report
    assert re.findall(re.escape(prefix) + r"[\w-]{8,}", report) == []
