"""A shipping address is edited over the API as on the customer page: only the fields sent."""

from tests.customers.builders import api_client
from tests.factories import make_customer
from vendorflow.accounts.models import AuditLog
from vendorflow.customers.models import ShippingAddress

JSON = "application/json"


def test_patch_changes_the_fields_sent_and_is_audited(org):
    client = api_client(org, "manager")
    customer = make_customer(org, "AMZ-1")
    address = ShippingAddress.objects.create(customer=customer, label="Dock 2", city="Pune")
    url = f"/api/v1/customers/{customer.pk}/shipping-addresses/{address.pk}"

    response = client.patch(url, {"city": "Mumbai"}, content_type=JSON)

    assert response.status_code == 200
    assert (response.json()["label"], response.json()["city"]) == ("Dock 2", "Mumbai")
    entry = AuditLog.objects.get(action="shipping_address.updated")
    assert entry.changes["city"] == ["Pune", "Mumbai"]


def test_an_address_of_another_customer_is_not_found(org):
    client = api_client(org, "manager")
    mine, other = make_customer(org, "AMZ-1"), make_customer(org, "AMZ-2")
    address = ShippingAddress.objects.create(customer=other, label="Dock", city="Pune")
    url = f"/api/v1/customers/{mine.pk}/shipping-addresses/{address.pk}"
    assert client.patch(url, {"city": "X"}, content_type=JSON).status_code == 404
    address.refresh_from_db()
    assert address.city == "Pune"
