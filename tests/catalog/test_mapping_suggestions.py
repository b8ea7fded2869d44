import pytest

from tests import factories
from tests.catalog.builders import EAN13_A, EAN13_B, UPC_A
from vendorflow.catalog.services import Suggestion, suggest_mappings


@pytest.fixture
def channel(org):
    return factories.make_channel(org)


def test_vendor_ids_matching_a_barcode_or_sku_are_suggested(org, other_org, channel):
    tea = factories.make_product(org, "TEA-1", barcodes=["0" + UPC_A])
    coffee = factories.make_product(org, "COF-1", barcodes=[EAN13_B])
    factories.make_product(other_org, "ALIEN", barcodes=[EAN13_A])
    mapped = factories.make_product(org, "MAPPED", barcodes=["8901234567913"])
    factories.map_product(channel, mapped, asin="B0MAPPED01")
    suggestions = suggest_mappings(
        channel=channel,
        identifiers=[
            ("b0tea00001", UPC_A),  # UPC-A of an EAN-13 with a leading 0
            ("", "COF-1"),  # a SKU
            ("B0COF00001", EAN13_B),
            ("B0ALIEN001", EAN13_A),  # another organization's barcode
            ("B0MAPPED01", "8901234567913"),  # already mapped on the channel
            ("B0NONE0001", ""),
            ("b0tea00001", UPC_A),  # repeated
        ],
    )
    assert suggestions == [
        Suggestion("B0TEA00001", UPC_A, tea, "barcode match"),
        Suggestion("", "COF-1", coffee, "SKU match"),
        Suggestion("B0COF00001", EAN13_B, coffee, "barcode match"),
    ]


def test_suggestions_page_lists_matches_with_a_map_link(member_client, org, channel):
    factories.make_product(org, "TEA-1", barcodes=[EAN13_A])
    response = member_client("manager").post(
        f"/catalog/mappings/suggestions/?channel={channel.pk}",
        {"identifiers": f"B0TEA00001,{EAN13_A}\nB0NONE0001,123"},
    )
    assert [(s.asin, s.product.sku) for s in response.context["suggestions"]] == [
        ("B0TEA00001", "TEA-1")
    ]
    assert f"asin=B0TEA00001&amp;vendor_product_id={EAN13_A}" in response.content.decode()


def test_api_suggestions(client, org, channel):
    from tests.catalog.builders import api_client

    factories.make_product(org, "TEA-1", barcodes=[EAN13_A])
    api = api_client(client, org, "viewer")
    response = api.post(
        "/api/v1/catalog/mappings/suggestions",
        {
            "channel_id": channel.pk,
            "identifiers": [{"asin": "B0TEA00001", "vendor_product_id": EAN13_A}],
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert [(s["asin"], s["sku"], s["reason"]) for s in body] == [
        ("B0TEA00001", "TEA-1", "barcode match")
    ]
