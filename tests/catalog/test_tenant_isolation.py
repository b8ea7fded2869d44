import pytest

from tests import factories
from tests.catalog.builders import api_client, upload
from vendorflow.catalog.models import Location, Product, ProductMapping


@pytest.fixture
def foreign(other_org):
    location = factories.make_location(other_org, "FOREIGN")
    product = factories.make_product(other_org, "FOREIGN-SKU", barcodes=["8901234567890"])
    channel = factories.make_channel(other_org, vendor_code="ALIEN")
    mapping = factories.map_product(channel, product, asin="B0FOREIGN1")
    return {"location": location, "product": product, "channel": channel, "mapping": mapping}


def test_lists_show_only_the_members_organization(member_client, org, foreign):
    factories.make_location(org, "MINE")
    factories.make_product(org, "MINE-SKU")
    client = member_client("viewer")
    assert [loc.code for loc in client.get("/catalog/locations/").context["page_obj"]] == ["MINE"]
    assert [p.sku for p in client.get("/catalog/products/").context["page_obj"]] == ["MINE-SKU"]
    assert client.get("/catalog/mappings/").context["channel"] is None
    body = client.get("/catalog/products/export.csv")
    assert b"FOREIGN" not in b"".join(body.streaming_content)


@pytest.mark.parametrize(
    "url",
    [
        "/catalog/locations/{location}/edit/",
        "/catalog/locations/{location}/delete/",
        "/catalog/products/{product}/",
        "/catalog/products/{product}/edit/",
        "/catalog/products/{product}/delete/",
        "/catalog/mappings/{mapping}/edit/",
        "/catalog/mappings/{mapping}/delete/",
        "/catalog/mappings/?channel={channel}",
        "/catalog/mappings/new/?channel={channel}",
        "/catalog/mappings/export.csv?channel={channel}",
        "/catalog/mappings/suggestions/?channel={channel}",
        "/catalog/mappings/?channel=abc",
    ],
)
def test_ui_objects_of_another_organization_are_404(member_client, org, foreign, url):
    ids = {name: obj.pk for name, obj in foreign.items()}
    client = member_client("admin")
    assert client.get(url.format(**ids)).status_code == 404
    if "edit" in url or "delete" in url or "new" in url or "suggestions" in url:
        assert (
            client.post(url.format(**ids), {"name": "x", "sku": "x", "code": "X"}).status_code
            == 404
        )


def test_nothing_foreign_changes_after_attempts(member_client, org, foreign):
    client = member_client("admin")
    client.post(f"/catalog/products/{foreign['product'].pk}/delete/")
    client.post(f"/catalog/locations/{foreign['location'].pk}/delete/")
    client.post(f"/catalog/mappings/{foreign['mapping'].pk}/delete/")
    assert Product.objects.filter(pk=foreign["product"].pk).exists()
    assert Location.objects.filter(pk=foreign["location"].pk).exists()
    assert ProductMapping.objects.filter(pk=foreign["mapping"].pk).exists()


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/catalog/locations/{location}"),
        ("delete", "/api/v1/catalog/locations/{location}"),
        ("get", "/api/v1/catalog/products/{product}"),
        ("delete", "/api/v1/catalog/products/{product}"),
        ("get", "/api/v1/catalog/mappings/{mapping}"),
        ("delete", "/api/v1/catalog/mappings/{mapping}"),
        ("get", "/api/v1/catalog/mappings?channel_id={channel}"),
    ],
)
def test_api_objects_of_another_organization_are_404(client, org, foreign, method, url):
    ids = {name: obj.pk for name, obj in foreign.items()}
    api = api_client(client, org, "admin")
    assert getattr(api, method)(url.format(**ids)).status_code == 404


def test_api_writes_into_another_organizations_channel_are_404(client, org, foreign):
    factories.make_product(org, "MINE")
    api = api_client(client, org, "admin")
    channel_id = foreign["channel"].pk
    response = api.post(
        "/api/v1/catalog/mappings",
        {"channel_id": channel_id, "asin": "B0MINE0001", "sku": "MINE"},
        content_type="application/json",
    )
    assert response.status_code == 404
    response = api.post(
        f"/api/v1/catalog/mappings/import?channel_id={channel_id}",
        {"file": upload("asin,vendor_product_id,sku\nB0MINE0001,,MINE\n")},
    )
    assert response.status_code == 404
    assert ProductMapping.objects.count() == 1


def test_api_lists_and_lookup_are_scoped(client, org, foreign):
    api = api_client(client, org, "viewer")
    assert api.get("/api/v1/catalog/products").json() == {"items": [], "count": 0}
    assert api.get("/api/v1/catalog/mappings").json() == {"items": [], "count": 0}
    assert api.get("/api/v1/catalog/products/lookup?code=8901234567890").status_code == 404


def test_a_mapping_cannot_point_at_another_organizations_product(member_client, org, foreign):
    channel = factories.make_channel(org)
    response = member_client("manager").post(
        f"/catalog/mappings/new/?channel={channel.pk}", {"asin": "B0MINE0001", "sku": "FOREIGN-SKU"}
    )
    assert response.context["form"].errors == {"sku": ["No product with SKU FOREIGN-SKU."]}
