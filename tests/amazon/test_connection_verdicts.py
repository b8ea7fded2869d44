"""Test connection: LWA token and one tiny call, tried once, and a plain-language verdict for each
way it fails, against the simulator on loopback (and an httpx mock transport for DNS)."""

import httpx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import factories
from vendorflow.accounts.models import AuditLog
from vendorflow.channels import sync
from vendorflow.integrations.amazon import connection
from vendorflow.simulator.testing import running_simulator

pytestmark = pytest.mark.django_db

CREDENTIALS = {
    "client_id": "amzn1.app.client",
    "client_secret": "client-secret-value-123",
    "refresh_token": "Atzr|refresh-token-value-456",
}


@pytest.fixture
def sim():
    with running_simulator(throttling=False, **CREDENTIALS) as sim:
        yield sim


def _channel(org, sim, **kw):
    return factories.make_channel(
        org, endpoint_override=sim.base_url, lwa_endpoint_override=sim.lwa_url, **kw
    )


def test_working_credentials_connect_with_two_requests(org, sim):
    channel = _channel(org, sim)
    verdict = connection.try_connection(channel=channel, actor=None)
    assert (verdict.verdict, verdict.ok) == ("ok", True)
    assert verdict.message == (
        f"Connected: Login with Amazon issued an access token and {sim.base_url[7:]} answered a "
        "purchase order query for vendor code VEND1."
    )
    channel.refresh_from_db()
    assert (channel.connection_verdict, channel.polling_disabled_reason) == ("ok", "")
    assert channel.connection_tested_at is not None
    assert list(AuditLog.objects.values_list("action", "changes")) == [
        ("channel.connection_tested", {"verdict": "ok"})
    ]


def test_a_wrong_client_secret_is_invalid_client(org, sim):
    channel = _channel(org, sim, client_secret="not-the-secret")
    verdict = connection.try_connection(channel=channel, actor=None)
    assert verdict.verdict == "wrong_client"
    assert verdict.message.startswith(
        "Login with Amazon does not know this LWA client id and client secret"
    )
    assert "invalid_client" in verdict.message
    assert "not-the-secret" not in verdict.message
    channel.refresh_from_db()
    assert channel.polling_disabled_reason.startswith("Test connection: Login with Amazon")
    assert sync.due_channels() == []
    assert channel.readiness.state == "needs_credentials"


def test_a_revoked_refresh_token_is_invalid_grant(org, sim):
    channel = _channel(org, sim, refresh_token="Atzr|revoked")
    verdict = connection.try_connection(channel=channel, actor=None)
    assert verdict.verdict == "revoked_token"
    assert verdict.message.startswith(
        "Login with Amazon refused the refresh token: it was revoked, has expired, or belongs "
        "to another app."
    )
    assert "Atzr|revoked" not in verdict.message


def test_a_missing_role_is_the_403_after_a_good_login(org, sim):
    sim.faults.configure(role_missing={"count": 1})
    channel = _channel(org, sim)
    verdict = connection.try_connection(channel=channel, actor=None)
    assert verdict.verdict == "role_missing"
    assert verdict.message.startswith(
        "Logging in worked, but Amazon refused access to purchase orders: the app lacks the "
        "Vendor Retail Procurement (purchase orders) role"
    )
    assert "403 Unauthorized" in verdict.message
    assert sim.faults.injected == {"role_missing": 1}


def test_an_unreachable_host_is_said_in_a_moment_without_retries(org):
    channel = factories.make_channel(
        org, endpoint_override="http://127.0.0.1:9", lwa_endpoint_override="http://127.0.0.1:9/t"
    )
    verdict = connection.try_connection(channel=channel, actor=None)
    assert verdict.verdict == "unreachable"
    assert verdict.message.startswith("Could not reach 127.0.0.1:9: ")
    channel.refresh_from_db()
    assert channel.polling_disabled_reason == ""  # not the credentials' fault


def test_a_name_that_does_not_resolve_is_dns(org):
    requests = []

    def no_dns(request):
        requests.append(request.url.host)
        raise httpx.ConnectError("[Errno -2] Name or service not known")

    channel = factories.make_channel(org)
    http = httpx.Client(transport=httpx.MockTransport(no_dns))
    verdict = connection.try_connection(channel=channel, actor=None, http=http)
    assert verdict.verdict == "unreachable"
    assert verdict.message.startswith(
        "Could not reach api.amazon.com: its name does not resolve (DNS: [Errno -2] Name or "
        "service not known)."
    )
    assert requests == ["api.amazon.com"]  # tried once


def test_missing_credentials_send_nothing(org):
    channel = factories.make_channel(org, refresh_token="")
    verdict = connection.try_connection(channel=channel, actor=None)
    assert verdict.verdict == "missing_credentials"
    assert verdict.message == (
        "Nothing was sent: the channel has no refresh token yet. An admin enters them with Edit."
    )


def test_working_credentials_resume_polling(org, sim):
    channel = _channel(org, sim, polling_disabled_reason="Test connection: refused.")
    connection.try_connection(channel=channel, actor=None)
    channel.refresh_from_db()
    assert channel.polling_disabled_reason == ""
    assert [pk for pk, _ in sync.due_channels()] == [channel.pk]


def test_the_api_and_the_page_give_the_verdict(member_client, org, sim):
    channel = _channel(org, sim, client_secret="wrong")
    client = member_client("manager")
    body = client.post(f"/api/v1/channels/{channel.pk}/test-connection").json()
    assert (body["ok"], body["verdict"], body["ready"], body["state"]) == (
        False,
        "wrong_client",
        False,
        "needs_credentials",
    )
    response = client.post(f"/channels/{channel.pk}/test-connection/", follow=True)
    (message,) = [str(m) for m in response.context["messages"]]
    assert message.startswith("Login with Amazon does not know this LWA client id")
    assert "Wrong LWA client id or secret</span>" in response.content.decode()


def test_the_command_prints_the_verdict_and_fails_on_a_bad_one(org, sim, capsys):
    good = _channel(org, sim, vendor_code="GOOD")
    bad = _channel(org, sim, vendor_code="BAD1", refresh_token="Atzr|other")
    call_command("test_connection", str(good.pk))
    assert capsys.readouterr().out.startswith("Amazon Retail B2B GOOD: Connected: ")
    with pytest.raises(CommandError, match="Amazon Retail B2B BAD1: Login with Amazon refused"):
        call_command("test_connection", str(bad.pk))
    with pytest.raises(CommandError, match="There is no Amazon channel with id 999999."):
        call_command("test_connection", "999999")
