from decimal import Decimal

from tests import factories
from tests.catalog.builders import CASE_A, EAN8, EAN13_A, EAN13_B, UPC_A
from vendorflow.catalog.models import Barcode, Product


def _post(client, url, **overrides):
    data = {
        "sku": " SKU-9 ",
        "name": "Tea 250 g",
        "barcodes": f"{EAN13_A}, {EAN13_A}\n{UPC_A}\n",
        "mrp": "199.50",
        "expected_cost": "120",
        "case_pack_size": "",
        "case_barcode": "",
    }
    data.update(overrides)
    return client.post(url, data)


def test_create_trims_and_deduplicates_barcodes(member_client, org):
    response = _post(member_client("manager"), "/catalog/products/new/")
    product = Product.objects.get(organization=org)
    assert response.status_code == 302
    assert response.url == f"/catalog/products/{product.pk}/"
    assert (product.sku, product.mrp, product.expected_cost) == (
        "SKU-9",
        Decimal("199.50"),
        Decimal("120.00"),
    )
    assert sorted(product.barcodes.values_list("code", "gtin")) == [
        (UPC_A, "00036000291452"),
        (EAN13_A, "0" + EAN13_A),
    ]


def test_each_bad_barcode_is_named_with_its_reason(member_client, org):
    response = _post(
        member_client("manager"),
        "/catalog/products/new/",
        barcodes="4006381333932, 12345\n89012345678A0",
    )
    assert response.status_code == 422
    assert response.context["form"].errors == {
        "barcodes": [
            "Barcode 4006381333932: wrong check digit (expected 1, got 2).",
            "Barcode 12345: must have 8 (EAN-8), 12 (UPC-A), 13 (EAN-13) or 14 (GTIN-14) digits; "
            "it has 5.",
            "Barcode 89012345678A0: a barcode may contain only digits.",
        ]
    }
    assert not Product.objects.exists()


def test_barcode_of_another_product_names_that_product(member_client, org):
    factories.make_product(org, "SKU-1", name="Coffee", barcodes=["0" + UPC_A])
    response = _post(member_client("manager"), "/catalog/products/new/", barcodes=UPC_A)
    assert response.context["form"].errors == {
        "barcodes": [f"Barcode {UPC_A} is already on product SKU-1 (Coffee)."]
    }
    assert Product.objects.count() == 1


def test_barcode_of_another_organization_is_fine(member_client, org, other_org):
    factories.make_product(other_org, "SKU-1", barcodes=[EAN13_A])
    assert _post(member_client("manager"), "/catalog/products/new/").status_code == 302


def test_numbers_sku_and_case_errors(member_client, org):
    factories.make_product(org, "SKU-9")
    response = _post(
        member_client("manager"),
        "/catalog/products/new/",
        mrp="-1",
        expected_cost="abc",
        case_pack_size="0",
        case_barcode=EAN13_B,
    )
    assert response.context["form"].errors == {
        "sku": ["A product with SKU SKU-9 already exists."],
        "mrp": ["Must be 0 or more."],
        "expected_cost": ["'abc' is not a number."],
        "case_pack_size": ["Must be 1 or more."],
        "case_barcode": [f"Case barcode {EAN13_B}: a GTIN-14 has 14 digits; it has 13."],
    }


def test_case_barcode_needs_a_pack_size_and_must_differ_from_each_barcodes(member_client, org):
    client = member_client("manager")
    response = _post(client, "/catalog/products/new/", case_barcode=CASE_A)
    assert response.context["form"].errors == {
        "case_pack_size": ["Enter the case pack size: a case barcode counts that many eaches."]
    }
    response = _post(
        client,
        "/catalog/products/new/",
        barcodes="00" + UPC_A,
        case_pack_size="12",
        case_barcode="00" + UPC_A,
    )
    assert response.context["form"].errors == {
        "case_barcode": [f"Case barcode 00{UPC_A} is also an each barcode of this product."]
    }


def test_case_barcode_of_another_product_is_refused(member_client, org):
    factories.make_product(org, "SKU-1", name="Coffee", case_pack_size=6, case_barcode=CASE_A)
    response = _post(
        member_client("manager"), "/catalog/products/new/", case_pack_size="12", case_barcode=CASE_A
    )
    assert response.context["form"].errors == {
        "case_barcode": [
            f"Case barcode {CASE_A} is already the case barcode of product SKU-1 (Coffee)."
        ]
    }


def test_edit_replaces_barcodes_and_keeps_its_own(member_client, org):
    product = factories.make_product(org, "SKU-9", barcodes=[EAN13_A, EAN13_B])
    response = _post(
        member_client("manager"),
        f"/catalog/products/{product.pk}/edit/",
        barcodes=f"{EAN13_A}\n{EAN8}",
        case_pack_size="24",
        case_barcode=CASE_A,
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert sorted(Barcode.objects.filter(product=product).values_list("code", flat=True)) == [
        EAN13_A,
        EAN8,
    ]
    assert (product.case_pack_size, product.case_barcode) == (24, CASE_A)


def test_detail_shows_barcodes_and_channel_mappings(member_client, org):
    product = factories.make_product(org, "SKU-9", barcodes=[EAN13_A])
    channel = factories.make_channel(org)
    factories.map_product(channel, product, asin="B0TESTASIN", vendor_product_id="V-9")
    body = member_client("viewer").get(f"/catalog/products/{product.pk}/").content.decode()
    assert EAN13_A in body
    assert "B0TESTASIN" in body
    assert "V-9" in body
