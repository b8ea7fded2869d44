from tests.customers.builders import api_client, customer_post
from tests.factories import make_customer, map_warehouse
from vendorflow.customers.models import Customer, ShippingAddress, WarehouseCodeMapping


def _theirs(other_org):
    customer = make_customer(other_org, code="THEIRS", name="Their customer")
    mapping = map_warehouse(other_org, "BLR7", customer)
    address = ShippingAddress.objects.create(customer=customer, label="Dock")
    return customer, mapping, address


def test_ui_gives_404_for_another_organizations_objects(member_client, other_org):
    customer, mapping, address = _theirs(other_org)
    client = member_client("admin")
    gets = [
        f"/customers/{customer.pk}/",
        f"/customers/{customer.pk}/edit/",
        f"/customers/{customer.pk}/addresses/{address.pk}/edit/",
        f"/customers/warehouse-codes/{mapping.pk}/edit/",
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        (f"/customers/{customer.pk}/edit/", customer_post(code="THEIRS", name="Hijacked")),
        (f"/customers/{customer.pk}/delete/", {}),
        (f"/customers/{customer.pk}/mappings/", {"code": "DEL4"}),
        (f"/customers/{customer.pk}/mappings/{mapping.pk}/delete/", {}),
        (f"/customers/{customer.pk}/addresses/{address.pk}/delete/", {}),
        (f"/customers/warehouse-codes/{mapping.pk}/delete/", {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    customer.refresh_from_db()
    assert customer.name == "Their customer"
    assert list(WarehouseCodeMapping.objects.values_list("code", flat=True)) == ["BLR7"]
    assert ShippingAddress.objects.count() == 1


def test_lists_and_search_show_only_own_data(member_client, org, other_org):
    _theirs(other_org)
    make_customer(org, code="MINE", name="My customer")
    client = member_client("viewer")
    assert b"Their customer" not in client.get("/customers/").content
    assert client.get("/customers/", {"q": "BLR7"}).context["page_obj"].paginator.count == 0
    assert b"THEIRS" not in client.get("/customers/warehouse-codes/").content


def test_api_gives_404_for_another_organizations_objects(org, other_org):
    customer, mapping, address = _theirs(other_org)
    client = api_client(org, "admin")
    responses = [
        client.get(f"/api/v1/customers/{customer.pk}"),
        client.patch(
            f"/api/v1/customers/{customer.pk}", {"name": "x"}, content_type="application/json"
        ),
        client.delete(f"/api/v1/customers/{customer.pk}"),
        client.get(f"/api/v1/customers/warehouse-codes/{mapping.pk}"),
        client.patch(
            f"/api/v1/customers/warehouse-codes/{mapping.pk}",
            {"code": "X"},
            content_type="application/json",
        ),
        client.delete(f"/api/v1/customers/warehouse-codes/{mapping.pk}"),
        client.delete(f"/api/v1/customers/{customer.pk}/shipping-addresses/{address.pk}"),
    ]
    assert [r.status_code for r in responses] == [404] * 7
    assert client.get("/api/v1/customers/").json() == {"items": [], "count": 0}
    assert client.get("/api/v1/customers/warehouse-codes").json() == {"items": [], "count": 0}
    assert Customer.objects.get(pk=customer.pk).name == "Their customer"


def test_api_cannot_map_code_to_another_organizations_customer(org, other_org):
    customer, _, _ = _theirs(other_org)
    client = api_client(org, "manager")
    response = client.post(
        "/api/v1/customers/warehouse-codes",
        {"code": "DEL4", "customer_id": customer.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": {"customer_id": [f"No customer {customer.pk} in your organization."]}
    }
    assert WarehouseCodeMapping.objects.count() == 1
