import pytest

from tests import factories
from tests.channels.builders import HTMX, channel_form, setup_org
from vendorflow.channels.models import AmazonChannel, SalesChannel

pytestmark = pytest.mark.django_db


def test_other_orgs_channel_is_404_in_the_ui(admin_client, other_org):
    channel = factories.make_channel(other_org, vendor_code="THEIRS")
    sc = channel.sales_channel
    for url in (f"/channels/{channel.pk}/", f"/channels/{channel.pk}/edit/"):
        assert admin_client.get(url).status_code == 404
    assert admin_client.post(f"/channels/{channel.pk}/active/", {"active": "0"}).status_code == 404
    assert admin_client.get(f"/channels/sales/{sc.pk}/rename/").status_code == 404
    assert admin_client.post(f"/channels/sales/{sc.pk}/rename/", {"name": "x"}).status_code == 404
    assert admin_client.post(f"/channels/sales/{sc.pk}/delete/").status_code == 404
    channel.refresh_from_db()
    assert channel.is_active is True
    assert SalesChannel.objects.get(pk=sc.pk).name == "Amazon THEIRS"


def test_other_orgs_channel_is_404_in_the_api(admin_client, other_org):
    channel = factories.make_channel(other_org, vendor_code="THEIRS")
    sc = channel.sales_channel
    json = {"content_type": "application/json"}
    assert admin_client.get(f"/api/v1/channels/{channel.pk}").status_code == 404
    assert admin_client.get(f"/api/v1/channels/{channel.pk}/sync-runs").status_code == 404
    assert (
        admin_client.patch(f"/api/v1/channels/{channel.pk}", {"name": "x"}, **json).status_code
        == 404
    )
    assert admin_client.post(f"/api/v1/channels/{channel.pk}/deactivate").status_code == 404
    assert admin_client.get(f"/api/v1/channels/sales-channels/{sc.pk}").status_code == 404
    assert (
        admin_client.patch(
            f"/api/v1/channels/sales-channels/{sc.pk}", {"name": "x"}, **json
        ).status_code
        == 404
    )
    assert admin_client.delete(f"/api/v1/channels/sales-channels/{sc.pk}").status_code == 404
    assert admin_client.get("/api/v1/channels/").json() == []
    assert admin_client.get("/api/v1/channels/sales-channels").json() == []
    assert AmazonChannel.objects.get(pk=channel.pk).is_active is True


def test_lists_show_only_own_channels(admin_client, org, other_org):
    factories.make_channel(org, vendor_code="MINE")
    factories.make_channel(other_org, vendor_code="THEIRS")
    for url in ("/channels/", "/channels/settings/"):
        html = admin_client.get(url).content.decode()
        assert "MINE" in html
        assert "THEIRS" not in html


def test_sales_channel_of_another_org_cannot_be_chosen(admin_client, org, other_org):
    setup_org(org)
    theirs = factories.make_sales_channel(other_org, name="Theirs")
    response = admin_client.post("/channels/add/amazon/", channel_form(theirs), **HTMX)
    assert response.status_code == 422
    api = admin_client.post(
        "/api/v1/channels/",
        {
            "vendor_code": "V1",
            "warehouse_codes": ["WH1"],
            "registered_emails": ["a@b.co"],
            "sales_channel_id": theirs.pk,
        },
        content_type="application/json",
    )
    assert api.status_code == 422
    assert api.json() == {"detail": {"sales_channel_id": ["Choose one of your sales channels."]}}
    assert AmazonChannel.objects.count() == 0
