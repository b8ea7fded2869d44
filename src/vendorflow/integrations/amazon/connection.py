"""Test connection: log in with the channel's credentials and make one tiny call, then say in plain
language what works or what to fix.

Two steps, each tried once (no retries, a short timeout): Login with Amazon (a new access token,
never a cached one) and getPurchaseOrders for the channel's vendor code, limit 1, the last hour.
The verdict is kept on the channel (`channels.services.record_connection_test`), which pauses
polling on credentials Amazon refuses and resumes it once they work.
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
from django.utils import timezone

from vendorflow.channels import services
from vendorflow.channels.choices import ConnectionVerdict
from vendorflow.channels.models import AmazonChannel
from vendorflow.integrations.amazon.client import Credentials, VendorOrdersClient
from vendorflow.integrations.amazon.errors import (
    AmazonError,
    AuthFailed,
    ServerError,
    Throttled,
    TransportError,
)

TIMEOUT = httpx.Timeout(10.0, connect=5.0)
LOGIN, CALL = "login", "call"


@dataclass(frozen=True)
class Verdict:
    verdict: str  # a ConnectionVerdict
    message: str

    @property
    def ok(self) -> bool:
        return self.verdict == ConnectionVerdict.OK


def try_connection(*, channel: AmazonChannel, actor, http: httpx.Client | None = None) -> Verdict:
    """Test the channel's connection and record the verdict. `http`: the HTTP client to use
    (tests pass one on a mock transport); by default a new one with a short timeout."""
    verdict = check(channel, http=http)
    services.record_connection_test(
        channel=channel, actor=actor, verdict=verdict.verdict, message=verdict.message
    )
    return verdict


def check(channel: AmazonChannel, *, http: httpx.Client | None = None) -> Verdict:
    missing = channel.missing_credentials
    if missing:
        return Verdict(
            ConnectionVerdict.MISSING_CREDENTIALS,
            f"Nothing was sent: the channel has no {', '.join(missing)} yet. An admin enters "
            "them with Edit.",
        )
    credentials = Credentials.for_channel(channel)
    own = http is None
    client = VendorOrdersClient(credentials, http=http or httpx.Client(timeout=TIMEOUT), attempts=1)
    step = LOGIN
    try:
        client.log_in()
        step = CALL
        _one_tiny_call(client, channel.vendor_code)
    except AmazonError as exc:
        return explain(exc, step=step, credentials=credentials)
    finally:
        if own:
            client.http.close()
    return Verdict(
        ConnectionVerdict.OK,
        f"Connected: Login with Amazon issued an access token and {_host(credentials.base_url)} "
        f"answered a purchase order query for vendor code {channel.vendor_code}.",
    )


def _one_tiny_call(client: VendorOrdersClient, vendor_code: str) -> None:
    now = timezone.now()
    pages = client.iter_purchase_order_pages(
        created_after=now - timedelta(hours=1), created_before=now, vendor_code=vendor_code, limit=1
    )
    next(pages, None)  # the first page only: one request


def explain(exc: AmazonError, *, step: str, credentials: Credentials) -> Verdict:
    """The plain-language verdict for what Amazon (or the network) answered at `step`."""
    host = _host(credentials.token_url if step == LOGIN else credentials.base_url)
    detail = f" (Amazon said: {exc})"
    if isinstance(exc, TransportError):
        return Verdict(
            ConnectionVerdict.UNREACHABLE,
            f"Could not reach {host}: {_reason(exc)}. Check the region and any endpoint or "
            "LWA token URL override on the channel, and that this server can reach the "
            "internet (DNS, firewall, proxy).",
        )
    if isinstance(exc, AuthFailed) and exc.code == "invalid_client":
        return Verdict(
            ConnectionVerdict.WRONG_CLIENT,
            "Login with Amazon does not know this LWA client id and client secret: copy both "
            "again from your SP-API app in Seller Central or Vendor Central (Developer Central → "
            f"View LWA credentials); the secret may have been rotated.{detail}",
        )
    if isinstance(exc, AuthFailed) and exc.code in ("invalid_grant", "unauthorized_client"):
        return Verdict(
            ConnectionVerdict.REVOKED_TOKEN,
            "Login with Amazon refused the refresh token: it was revoked, has expired, or "
            "belongs to another app. Authorize the app again in Vendor Central and enter the new "
            f"refresh token.{detail}",
        )
    if isinstance(exc, AuthFailed) and step == CALL:
        return Verdict(
            ConnectionVerdict.ROLE_MISSING,
            "Logging in worked, but Amazon refused access to purchase orders: the app lacks "
            "the Vendor Retail Procurement (purchase orders) role, or this vendor code did not "
            "authorize it. Add the role to the app in Developer Central, then authorize it again "
            f"and enter the new refresh token.{detail}",
        )
    if isinstance(exc, Throttled):
        return Verdict(
            ConnectionVerdict.THROTTLED,
            f"Amazon is throttling this app right now; test again in a minute.{detail}",
        )
    if isinstance(exc, ServerError):
        return Verdict(
            ConnectionVerdict.AMAZON_ERROR,
            f"{host} answered with a server error; this is on Amazon's side, test again "
            f"later.{detail}",
        )
    return Verdict(ConnectionVerdict.AMAZON_ERROR, f"{host} refused the request.{detail}")


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


DNS_FAILURES = ("name or service not known", "nodename nor servname", "name resolution")


def _reason(exc: TransportError) -> str:
    """What went wrong, without the "METHOD /path: " the client puts first."""
    text = exc.message.split(": ", 1)[-1]
    if any(marker in text.lower() for marker in DNS_FAILURES):
        return f"its name does not resolve (DNS: {text})"
    return text
