import json
import logging

import pytest

from tests import factories
from tests.channels.builders import HTMX, SECRET, TOKEN, channel_form, raw_columns, setup_org
from vendorflow.accounts.models import AuditLog
from vendorflow.channels.models import AmazonChannel
from vendorflow.lib import crypto

pytestmark = pytest.mark.django_db


def assert_no_secret(text: str) -> None:
    assert SECRET not in text
    assert TOKEN not in text
    assert SECRET[:-4] not in text  # nor most of it


def test_secrets_are_encrypted_at_rest(admin_client, org):
    sc = setup_org(org)
    admin_client.post("/channels/add/amazon/", channel_form(sc), **HTMX)
    channel = AmazonChannel.objects.get()
    raw_secret, raw_token = raw_columns(channel.pk)
    assert raw_secret != SECRET and SECRET not in raw_secret
    assert raw_token != TOKEN and TOKEN not in raw_token
    assert crypto.decrypt(raw_secret) == SECRET
    assert crypto.decrypt(raw_token) == TOKEN


def test_secrets_never_in_pages_audit_or_logs(admin_client, org, caplog):
    caplog.set_level(logging.DEBUG)
    sc = setup_org(org)
    admin_client.post("/channels/add/amazon/", channel_form(sc), **HTMX)
    channel = AmazonChannel.objects.get()
    pages = [
        "/channels/",
        "/channels/settings/",
        f"/channels/{channel.pk}/",
        f"/channels/{channel.pk}/edit/",
    ]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200
        assert_no_secret(response.content.decode())
    detail = admin_client.get(f"/channels/{channel.pk}/").content.decode()
    assert crypto.mask(SECRET) in detail  # ••••9876 at most
    entry = AuditLog.objects.get(action="channel.created")
    assert entry.changes["client_secret"] == "set"
    assert_no_secret(json.dumps(entry.changes))
    assert_no_secret(caplog.text)


def test_secrets_never_in_api_responses(admin_client, org):
    sc = setup_org(org)
    body = {
        "vendor_code": "VEND1",
        "warehouse_codes": ["WH1"],
        "registered_emails": ["a@b.co"],
        "sales_channel_id": sc.pk,
        "client_secret": SECRET,
        "refresh_token": TOKEN,
        "lwa_client_id": "amzn1.x",
    }
    created = admin_client.post("/api/v1/channels/", body, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["has_client_secret"] is True
    assert created.json()["has_refresh_token"] is True
    channel_id = created.json()["id"]
    responses = [
        created,
        admin_client.get("/api/v1/channels/"),
        admin_client.get(f"/api/v1/channels/{channel_id}"),
        admin_client.patch(
            f"/api/v1/channels/{channel_id}",
            {"client_secret": SECRET + "x"},
            content_type="application/json",
        ),
        # A malformed request must not echo the body back.
        admin_client.post(
            "/api/v1/channels/",
            {"client_secret": SECRET, "refresh_token": TOKEN, "backfill_days": {"x": 1}},
            content_type="application/json",
        ),
        admin_client.post(
            "/api/v1/channels/",
            {"client_secret": SECRET, "refresh_token": TOKEN},
            content_type="application/json",
        ),
    ]
    assert [r.status_code for r in responses] == [201, 200, 200, 200, 422, 422]
    for response in responses:
        assert_no_secret(response.content.decode())
        assert "client_secret_encrypted" not in response.content.decode()
    assert AmazonChannel.objects.get().client_secret == SECRET + "x"


def test_blank_secrets_on_edit_keep_the_stored_ones(admin_client, org):
    sc = setup_org(org)
    channel = factories.make_channel(
        org, sales_channel=sc, client_secret=SECRET, refresh_token=TOKEN
    )
    before = raw_columns(channel.pk)
    data = channel_form(
        sc,
        client_secret="",
        refresh_token="",
        registered_emails="new@example.com",
        lwa_client_id="amzn1.app.client",
    )
    response = admin_client.post(f"/channels/{channel.pk}/edit/", data, **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/channels/{channel.pk}/"
    channel.refresh_from_db()
    assert raw_columns(channel.pk) == before
    assert (channel.client_secret, channel.refresh_token) == (SECRET, TOKEN)
    assert channel.registered_emails == ["new@example.com"]
    entry = AuditLog.objects.get(action="channel.updated")
    assert entry.changes == {"registered_emails": [["ops@example.com"], ["new@example.com"]]}


def test_changed_secret_is_audited_without_its_value(admin_client, org):
    sc = setup_org(org)
    channel = factories.make_channel(org, sales_channel=sc)
    data = channel_form(
        sc, client_secret=SECRET, refresh_token="", lwa_client_id="amzn1.app.client"
    )
    admin_client.post(f"/channels/{channel.pk}/edit/", data, **HTMX)
    channel.refresh_from_db()
    assert channel.client_secret == SECRET
    assert channel.refresh_token == "Atzr|refresh-token-value-456"
    entry = AuditLog.objects.get(action="channel.updated")
    assert entry.changes == {"client_secret": "changed"}
