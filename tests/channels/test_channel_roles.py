import pytest

from tests import factories
from tests.channels.builders import HTMX, SECRET, channel_form, setup_org
from vendorflow.accounts.models import AuditLog
from vendorflow.channels.models import AmazonChannel, SalesChannel

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["operator", "viewer"])
def test_operator_and_viewer_cannot_create(member_client, org, role):
    client = member_client(role)
    sc = setup_org(org)
    assert client.get("/channels/add/").status_code == 403
    assert client.post("/channels/add/amazon/", channel_form(sc), **HTMX).status_code == 403
    assert (
        client.post("/channels/sales/inline/", {"new_sales_channel_name": "X"}).status_code == 403
    )
    assert client.post("/channels/sales/new/", {"name": "X"}).status_code == 403
    api = client.post(
        "/api/v1/channels/",
        {
            "vendor_code": "V1",
            "warehouse_codes": ["WH1"],
            "registered_emails": ["a@b.co"],
            "sales_channel_id": sc.pk,
        },
        content_type="application/json",
    )
    assert api.status_code == 403
    assert AmazonChannel.objects.count() == 0
    assert list(SalesChannel.objects.values_list("name", flat=True)) == ["Amazon B2B India"]


@pytest.mark.parametrize("role", ["operator", "viewer"])
def test_operator_and_viewer_can_read(member_client, org, role):
    client = member_client(role)
    channel = factories.make_channel(org)
    assert client.get(f"/channels/{channel.pk}/").status_code == 200
    assert client.get("/channels/settings/").status_code == 200
    assert client.get(f"/api/v1/channels/{channel.pk}").status_code == 200
    assert client.post(f"/channels/{channel.pk}/active/", {"active": "0"}).status_code == 403
    assert client.get(f"/channels/{channel.pk}/edit/").status_code == 403


def test_manager_creates_a_channel_without_credentials(member_client, org):
    client = member_client("manager")
    sc = setup_org(org)
    form = client.get("/channels/add/amazon/", **HTMX).content.decode()
    assert 'name="client_secret"' not in form
    assert "can only be set by an Admin" in form
    response = client.post("/channels/add/amazon/", channel_form(sc), **HTMX)
    assert response.status_code == 200
    channel = AmazonChannel.objects.get()
    assert (channel.lwa_client_id, channel.client_secret_encrypted) == ("", "")
    assert (channel.refresh_token_encrypted, channel.region) == ("", "EU")


def test_manager_cannot_change_credentials_in_the_dialog(member_client, org):
    client = member_client("manager")
    sc = setup_org(org)
    channel = factories.make_channel(org, sales_channel=sc)
    before = AmazonChannel.objects.values().get(pk=channel.pk)
    data = channel_form(
        sc,
        region="NA",
        client_secret=SECRET,
        endpoint_override="https://evil.example",
        lwa_client_id="other",
        registered_emails="ops@example.com",
    )
    response = client.post(f"/channels/{channel.pk}/edit/", data, **HTMX)
    assert response.status_code == 200
    after = AmazonChannel.objects.values().get(pk=channel.pk)
    fields = [
        "region",
        "lwa_client_id",
        "client_secret_encrypted",
        "refresh_token_encrypted",
        "endpoint_override",
        "lwa_endpoint_override",
    ]
    assert {f: after[f] for f in fields} == {f: before[f] for f in fields}
    assert not AuditLog.objects.filter(action="channel.updated").exists()


def test_manager_edits_non_secret_fields(member_client, org):
    client = member_client("manager")
    sc = setup_org(org)
    channel = factories.make_channel(org, sales_channel=sc)
    data = {
        "vendor_code": "VEND2",
        "warehouse_codes": "WH2, WH1",
        "registered_emails": "x@example.com",
        "sales_channel": sc.pk,
    }
    assert client.post(f"/channels/{channel.pk}/edit/", data, **HTMX).status_code == 200
    channel.refresh_from_db()
    assert (channel.vendor_code, channel.warehouse_codes) == ("VEND2", ["WH2", "WH1"])


@pytest.mark.parametrize(
    "change",
    [
        {"client_secret": "new-secret"},
        {"refresh_token": "new-token"},
        {"region": "FE"},
        {"lwa_client_id": "other"},
        {"endpoint_override": "https://sandbox.example.com"},
        {"lwa_endpoint_override": "http://127.0.0.1:9/token"},
    ],
)
def test_manager_cannot_change_credentials_through_the_api(member_client, org, change):
    client = member_client("manager")
    channel = factories.make_channel(org)
    before = AmazonChannel.objects.values().get(pk=channel.pk)
    response = client.patch(
        f"/api/v1/channels/{channel.pk}", change, content_type="application/json"
    )
    assert response.status_code == 403
    assert "Only an Admin" in response.json()["detail"]
    assert AmazonChannel.objects.values().get(pk=channel.pk) == before


def test_manager_cannot_create_with_credentials_through_the_api(member_client, org):
    client = member_client("manager")
    sc = setup_org(org)
    body = {
        "vendor_code": "V1",
        "warehouse_codes": "WH1",
        "registered_emails": "a@b.co",
        "sales_channel_id": sc.pk,
        "client_secret": SECRET,
    }
    response = client.post("/api/v1/channels/", body, content_type="application/json")
    assert response.status_code == 403
    assert AmazonChannel.objects.count() == 0
    del body["client_secret"]
    assert (
        client.post("/api/v1/channels/", body, content_type="application/json").status_code == 201
    )


def test_admin_changes_credentials_through_the_api(admin_client, org):
    channel = factories.make_channel(org)
    body = {"region": "FE", "client_secret": "rotated-secret-0001"}
    response = admin_client.patch(
        f"/api/v1/channels/{channel.pk}", body, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["region"] == "FE"
    channel.refresh_from_db()
    assert (channel.region, channel.client_secret) == ("FE", "rotated-secret-0001")
    assert AuditLog.objects.get(action="channel.updated").changes == {
        "region": ["EU", "FE"],
        "client_secret": "changed",
    }
