import pytest
from django.utils import timezone

from tests import factories
from tests.channels.builders import setup_org
from vendorflow.accounts.models import ApiToken, AuditLog
from vendorflow.channels.models import AmazonChannel, SyncRun

pytestmark = pytest.mark.django_db
JSON = {"content_type": "application/json"}


def bearer(org, role="admin"):
    user = factories.make_member(org, role)
    ApiToken.objects.create(
        user=user, name="t", prefix="vf_test", key_hash=ApiToken.hash_key("vf_test_key")
    )
    return {"HTTP_AUTHORIZATION": "Bearer vf_test_key"}


def test_create_list_get_update_with_a_token(client, org):
    auth = bearer(org)
    sc = setup_org(org)
    body = {
        "vendor_code": "abcd1",
        "warehouse_codes": "wh1, WH2",
        "registered_emails": ["a@b.co", "A@B.CO"],
        "sales_channel_id": sc.pk,
        "region": "EU",
        "lwa_client_id": "amzn1.x",
        "client_secret": "s3cr3t-value-0001",
        "refresh_token": "Atzr|token-0002",
        "endpoint_override": "http://127.0.0.1:8765",
    }
    created = client.post("/api/v1/channels/", body, **JSON, **auth)
    assert created.status_code == 201
    data = created.json()
    assert {
        k: data[k]
        for k in (
            "vendor_code",
            "warehouse_codes",
            "registered_emails",
            "sales_channel_name",
            "region",
            "has_client_secret",
            "has_refresh_token",
            "endpoint_override",
            "is_active",
        )
    } == {
        "vendor_code": "ABCD1",
        "warehouse_codes": ["WH1", "WH2"],
        "registered_emails": ["a@b.co"],
        "sales_channel_name": "Amazon B2B India",
        "region": "EU",
        "has_client_secret": True,
        "has_refresh_token": True,
        "endpoint_override": "http://127.0.0.1:8765",
        "is_active": True,
    }
    assert "client_secret" not in data and "refresh_token" not in data
    assert [c["id"] for c in client.get("/api/v1/channels/", **auth).json()] == [data["id"]]
    patched = client.patch(f"/api/v1/channels/{data['id']}", {"backfill_days": 30}, **JSON, **auth)
    assert patched.json()["backfill_days"] == 30
    assert client.get(f"/api/v1/channels/{data['id']}", **auth).json()["backfill_days"] == 30


def test_field_errors_come_back_as_422(admin_client, org):
    sc = setup_org(org)
    factories.make_channel(org, vendor_code="TAKEN", sales_channel=sc)
    body = {
        "vendor_code": "taken",
        "warehouse_codes": ["WH1", "NOPE"],
        "registered_emails": "x@",
        "sales_channel_id": sc.pk,
        "endpoint_override": "http://sandbox.example.com",
        "backfill_days": 400,
        "region": "IN",
    }
    response = admin_client.post("/api/v1/channels/", body, **JSON)
    assert response.status_code == 422
    assert response.json() == {
        "detail": {
            "warehouse_codes": [
                "Unknown warehouse code: NOPE. Add the location under Catalog → Locations first."
            ],
            "registered_emails": ["Not a valid email address: “x@”."],
            "region": ["Choose one of NA, EU, FE."],
            "endpoint_override": [
                "Use https:// for sandbox.example.com: plain http is allowed only for a "
                "loopback host (localhost, 127.0.0.1, ::1)."
            ],
            "backfill_days": ["Enter a number from 1 to 180."],
        }
    }
    body.update(
        warehouse_codes="WH1",
        registered_emails="x@y.co",
        endpoint_override="",
        backfill_days=7,
        region="EU",
    )
    duplicate = admin_client.post("/api/v1/channels/", body, **JSON)
    assert duplicate.json() == {
        "detail": {"vendor_code": ["A channel with vendor code TAKEN already exists."]}
    }
    assert AmazonChannel.objects.count() == 1


def test_missing_required_fields(admin_client, org):
    response = admin_client.post("/api/v1/channels/", {}, **JSON)
    assert response.status_code == 422
    assert response.json() == {
        "detail": {
            "vendor_code": ["Enter the vendor code."],
            "warehouse_codes": ["Enter at least one warehouse code."],
            "registered_emails": ["Enter at least one email address."],
            "sales_channel_id": ["Choose one of your sales channels."],
        }
    }


def test_sync_runs_are_listed_newest_first(admin_client, org):
    channel = factories.make_channel(org)
    other = factories.make_channel(org, vendor_code="VEND2")
    old = SyncRun.objects.create(
        organization=org,
        channel=channel,
        kind="created",
        status="succeeded",
        pages=2,
        pos_new=5,
        finished_at=timezone.now(),
    )
    new = SyncRun.objects.create(
        organization=org, channel=channel, kind="manual", status="failed", error="QuotaExceeded"
    )
    SyncRun.objects.create(organization=org, channel=other, kind="created")
    response = admin_client.get(f"/api/v1/channels/{channel.pk}/sync-runs")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [(r["id"], r["status"], r["error"]) for r in body["items"]] == [
        (new.pk, "failed", "QuotaExceeded"),
        (old.pk, "succeeded", ""),
    ]


def test_api_writes_are_audited(admin_client, org):
    channel = factories.make_channel(org)
    admin_client.post(f"/api/v1/channels/{channel.pk}/deactivate")
    entry = AuditLog.objects.get()
    assert (entry.action, entry.object_id, entry.changes) == (
        "channel.deactivated",
        str(channel.pk),
        {"is_active": [True, False]},
    )
