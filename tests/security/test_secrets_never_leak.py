"""Channel secrets and API token keys: ciphertext or a hash at rest, and shown nowhere else."""

import json
import logging
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.channels.builders import raw_columns
from tests.security import routes
from tests.security.builders import make_world, snapshot
from tests.security.reads import READ_QUERIES, READS
from vendorflow.accounts.models import ApiToken, AuditLog
from vendorflow.channels.choices import SyncKind, SyncStatus
from vendorflow.channels.models import AmazonChannel
from vendorflow.integrations.amazon import jobs
from vendorflow.lib import crypto
from vendorflow.simulator.testing import running_simulator

pytestmark = pytest.mark.django_db

UI_SECRET, UI_TOKEN = "ui-client-secret-7f3a9c2e5b11", "Atzr|ui-refresh-token-4d8e1b6a"
API_SECRET, API_TOKEN = "api-client-secret-0c9d8e7f66", "Atzr|api-refresh-token-9a8b7c6d"
FACTORY_SECRETS = ("client-secret-value-123", "Atzr|refresh-token-value-456")
SIM = {"client_secret": "sim-client-secret-5e4d3c2b1a", "refresh_token": "Atzr|sim-refresh-77aa"}


class Secrets:
    """Everything secret the data set holds, and where it came from."""

    def __init__(self, world, channels, token_keys):
        self.world, self.channels, self.token_keys = world, channels, token_keys
        self.values = [UI_SECRET, UI_TOKEN, API_SECRET, API_TOKEN, *FACTORY_SECRETS, *token_keys]

    def found_in(self, text: str) -> list[str]:
        return [value for value in self.values if value in text]


def _channel_form(sales_channel) -> dict:
    return {
        "vendor_code": "UIVEND",
        "warehouse_codes": "WH1",
        "registered_emails": "ops@example.com",
        "sales_channel": sales_channel.pk,
        "region": "EU",
        "lwa_client_id": "amzn1.application-oa2-client.ui",
        "client_secret": UI_SECRET,
        "refresh_token": UI_TOKEN,
        "endpoint_override": "",
        "lwa_endpoint_override": "",
    }


def _api_channel(sales_channel) -> dict:
    return {
        "vendor_code": "APIVEND",
        "warehouse_codes": ["WH1"],
        "registered_emails": ["ops@example.com"],
        "sales_channel_id": sales_channel.pk,
        "lwa_client_id": "amzn1.application-oa2-client.api",
        "client_secret": API_SECRET,
        "refresh_token": API_TOKEN,
    }


@pytest.fixture
def secrets(admin_client, org) -> Secrets:
    """Channels created through the real form and the API; tokens through the page and the API."""
    world = make_world(org, "S")
    made = admin_client.post("/channels/add/amazon/", _channel_form(world.sales_channel))
    assert made.status_code == 302
    answer = admin_client.post(
        "/api/v1/channels/", _api_channel(world.sales_channel), content_type="application/json"
    )
    assert answer.status_code == 201
    assert UI_SECRET not in made.content.decode() and API_SECRET not in answer.content.decode()
    page_key = admin_client.post("/accounts/tokens/create/", {"name": "page"}).context["new_key"]
    api_key = admin_client.post(
        "/api/v1/accounts/tokens", {"name": "api"}, content_type="application/json"
    ).json()["key"]
    channels = list(AmazonChannel.objects.filter(vendor_code__in=["UIVEND", "APIVEND"]))
    return Secrets(world, channels, [world.token_key, page_key, api_key])


def test_the_database_holds_ciphertext_and_token_hashes_only(secrets):
    stored = {c.vendor_code: raw_columns(c.pk) for c in secrets.channels}
    assert {code: [crypto.decrypt(v) for v in raw] for code, raw in stored.items()} == {
        "UIVEND": [UI_SECRET, UI_TOKEN],
        "APIVEND": [API_SECRET, API_TOKEN],
    }
    rows = json.dumps(snapshot())
    assert secrets.found_in(rows) == []
    hashes = set(ApiToken.objects.values_list("key_hash", flat=True))
    assert {ApiToken.hash_key(key) for key in secrets.token_keys} <= hashes


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode(errors="replace")


def _readable_urls(world, channels) -> list[str]:
    """Every page and API read an admin can GET, with ids of the data set."""
    urls = []
    for route in routes.all_routes():
        if f"GET {route.pattern}" not in READS:
            continue
        url = routes.concrete_url(route, world) if route.params else "/" + route.pattern
        query = READ_QUERIES.get(f"GET {route.pattern}", lambda w: {})(world)
        if route.pattern.startswith("catalog/mappings/"):
            query.setdefault("channel", world.channel.pk)
        urls.append(f"{url}?{'&'.join(f'{k}={v}' for k, v in query.items())}")
    for channel in channels:
        urls += [f"/channels/{channel.pk}/", f"/channels/{channel.pk}/edit/"]
        urls += [
            f"/api/v1/channels/{channel.pk}",
            f"/catalog/mappings/export.csv?channel={channel.pk}",
        ]
    return urls


def test_no_page_api_response_or_export_shows_a_secret(secrets, admin_client):
    offending = []
    for url in _readable_urls(secrets.world, secrets.channels):
        response = admin_client.get(url)
        if response.status_code != 200:
            offending.append(f"{url}: answered {response.status_code}")
        elif found := secrets.found_in(_body(response)):
            offending.append(f"{url}: shows {found}")
    assert offending == []


def test_channel_detail_shows_at_most_a_masked_secret(secrets, admin_client):
    channel = next(c for c in secrets.channels if c.vendor_code == "UIVEND")
    page = admin_client.get(f"/channels/{channel.pk}/").content.decode()
    assert crypto.mask(UI_SECRET) in page
    assert UI_SECRET[:-4] not in page


def test_audit_entries_name_secrets_without_their_values(secrets):
    entries = list(AuditLog.objects.filter(action="channel.created").order_by("pk"))
    assert [(e.changes["client_secret"], e.changes["refresh_token"]) for e in entries] == [
        ("set", "set"),
        ("set", "set"),
    ]
    text = json.dumps([[e.object_repr, e.changes] for e in AuditLog.objects.all()])
    assert secrets.found_in(text) == []


def test_admin_pages_show_no_secret(secrets):
    staff = Client()
    staff.force_login(
        get_user_model().objects.create_superuser("staff", "staff@example.com", "pw-12345678")
    )
    offending = []
    for url in _admin_urls():
        response = staff.get(url)
        if response.status_code != 200:
            offending.append(f"{url}: answered {response.status_code}")
        elif found := secrets.found_in(_body(response)):
            offending.append(f"{url}: shows {found}")
    assert offending == []


def _admin_urls() -> list[str]:
    urls = ["/admin/"]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse(f"{name}_changelist"))
        urls += [reverse(f"{name}_change", args=[pk]) for pk in _some_pks(model)]
    return urls


def _some_pks(model) -> list:
    return list(model._default_manager.order_by("pk").values_list("pk", flat=True)[:3])


def _sim_channel(org, sim, **secrets):
    channel = factories.make_channel(
        org, vendor_code="ACMEB", endpoint_override=sim.base_url, **secrets
    )
    channel.lwa_client_id, channel.lwa_endpoint_override = sim.client_id, sim.lwa_url
    channel.save()
    factories.make_location(org, code="WH1")
    return channel


def test_a_sync_against_the_simulator_logs_no_secret(org, caplog):
    caplog.set_level(logging.DEBUG)
    an_hour_ago = (timezone.now() - timedelta(hours=1)).isoformat()
    orders = {"count": 3, "vendor_code": "ACMEB", "created_at": an_hour_ago}
    with running_simulator(seed=3, orders=orders, **SIM) as sim:
        channel = _sim_channel(org, sim, **SIM)
        run = jobs.run_channel_sync(channel.pk, SyncKind.CREATED)
        access_tokens = list(sim.state.tokens)
    assert run.status == SyncStatus.SUCCEEDED, run.error
    assert (run.pages, run.pos_new, run.pos_held, len(access_tokens)) == (1, 0, 3, 1), vars(run)
    leaked = [value for value in [*SIM.values(), *access_tokens] if value in caplog.text]
    assert leaked == []
    assert [v for v in [*SIM.values(), *access_tokens] if v in json.dumps(snapshot())] == []


def test_a_failing_lwa_call_logs_and_stores_no_secret(org, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = {"client_secret": "wrong-client-secret-13579", "refresh_token": SIM["refresh_token"]}
    with running_simulator(seed=3, **SIM) as sim:
        channel = _sim_channel(org, sim, **wrong)
        run = jobs.run_channel_sync(channel.pk, SyncKind.CREATED)
    assert run.status == SyncStatus.FAILED
    assert "invalid_client" in run.error or "Client authentication failed" in run.error
    for value in [*wrong.values(), SIM["client_secret"]]:
        assert value not in caplog.text
        assert value not in json.dumps(snapshot())


def test_a_bearer_token_is_never_echoed(secrets):
    key = secrets.token_keys[0]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    responses = [
        client.get("/api/v1/accounts/me"),
        client.get("/api/v1/accounts/tokens"),
        Client(HTTP_AUTHORIZATION=f"Bearer {key}x").get("/api/v1/accounts/me"),
    ]
    assert [r.status_code for r in responses] == [200, 200, 401]
    assert [r for r in responses if key in r.content.decode()] == []
