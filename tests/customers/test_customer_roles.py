import pytest

from tests.customers.builders import api_client, customer_post
from tests.factories import make_customer, map_warehouse
from vendorflow.customers.models import Customer, WarehouseCodeMapping

NEEDS_MANAGER = "This needs the Manager role or higher; you are {role}."


@pytest.mark.parametrize("role", ["viewer", "operator"])
def test_readers_see_pages_but_cannot_write(member_client, org, role):
    customer = make_customer(org, code="C1")
    mapping = map_warehouse(org, "BLR7", customer)
    client = member_client(role)
    for url in [
        "/customers/",
        f"/customers/{customer.pk}/",
        "/customers/warehouse-codes/",
        "/customers/export.csv",
    ]:
        assert client.get(url).status_code == 200, url
    writes = [
        ("/customers/new/", customer_post(code="NEW")),
        (f"/customers/{customer.pk}/edit/", customer_post(code="C1", name="Hijack")),
        (f"/customers/{customer.pk}/delete/", {}),
        (f"/customers/{customer.pk}/mappings/", {"code": "DEL4"}),
        (f"/customers/{customer.pk}/mappings/{mapping.pk}/delete/", {}),
        ("/customers/warehouse-codes/new/", {"code": "DEL4", "customer": customer.pk}),
        (f"/customers/warehouse-codes/{mapping.pk}/delete/", {}),
        (f"/customers/{customer.pk}/addresses/new/", {"label": "x", "country_code": "IN"}),
        ("/customers/import/", {}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code == 403, url
    assert list(Customer.objects.values_list("code", "name")) == [("C1", "Amazon C1")]
    assert list(WarehouseCodeMapping.objects.values_list("code", flat=True)) == ["BLR7"]
    assert not customer.shipping_addresses.exists()


def test_viewer_does_not_see_write_buttons(member_client, org):
    customer = make_customer(org)
    body = member_client("viewer").get(f"/customers/{customer.pk}/").content.decode()
    assert "Add code" not in body and ">Edit<" not in body and "Delete" not in body


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/customers/")
    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/customers/")


@pytest.mark.parametrize("role", ["viewer", "operator"])
def test_api_readers_get_403_with_message_on_writes(org, role):
    client = api_client(org, role)
    customer = make_customer(org)
    message = {"detail": NEEDS_MANAGER.format(role=role.capitalize())}
    assert client.get("/api/v1/customers/").status_code == 200
    assert client.get("/api/v1/customers/warehouse-codes").status_code == 200
    calls = [
        client.post(
            "/api/v1/customers/", {"code": "X", "name": "X"}, content_type="application/json"
        ),
        client.patch(
            f"/api/v1/customers/{customer.pk}", {"name": "Y"}, content_type="application/json"
        ),
        client.delete(f"/api/v1/customers/{customer.pk}"),
        client.post(
            "/api/v1/customers/warehouse-codes",
            {"code": "BLR7", "customer_id": customer.pk},
            content_type="application/json",
        ),
    ]
    assert [(r.status_code, r.json()) for r in calls] == [(403, message)] * 4
    assert list(Customer.objects.values_list("name", flat=True)) == ["Amazon AMZ-BLR7"]
    assert not WarehouseCodeMapping.objects.exists()


def test_manager_creates_customer_in_ui(member_client, org):
    client = member_client("manager")
    response = client.post("/customers/new/", customer_post())
    customer = Customer.objects.get()
    assert response.url == f"/customers/{customer.pk}/"
    assert customer.organization == org
