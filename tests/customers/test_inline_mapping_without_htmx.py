"""Without JavaScript the customer page's "add a warehouse code" form reports its errors as a
page message; each names the field it is about. Nothing is saved."""

from tests.factories import make_customer, map_warehouse
from vendorflow.customers.models import WarehouseCodeMapping


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_errors_name_their_field(member_client, org):
    customer = make_customer(org)
    map_warehouse(org, "BLR7", make_customer(org, code="OTHER", name="Other buyer"))
    client = member_client("manager")
    url = f"/customers/{customer.pk}/mappings/"
    assert _messages(client.post(url, {"code": ""}, follow=True)) == [
        "Marketplace warehouse code: This field is required."
    ]
    assert _messages(client.post(url, {"code": "DEL4", "location": "abc"}, follow=True)) == [
        "Location: Select a valid choice. That choice is not one of the available choices."
    ]
    assert _messages(client.post(url, {"code": "blr7"}, follow=True)) == [
        "Marketplace warehouse code: Warehouse code BLR7 is already mapped to customer OTHER "
        "(Other buyer)."
    ]
    assert list(WarehouseCodeMapping.objects.values_list("code", "customer__code")) == [
        ("BLR7", "OTHER")
    ]
