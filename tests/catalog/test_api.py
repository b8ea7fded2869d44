import pytest

from tests import factories
from tests.catalog.builders import CASE_A, EAN13_A, UPC_A, api_client
from vendorflow.catalog.models import Product, ProductMapping

JSON = {"content_type": "application/json"}


@pytest.fixture
def api(client, org):
    return api_client(client, org, "manager")


def test_create_product_with_barcodes_and_read_it_back(api, org):
    payload = {
        "sku": "TEA-1",
        "name": "Tea",
        "barcodes": [EAN13_A, UPC_A],
        "mrp": "99.5",
        "case_pack_size": 6,
        "case_barcode": CASE_A,
    }
    response = api.post("/api/v1/catalog/products", payload, **JSON)
    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in ("sku", "barcodes", "mrp", "case_pack_size", "case_barcode")} == {
        "sku": "TEA-1",
        "barcodes": [UPC_A, EAN13_A],
        "mrp": "99.50",
        "case_pack_size": 6,
        "case_barcode": CASE_A,
    }
    assert api.get(f"/api/v1/catalog/products/{body['id']}").json() == body


def test_product_validation_errors_are_422_by_field(api, org):
    factories.make_product(org, "TEA-1", name="Tea", barcodes=[EAN13_A])
    response = api.post(
        "/api/v1/catalog/products", {"sku": "TEA-2", "name": "", "barcodes": [EAN13_A]}, **JSON
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": {
            "name": ["This field is required."],
            "barcodes": [f"Barcode {EAN13_A} is already on product TEA-1 (Tea)."],
        }
    }
    assert Product.objects.count() == 1


def test_lookup_by_code_returns_product_and_quantity(api, org):
    factories.make_product(
        org, "TEA-1", barcodes=["0" + UPC_A], case_pack_size=6, case_barcode=CASE_A
    )
    each = api.get(f"/api/v1/catalog/products/lookup?code={UPC_A}").json()
    case = api.get(f"/api/v1/catalog/products/lookup?code={CASE_A}").json()
    assert (each["product"]["sku"], each["quantity"]) == ("TEA-1", 1)
    assert (case["product"]["sku"], case["quantity"]) == ("TEA-1", 6)
    missing = api.get("/api/v1/catalog/products/lookup?code=nope")
    assert (missing.status_code, missing.json()) == (
        404,
        {"detail": "No product has the barcode, SKU, ASIN or vendor product id nope."},
    )


def test_lookup_finds_a_product_by_its_mapped_asin_or_vendor_id_as_scanning_does(
    api, org, other_org
):
    product = factories.make_product(org, "TEA-1")
    channel = factories.make_channel(org)
    other_channel = factories.make_channel(org, vendor_code="VEND2")
    factories.map_product(channel, product, asin="B0TEA00001", vendor_product_id="TEA-V")
    theirs = factories.make_channel(other_org)
    factories.map_product(theirs, factories.make_product(other_org, "THEIRS"), asin="B0THEIRS01")
    by_asin = api.get("/api/v1/catalog/products/lookup?code=b0tea00001").json()
    by_vendor_id = api.get(f"/api/v1/catalog/products/lookup?code=TEA-V&channel_id={channel.pk}")
    assert (by_asin["product"]["sku"], by_asin["quantity"]) == ("TEA-1", 1)
    assert by_vendor_id.json()["product"]["sku"] == "TEA-1"
    elsewhere = f"/api/v1/catalog/products/lookup?code=TEA-V&channel_id={other_channel.pk}"
    assert api.get(elsewhere).status_code == 404
    assert api.get("/api/v1/catalog/products/lookup?code=B0THEIRS01").status_code == 404


def test_delete_refused_while_order_lines_use_the_product(api, org):
    product = factories.make_product(org, "TEA-1")
    channel = factories.make_channel(org)
    factories.make_order(channel, factories.make_customer(org), lines=[{"product": product}])
    response = api.delete(f"/api/v1/catalog/products/{product.pk}")
    assert response.status_code == 422
    assert response.json() == {
        "detail": {"__all__": ["Product TEA-1 cannot be deleted: 1 order line(s) use it."]}
    }
    assert Product.objects.filter(pk=product.pk).exists()


def test_mappings_create_filter_update_delete(api, org):
    tea = factories.make_product(org, "TEA-1")
    factories.make_product(org, "COF-1")
    channel = factories.make_channel(org)
    other = factories.make_channel(org, vendor_code="VEND2")
    factories.map_product(other, tea, asin="B0OTHER001")
    created = api.post(
        "/api/v1/catalog/mappings",
        {"channel_id": channel.pk, "asin": "b0tea00001", "sku": "TEA-1"},
        **JSON,
    )
    assert created.status_code == 201
    mapping_id = created.json()["id"]
    listed = api.get(f"/api/v1/catalog/mappings?channel_id={channel.pk}").json()
    assert [(m["asin"], m["sku"]) for m in listed["items"]] == [("B0TEA00001", "TEA-1")]
    duplicate = api.post(
        "/api/v1/catalog/mappings",
        {"channel_id": channel.pk, "asin": "B0TEA00001", "sku": "COF-1"},
        **JSON,
    )
    assert duplicate.json() == {
        "detail": {"asin": ["ASIN B0TEA00001 is already mapped to SKU TEA-1 on this channel."]}
    }
    updated = api.put(
        f"/api/v1/catalog/mappings/{mapping_id}", {"asin": "B0TEA00001", "sku": "COF-1"}, **JSON
    )
    assert updated.json()["sku"] == "COF-1"
    assert api.delete(f"/api/v1/catalog/mappings/{mapping_id}").status_code == 204
    assert list(ProductMapping.objects.values_list("asin", flat=True)) == ["B0OTHER001"]


def test_location_crud_and_delete_refusal(api, org):
    created = api.post("/api/v1/catalog/locations", {"code": "wh1", "name": "Main"}, **JSON).json()
    put = api.put(
        f"/api/v1/catalog/locations/{created['id']}",
        {"code": "WH1", "name": "Main 2", "city": "Pune"},
        **JSON,
    )
    assert (put.json()["name"], put.json()["city"]) == ("Main 2", "Pune")
    factories.make_channel(org, warehouse_codes=["WH1"])
    refused = api.delete(f"/api/v1/catalog/locations/{created['id']}")
    assert refused.status_code == 422
    assert refused.json() == {
        "detail": {
            "__all__": [
                "Location WH1 cannot be deleted: it is used by the channel Amazon Retail B2B VEND1."
            ]
        }
    }
