"""A sales_channel_id that is not one of the organization's sales channels is a field error."""

import pytest

from tests import factories
from tests.channels.builders import setup_org
from vendorflow.channels.models import AmazonChannel, SalesChannel

pytestmark = pytest.mark.django_db
JSON = {"content_type": "application/json"}
ERROR = {"detail": {"sales_channel_id": ["Choose one of your sales channels."]}}


def _body(sales_channel_id):
    return {
        "vendor_code": "ABCD1",
        "warehouse_codes": "WH1",
        "registered_emails": "a@b.co",
        "sales_channel_id": sales_channel_id,
    }


@pytest.mark.parametrize("value", ["abc", "", " ", "1.5", 999999])
def test_create_with_a_bad_sales_channel_id(admin_client, org, value):
    setup_org(org)
    response = admin_client.post("/api/v1/channels/", _body(value), **JSON)
    assert (response.status_code, response.json()) == (422, ERROR)
    assert not AmazonChannel.objects.exists()


def test_update_with_a_bad_or_foreign_sales_channel_id(admin_client, org, other_org):
    channel = factories.make_channel(org)
    foreign = SalesChannel.objects.create(organization=other_org, name="Theirs")
    for value in ["abc", foreign.pk]:
        response = admin_client.patch(
            f"/api/v1/channels/{channel.pk}", {"sales_channel_id": value}, **JSON
        )
        assert (response.status_code, response.json()) == (422, ERROR)
    channel.refresh_from_db()
    assert channel.sales_channel.organization == org


def test_a_numeric_string_names_the_sales_channel(admin_client, org):
    sales_channel = setup_org(org)
    response = admin_client.post("/api/v1/channels/", _body(str(sales_channel.pk)), **JSON)
    assert response.status_code == 201
    assert response.json()["sales_channel_id"] == sales_channel.pk
