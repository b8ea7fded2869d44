import pytest

from tests import factories
from tests.catalog.builders import api_client, csv_body, upload
from vendorflow.catalog.models import ProductMapping

HEADER = "asin,vendor_product_id,sku\n"


@pytest.fixture
def channel(org):
    return factories.make_channel(org)


def _rows():
    return list(
        ProductMapping.objects.order_by("channel_id", "asin", "vendor_product_id").values_list(
            "channel__vendor_code", "asin", "vendor_product_id", "product__sku"
        )
    )


def _import(client, channel, text):
    return client.post(
        f"/catalog/mappings/import/?channel={channel.pk}", {"file": upload(text)}, follow=True
    )


def test_import_creates_completes_and_ignores_identical_rows(member_client, org, channel):
    tea = factories.make_product(org, "TEA-1")
    factories.make_product(org, "COF-1")
    factories.map_product(channel, tea, asin="B0TEA00001")
    factories.map_product(channel, tea, vendor_product_id="V-TEA2")
    text = HEADER + "b0tea00001,V-TEA,TEA-1\n,V-TEA2,TEA-1\nB0COF00001,,COF-1\n"
    response = _import(member_client("manager"), channel, text)
    assert [str(m) for m in response.context["messages"]] == [
        "Imported: 2 mapping(s) created or changed."
    ]
    assert _rows() == [
        ("VEND1", "", "V-TEA2", "TEA-1"),
        ("VEND1", "B0COF00001", "", "COF-1"),
        ("VEND1", "B0TEA00001", "V-TEA", "TEA-1"),
    ]


def test_service_returns_only_created_or_changed_mappings(org, channel):
    from vendorflow.catalog.services import import_product_mappings_csv

    tea = factories.make_product(org, "TEA-1")
    existing = factories.map_product(channel, tea, asin="B0TEA00001", vendor_product_id="V-TEA")
    written = import_product_mappings_csv(
        channel=channel, actor=None, data=HEADER + "B0TEA00001,V-TEA,TEA-1\nB0TEA00002,,TEA-1\n"
    )
    assert [(m.asin, m.product.sku) for m in written] == [("B0TEA00002", "TEA-1")]
    assert existing.pk not in [m.pk for m in written]


def test_every_bad_row_is_listed_and_nothing_is_written(member_client, org, channel):
    tea = factories.make_product(org, "TEA-1")
    factories.make_product(org, "COF-1")
    factories.map_product(channel, tea, asin="B0TEA00001", vendor_product_id="V-TEA")
    before = _rows()
    text = HEADER + (
        "B0NEW00001,,COF-1\n"  # line 2: fine on its own
        "B0NEW00002,,NOPE\n"  # line 3
        "B0NEW00001,,COF-1\n"  # line 4
        "B0TEA00001,,COF-1\n"  # line 5
        ",V-TEA,COF-1\n"  # line 6
        ",,COF-1\n"  # line 7
        "B0SHORT,,COF-1\n"  # line 8
        "B0TEA00001,V-OTHER,TEA-1\n"  # line 9
    )
    response = _import(member_client("manager"), channel, text)
    assert response.status_code == 422
    assert response.context["errors"] == [
        "line 3: unknown SKU NOPE",
        "line 4: duplicate ASIN B0NEW00001 (also on line 2)",
        "line 5: ASIN B0TEA00001 is already mapped to SKU TEA-1",
        "line 6: vendor product id V-TEA is already mapped to SKU TEA-1",
        "line 7: empty identifier: give an ASIN or a vendor product id",
        "line 8: ASIN B0SHORT: an ASIN has 10 characters; it has 7",
        "line 9: duplicate ASIN B0TEA00001 (also on line 5); "
        "ASIN B0TEA00001 is mapped with vendor product id V-TEA, not V-OTHER",
    ]
    assert _rows() == before


def test_api_import_is_per_channel_and_reports_lines_as_json(client, org, channel):
    factories.make_product(org, "TEA-1")
    api = api_client(client, org, "manager")
    url = f"/api/v1/catalog/mappings/import?channel_id={channel.pk}"
    response = api.post(url, {"file": upload(HEADER + "B0TEA00001,,TEA-1\n,,TEA-1\n")})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "The file was not imported: 1 bad row(s).",
        "errors": [{"line": 3, "message": "empty identifier: give an ASIN or a vendor product id"}],
    }
    assert not ProductMapping.objects.exists()
    response = api.post(url, {"file": upload(HEADER + "B0TEA00001,,TEA-1\n")})
    assert response.status_code == 200
    assert [(m["asin"], m["sku"]) for m in response.json()["written"]] == [("B0TEA00001", "TEA-1")]


def test_import_into_another_organizations_channel_is_404(member_client, client, other_org):
    foreign = factories.make_channel(other_org)
    response = member_client("manager").post(
        f"/catalog/mappings/import/?channel={foreign.pk}", {"file": upload(HEADER)}
    )
    assert response.status_code == 404


def test_export_is_per_channel_and_formula_safe(member_client, org, channel):
    product = factories.make_product(org, "-SKU")
    factories.map_product(channel, product, vendor_product_id="=1+1")
    factories.map_product(
        factories.make_channel(org, vendor_code="VEND2"), product, asin="B0OTHER001"
    )
    response = member_client("viewer").get(f"/catalog/mappings/export.csv?channel={channel.pk}")
    assert response["Content-Disposition"] == 'attachment; filename="product-mappings-VEND1.csv"'
    assert csv_body(response).splitlines() == [HEADER.strip(), ",'=1+1,'-SKU"]
