import pytest

from tests import factories
from vendorflow.integrations.amazon.client import LWA_URL, Credentials


@pytest.mark.parametrize(
    ("region", "sandbox", "base_url"),
    [
        ("NA", False, "https://sellingpartnerapi-na.amazon.com"),
        ("EU", False, "https://sellingpartnerapi-eu.amazon.com"),
        ("FE", False, "https://sellingpartnerapi-fe.amazon.com"),
        ("NA", True, "https://sandbox.sellingpartnerapi-na.amazon.com"),
        ("EU", True, "https://sandbox.sellingpartnerapi-eu.amazon.com"),
        ("FE", True, "https://sandbox.sellingpartnerapi-fe.amazon.com"),
    ],
)
def test_each_region_has_its_production_and_sandbox_host(region, sandbox, base_url):
    credentials = Credentials("client", "secret", "refresh", region, sandbox=sandbox)

    assert credentials.base_url == base_url
    assert credentials.token_url == LWA_URL == "https://api.amazon.com/auth/o2/token"


def test_an_unknown_region_or_a_non_http_override_is_refused():
    with pytest.raises(ValueError, match="region must be one of NA, EU, FE, got 'IN'"):
        Credentials("client", "secret", "refresh", "IN")
    with pytest.raises(ValueError, match="endpoint must be an http"):
        Credentials("client", "secret", "refresh", "EU", endpoint="ftp://example.com")


def test_key_differs_per_seller_and_endpoint_and_hides_the_secrets():
    base = Credentials("client", "secret-A", "refresh-A", "EU")
    same_seller_new_secret = Credentials("client", "secret-B", "refresh-A", "EU")
    other_seller = Credentials("client", "secret-A", "refresh-B", "EU")
    simulator = Credentials(
        "client", "secret-A", "refresh-A", "EU", endpoint="http://127.0.0.1:8765"
    )

    assert base.key == same_seller_new_secret.key
    assert len({base.key, other_seller.key, simulator.key}) == 3
    assert "refresh-A" not in base.key and "secret-A" not in base.key


def test_credentials_come_from_a_channel(db):
    channel = factories.make_channel(
        factories.make_org(),
        region="EU",
        endpoint_override="https://sandbox.sellingpartnerapi-eu.amazon.com",
        client_secret="channel-secret-1234",
        refresh_token="Atzr|channel-refresh",
    )

    credentials = Credentials.for_channel(channel)

    assert credentials == Credentials(
        client_id="amzn1.app.client",
        client_secret="channel-secret-1234",
        refresh_token="Atzr|channel-refresh",
        region="EU",
        endpoint="https://sandbox.sellingpartnerapi-eu.amazon.com",
        lwa_url=None,
        sandbox=True,
    )
    assert credentials.base_url == "https://sandbox.sellingpartnerapi-eu.amazon.com"


def test_a_channel_pointed_at_the_simulator(db):
    channel = factories.make_channel(
        factories.make_org(),
        region="EU",
        endpoint_override="http://127.0.0.1:8765/",
        lwa_endpoint_override="http://127.0.0.1:8765/auth/o2/token",
    )

    credentials = Credentials.for_channel(channel)

    assert (credentials.base_url, credentials.token_url, credentials.sandbox) == (
        "http://127.0.0.1:8765",
        "http://127.0.0.1:8765/auth/o2/token",
        False,
    )
