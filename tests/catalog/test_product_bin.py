"""A product's optional bin (where it is kept): form, API, CSV import and export."""

import pytest

from tests import factories
from tests.catalog.builders import EAN13_A, EAN13_B, api_client, csv_body, upload
from vendorflow.catalog.models import Product

pytestmark = pytest.mark.django_db
JSON = {"content_type": "application/json"}
FORM = {
    "sku": "SKU-9",
    "name": "Tea",
    "barcodes": EAN13_A,
    "mrp": "",
    "expected_cost": "",
    "case_pack_size": "",
    "case_barcode": "",
}


def test_the_form_stores_a_trimmed_bin_and_the_detail_page_shows_it(member_client, org):
    client = member_client("manager")
    response = client.post("/catalog/products/new/", {**FORM, "bin": "  A-12-03 "})
    assert response.status_code == 302
    product = Product.objects.get(organization=org, sku="SKU-9")
    assert product.bin == "A-12-03"
    assert (
        "<dt>Bin / location</dt><dd>A-12-03</dd>"
        in client.get(f"/catalog/products/{product.pk}/").content.decode()
    )


def test_the_form_refuses_a_bin_longer_than_32_characters(member_client, org):
    response = member_client("manager").post("/catalog/products/new/", {**FORM, "bin": "B" * 33})
    assert response.status_code == 422
    assert response.context["form"].errors["bin"] == ["At most 32 characters (it has 33)."]
    assert not Product.objects.exists()


def test_the_api_reads_and_writes_the_bin_and_an_absent_one_is_empty(client, org):
    api = api_client(client, org, "manager")
    body = api.post(
        "/api/v1/catalog/products", {"sku": "T1", "name": "Tea", "bin": "R2-S4"}, **JSON
    ).json()
    assert body["bin"] == "R2-S4"
    plain = api.post("/api/v1/catalog/products", {"sku": "T2", "name": "Tea"}, **JSON).json()
    assert plain["bin"] == ""


def test_csv_import_sets_the_bin_and_a_file_without_the_column_keeps_it(member_client, org):
    factories.make_product(org, "SKU-1", name="Tea", barcodes=[EAN13_A], bin="OLD-1")
    client = member_client("manager")
    text = f"sku,name,barcodes,bin\nSKU-1,Tea,{EAN13_A},A-01\nSKU-2,Coffee,{EAN13_B},\n"
    assert client.post("/catalog/products/import/", {"file": upload(text)}).status_code == 302
    assert dict(Product.objects.values_list("sku", "bin")) == {"SKU-1": "A-01", "SKU-2": ""}

    text = f"sku,name,barcodes\nSKU-1,Green tea,{EAN13_A}\n"
    assert client.post("/catalog/products/import/", {"file": upload(text)}).status_code == 302
    assert Product.objects.get(sku="SKU-1").bin == "A-01"


def test_csv_export_has_the_bin_last_and_formula_safe(member_client, org):
    factories.make_product(org, "SKU-1", name="Tea", barcodes=[EAN13_A], mrp=None, bin="=A1")
    body = csv_body(member_client("viewer").get("/catalog/products/export.csv"))
    assert body.splitlines() == [
        "sku,name,barcodes,mrp,expected_cost,case_pack_size,case_barcode,bin",
        f"SKU-1,Tea,{EAN13_A},,,,,'=A1",
    ]
