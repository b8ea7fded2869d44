"""Broken CSV lines are a 422 naming the line on every catalog import; nothing is written."""

import csv

from tests import factories
from tests.catalog.builders import api_client, upload
from vendorflow.catalog.models import Location, Product, ProductMapping

HUGE = "x" * (csv.field_size_limit() + 1)
TOO_LONG = f"line 3: a cell is longer than {csv.field_size_limit()} characters"


def test_product_page_names_the_line_of_an_over_long_cell(member_client, org):
    text = f"sku,name\nSKU-1,Tea\nSKU-2,{HUGE}\n"
    response = member_client("manager").post("/catalog/products/import/", {"file": upload(text)})
    assert response.status_code == 422
    assert response.context["errors"] == [TOO_LONG]
    assert not Product.objects.exists()


def test_location_page_names_a_row_with_an_unquoted_comma(member_client, org):
    text = "code,name,city\nWH1,Main,Pune\nWH2,Second, North,Pune\n"
    response = member_client("manager").post("/catalog/locations/import/", {"file": upload(text)})
    assert response.status_code == 422
    assert response.context["errors"] == [
        "line 3: 4 cells, but the header has 3 columns; put a cell that contains a comma in "
        'double quotes ("Filter coffee, 500 g")'
    ]
    assert not Location.objects.exists()


def test_mapping_api_names_the_line_of_an_unclosed_quote(client, org):
    channel = factories.make_channel(org)
    factories.make_product(org, "TEA-1")
    text = 'asin,vendor_product_id,sku\nB000000001,,TEA-1\nB000000002,"89012,TEA-1\n'
    api = api_client(client, org, "manager")
    response = api.post(
        f"/api/v1/catalog/mappings/import?channel_id={channel.pk}", {"file": upload(text)}
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": 'The file cannot be read: line 3: a cell opens a double quote (") that is '
        "never closed.",
        "errors": [],
    }
    assert not ProductMapping.objects.exists()
