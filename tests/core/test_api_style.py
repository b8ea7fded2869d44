"""One API style, checked on the OpenAPI document: no trailing slashes, PATCH for updates, every
list paged by `limit`/`offset` into `{count, items}`. Old paths stay one release, deprecated."""

import pytest

from tests import factories
from tests.customers.builders import api_client
from vendorflow.api import api

# Whole, short lists answered without pages (reviewed): the organization's members, the
# caller's own tokens, the organization's handful of sales channels, the sign-ins locked out
# now (at most one per member and address, for 15 minutes).
UNPAGED_LISTS = {
    "/api/v1/accounts/members",
    "/api/v1/accounts/lockouts",
    "/api/v1/accounts/tokens",
    "/api/v1/channels/sales-channels",
}


def _operations():
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            yield path, method.upper(), operation


def _current():
    return [(p, m, o) for p, m, o in _operations() if not o.get("deprecated")]


def test_no_current_path_ends_with_a_slash():
    assert [f"{m} {p}" for p, m, _ in _current() if p.endswith("/")] == []


def test_updates_are_patch_never_put():
    assert [f"{m} {p}" for p, m, _ in _current() if m == "PUT"] == []


def test_every_list_pages_by_limit_and_offset_into_count_and_items():
    """A read answering several rows is a `{count, items}` page taking `limit` and `offset`."""
    document = api.get_openapi_schema()
    bare, unpaged = [], []
    for path, method, operation in _current():
        content = operation["responses"].get(200, {}).get("content", {})
        schema = content.get("application/json", {}).get("schema", {})
        if method != "GET" or path in UNPAGED_LISTS or not schema:
            continue
        names = {parameter["name"] for parameter in operation.get("parameters", [])}
        if schema.get("type") == "array":
            bare.append(path)
        elif "$ref" in schema:
            body = document["components"]["schemas"][schema["$ref"].split("/")[-1]]
            if "items" in body.get("properties", {}) and not {"limit", "offset"} <= names:
                unpaged.append(path)
    assert (bare, unpaged) == ([], [])


def test_the_reviewed_unpaged_lists_still_exist():
    paths = {path for path, _, _ in _current()}
    assert paths >= UNPAGED_LISTS


@pytest.fixture
def client(org):
    return api_client(org, "admin")


def test_old_paths_answer_with_a_deprecation_header(org, client):
    location = factories.make_location(org, "WH1")
    product = factories.make_product(org, "SKU-1")
    old = {
        "/api/v1/orders/": "/api/v1/orders",
        "/api/v1/customers/": "/api/v1/customers",
        "/api/v1/channels/": "/api/v1/channels",
        "/api/v1/catalog/products?page=2&page_size=5": "/api/v1/catalog/products?limit=5&offset=5",
    }
    for url, successor in old.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert (response["Deprecation"], response["Link"]) == (
            "true",
            f'<{successor}>; rel="successor-version"',
        )
    replaced = client.put(
        f"/api/v1/catalog/locations/{location.pk}",
        {"code": "WH1", "name": "Renamed"},
        content_type="application/json",
    )
    assert replaced.status_code == 200 and replaced["Deprecation"] == "true"
    assert replaced["Link"] == f'</api/v1/catalog/locations/{location.pk}>; rel="successor-version"'
    assert "Deprecation" not in client.get("/api/v1/orders")
    assert "Deprecation" not in client.get("/api/v1/catalog/products?limit=5")
    assert client.get(f"/api/v1/catalog/products/{product.pk}").status_code == 200


def test_patch_changes_only_the_fields_sent(org, client):
    location = factories.make_location(org, "WH1", city="Pune")
    product = factories.make_product(org, "SKU-1", barcodes=["8901234500019"], case_pack_size=6)
    channel = factories.make_channel(org)
    mapping = factories.map_product(channel, product, asin="B0SOAP0001", vendor_product_id="V1")

    moved = client.patch(
        f"/api/v1/catalog/locations/{location.pk}",
        {"name": "Dock"},
        content_type="application/json",
    )
    renamed = client.patch(
        f"/api/v1/catalog/products/{product.pk}", {"name": "Soap"}, content_type="application/json"
    )
    remapped = client.patch(
        f"/api/v1/catalog/mappings/{mapping.pk}",
        {"asin": "B0SOAP0002"},
        content_type="application/json",
    )

    assert (moved.json()["code"], moved.json()["name"], moved.json()["city"]) == (
        "WH1",
        "Dock",
        "Pune",
    )
    assert (
        renamed.json()["name"],
        renamed.json()["barcodes"],
        renamed.json()["case_pack_size"],
    ) == (
        "Soap",
        ["8901234500019"],
        6,
    )
    assert (remapped.json()["asin"], remapped.json()["vendor_product_id"]) == ("B0SOAP0002", "V1")
    refused = client.patch(
        f"/api/v1/catalog/products/{product.pk}", {"name": ""}, content_type="application/json"
    )
    assert (refused.status_code, list(refused.json()["detail"])) == (422, ["name"])


def test_exact_identifier_filters_in_the_catalog_and_customers(org, client):
    soap = factories.make_product(org, "SKU-1", barcodes=["8901000000011"])
    factories.make_product(org, "SKU-10")
    channel = factories.make_channel(org)
    factories.map_product(channel, soap, asin="B0SOAP0001")
    customer = factories.make_customer(org, "AMZ-BLR7")
    factories.map_warehouse(org, "BLR7", customer)
    factories.make_customer(org, "AMZ-BLR70")

    def skus(url):
        return [item["sku"] for item in client.get(url).json()["items"]]

    assert skus("/api/v1/catalog/products?sku=SKU-1") == ["SKU-1"]
    assert skus("/api/v1/catalog/products?barcode=08901000000011") == ["SKU-1"]
    assert skus("/api/v1/catalog/mappings?asin=b0soap0001") == ["SKU-1"]
    assert skus("/api/v1/catalog/mappings?sku=SKU-10") == []
    codes = [c["code"] for c in client.get("/api/v1/customers?fc=blr7").json()["items"]]
    assert codes == ["AMZ-BLR7"]
    assert client.get("/api/v1/customers?code=AMZ-BLR7").json()["count"] == 1
    assert client.get(f"/api/v1/channels?vendor_code={channel.vendor_code}").json()["count"] == 1
