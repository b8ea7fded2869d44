import pytest

from tests import factories
from tests.catalog.builders import api_client, upload
from vendorflow.catalog.models import Location, Product

WRITE_PAGES = [
    "/catalog/locations/new/",
    "/catalog/locations/import/",
    "/catalog/products/new/",
    "/catalog/products/import/",
    "/catalog/mappings/new/",
    "/catalog/mappings/import/",
    "/catalog/mappings/suggestions/",
]


@pytest.mark.parametrize("role", ["viewer", "operator"])
@pytest.mark.parametrize("url", WRITE_PAGES)
def test_viewers_and_operators_cannot_open_write_pages(member_client, org, role, url):
    client = member_client(role)
    assert client.get(url).status_code == 403
    assert client.post(url, {"code": "WH9", "name": "x", "sku": "S"}).status_code == 403
    assert not Location.objects.exists()
    assert not Product.objects.exists()


@pytest.mark.parametrize("role", ["viewer", "operator"])
def test_viewers_and_operators_cannot_edit_or_delete(member_client, org, role):
    location = factories.make_location(org, "WH1")
    product = factories.make_product(org, "SKU-1")
    client = member_client(role)
    assert client.post(f"/catalog/locations/{location.pk}/delete/").status_code == 403
    assert (
        client.post(f"/catalog/products/{product.pk}/edit/", {"sku": "X", "name": "X"}).status_code
        == 403
    )
    assert client.post(f"/catalog/products/{product.pk}/delete/").status_code == 403
    assert Location.objects.filter(pk=location.pk).exists()
    product.refresh_from_db()
    assert product.sku == "SKU-1"


@pytest.mark.parametrize("role", ["viewer", "operator", "manager"])
def test_every_member_can_read(member_client, org, role):
    client = member_client(role)
    for url in [
        "/catalog/locations/",
        "/catalog/products/",
        "/catalog/mappings/",
        "/catalog/products/export.csv",
        "/catalog/locations/export.csv",
    ]:
        assert client.get(url).status_code == 200


def test_write_buttons_are_hidden_from_viewers(member_client, org):
    body = member_client("viewer").get("/catalog/products/").content.decode()
    assert "Add product" not in body
    assert "Import CSV" not in body


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/catalog/products/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/catalog/products/"


@pytest.mark.parametrize("role", ["viewer", "operator"])
def test_api_writes_are_403_below_manager(client, org, role):
    product = factories.make_product(org, "SKU-1")
    api = api_client(client, org, role)
    response = api.post(
        "/api/v1/catalog/locations", {"code": "WH1", "name": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": f"This needs the Manager role or higher; you are {role.title()}."
    }
    assert api.delete(f"/api/v1/catalog/products/{product.pk}").status_code == 403
    files = {"file": upload("sku,name\nSKU-2,x\n")}
    assert api.post("/api/v1/catalog/products/import", files).status_code == 403
    assert api.get("/api/v1/catalog/products").status_code == 200
    assert list(Product.objects.values_list("sku", flat=True)) == ["SKU-1"]
    assert not Location.objects.exists()


def test_api_manager_can_write(client, org):
    api = api_client(client, org, "manager")
    response = api.post(
        "/api/v1/catalog/locations",
        {"code": " wh1 ", "name": "Main"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["code"] == "WH1"
