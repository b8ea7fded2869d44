from decimal import Decimal

from tests import factories
from tests.catalog.builders import (
    CASE_A,
    CASE_B,
    EAN8,
    EAN13_A,
    EAN13_B,
    EAN13_C,
    UPC_A,
    csv_body,
    upload,
)
from vendorflow.catalog.models import Barcode, Product

HEADER = "sku,name,barcodes,mrp,expected_cost,case_pack_size,case_barcode\n"
URL = "/catalog/products/import/"


def _snapshot():
    products = Product.objects.order_by("sku").values_list(
        "sku", "name", "mrp", "expected_cost", "case_pack_size", "case_barcode"
    )
    return list(products), sorted(Barcode.objects.values_list("product__sku", "code"))


def test_import_creates_and_upserts_by_sku(member_client, org):
    factories.make_product(org, "SKU-1", name="Old", barcodes=[EAN13_A, EAN13_B])
    text = HEADER + (
        f"SKU-1,Tea,{EAN13_A}|{EAN8},10.5,7,,\nSKU-2,Coffee,{UPC_A}|0{UPC_A},250,,12,{CASE_A}\n"
    )
    response = member_client("manager").post(URL, {"file": upload(text)}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Imported: 1 created, 1 updated, 0 unchanged."
    ]
    assert _snapshot() == (
        [
            ("SKU-1", "Tea", Decimal("10.50"), Decimal("7.00"), None, ""),
            ("SKU-2", "Coffee", Decimal("250.00"), None, 12, CASE_A),
        ],
        [("SKU-1", EAN13_A), ("SKU-1", EAN8), ("SKU-2", UPC_A)],
    )


def test_reimporting_the_same_rows_changes_nothing(member_client, org):
    factories.make_product(org, "SKU-1", name="Tea", barcodes=[EAN13_A], mrp=Decimal("10.00"))
    text = HEADER + f"SKU-1,Tea,{EAN13_A},10,,,\n"
    response = member_client("manager").post(URL, {"file": upload(text)}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Imported: 0 created, 0 updated, 1 unchanged."
    ]


def test_barcodes_may_move_between_products_of_the_same_file(member_client, org):
    factories.make_product(org, "SKU-1", barcodes=[EAN13_A], case_pack_size=6, case_barcode=CASE_A)
    factories.make_product(org, "SKU-2", barcodes=[EAN13_B])
    text = HEADER + f"SKU-1,One,{EAN13_B},,,6,{CASE_B}\nSKU-2,Two,{EAN13_A},,,6,{CASE_A}\n"
    response = member_client("manager").post(URL, {"file": upload(text)})
    assert response.status_code == 302
    assert _snapshot()[1] == [("SKU-1", EAN13_B), ("SKU-2", EAN13_A)]
    assert Product.objects.get(sku="SKU-2").case_barcode == CASE_A


def test_every_bad_row_is_listed_and_nothing_is_written(member_client, org):
    factories.make_product(org, "SKU-0", name="Owner", barcodes=[EAN13_C])
    factories.make_product(org, "SKU-1", name="Keep", barcodes=[EAN13_A])
    before = _snapshot()
    text = HEADER + (
        f"SKU-1,Changed,{EAN13_A},1,,,\n"  # line 2: fine on its own
        "SKU-2,Bad numbers,,abc,-2,0,\n"  # line 3
        "SKU-3,Bad barcode,4006381333932|123,,,,\n"  # line 4
        f"SKU-1,Twice,{EAN13_B},,,,\n"  # line 5
        f"SKU-4,Repeats,{EAN13_A},,,,\n"  # line 6: EAN13_A is on line 2
        f"SKU-5,Taken,{EAN13_C},,,,\n"  # line 7: owned by SKU-0, which is not in the file
        f"SKU-6,Case,,,,,{EAN13_B}\n"  # line 8
        ",No sku,,,,,\n"  # line 9
    )
    response = member_client("manager").post(URL, {"file": upload(text)})
    assert response.status_code == 422
    assert response.context["errors"] == [
        "line 3: mrp: 'abc' is not a number; expected_cost: Must be 0 or more; "
        "case_pack_size: Must be 1 or more",
        "line 4: Barcode 4006381333932: wrong check digit (expected 1, got 2); "
        "Barcode 123: must have 8 (EAN-8), 12 (UPC-A), 13 (EAN-13) or 14 (GTIN-14) digits; "
        "it has 3",
        "line 5: duplicate SKU SKU-1 (also on line 2)",
        f"line 6: barcode {EAN13_A} is also on line 2",
        f"line 7: barcode {EAN13_C} is already an each barcode of product SKU-0",
        f"line 8: Case barcode {EAN13_B}: a GTIN-14 has 14 digits; it has 13",
        "line 9: sku: This field is required",
    ]
    assert _snapshot() == before


def test_api_import_returns_422_with_line_errors(client, org):
    from tests.catalog.builders import api_client

    api = api_client(client, org, "manager")
    response = api.post(
        "/api/v1/catalog/products/import", {"file": upload(HEADER + "SKU-1,,,,,,\n")}
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "The file was not imported: 1 bad row(s).",
        "errors": [{"line": 2, "message": "name: This field is required"}],
    }
    assert not Product.objects.exists()


def test_export_is_formula_safe_and_round_trips(member_client, org):
    factories.make_product(
        org, "=SKU", name="@cmd", barcodes=[EAN13_B, EAN13_A], mrp=Decimal("5.00")
    )
    body = csv_body(member_client("viewer").get("/catalog/products/export.csv"))
    assert body.splitlines() == [
        HEADER.strip() + ",bin",
        f"'=SKU,'@cmd,{EAN13_A}|{EAN13_B},5.00,,,,",
    ]


def test_a_misspelt_column_is_named_and_nothing_is_written(member_client, org):
    factories.make_product(org, "SKU-1", name="Keep")
    before = _snapshot()
    text = f"sku,name,barcode\nSKU-1,Changed,{EAN13_A}\nSKU-2,New,{EAN13_B}\n"
    response = member_client("manager").post(URL, {"file": upload(text)})
    assert response.status_code == 422
    assert response.context["errors"] == [
        "unknown column(s): barcode; the columns are: sku, name, barcodes, mrp, "
        "expected_cost, case_pack_size, case_barcode, bin"
    ]
    assert _snapshot() == before
