import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.catalog.builders import CASE_A, EAN8, EAN13_A, UPC_A
from vendorflow.catalog.services import (
    find_mapped_product,
    find_product_by_asin,
    find_product_by_code,
)


@pytest.fixture
def tea(org):
    return factories.make_product(
        org, "TEA-1", barcodes=[EAN13_A, UPC_A, EAN8], case_pack_size=12, case_barcode=CASE_A
    )


@pytest.mark.parametrize("code", [EAN13_A, f" {EAN13_A} ", "0" + EAN13_A, EAN8, "000000" + EAN8])
def test_each_barcode_counts_one(org, tea, code):
    assert find_product_by_code(organization=org, code=code) == (tea, 1)


@pytest.mark.parametrize("code", [UPC_A, "0" + UPC_A, "00" + UPC_A])
def test_upc_a_ean13_and_gtin14_forms_are_one_barcode(org, tea, code):
    assert find_product_by_code(organization=org, code=code) == (tea, 1)


def test_stored_ean13_with_leading_zero_is_found_by_its_upc_a(org):
    product = factories.make_product(org, "SKU-2", barcodes=["0" + UPC_A])
    assert find_product_by_code(organization=org, code=UPC_A) == (product, 1)


def test_sku_counts_one(org, tea):
    assert find_product_by_code(organization=org, code="TEA-1") == (tea, 1)


def test_case_barcode_counts_the_case_pack(org, tea):
    assert find_product_by_code(organization=org, code=CASE_A) == (tea, 12)


def test_unknown_blank_and_other_organizations_codes_find_nothing(org, other_org, tea):
    assert find_product_by_code(organization=org, code="nope") is None
    assert find_product_by_code(organization=org, code="  ") is None
    assert find_product_by_code(organization=other_org, code=EAN13_A) is None
    assert find_product_by_code(organization=other_org, code="TEA-1") is None


@pytest.mark.parametrize(
    ("code", "queries"), [(EAN13_A, 1), ("TEA-1", 2), (CASE_A, 2), ("nope", 2)]
)
def test_lookups_stay_within_three_queries(org, tea, code, queries):
    with CaptureQueriesContext(connection) as captured:
        find_product_by_code(organization=org, code=code)
    assert len(captured) == queries


def test_asin_and_vendor_id_resolve_per_channel(org, tea):
    channel = factories.make_channel(org)
    other_channel = factories.make_channel(org, vendor_code="VEND2")
    coffee = factories.make_product(org, "COF-1")
    factories.map_product(channel, tea, asin="B0TEA00001")
    factories.map_product(channel, coffee, vendor_product_id="V-COF")
    assert find_product_by_asin(channel=channel, asin=" b0tea00001 ") == tea
    assert find_product_by_asin(channel=other_channel, asin="B0TEA00001") is None
    assert find_mapped_product(channel=channel, asin="B0TEA00001", vendor_product_id="V-COF") == tea
    assert (
        find_mapped_product(channel=channel, asin="B0UNKNOWN1", vendor_product_id="V-COF") == coffee
    )
    assert find_mapped_product(channel=channel) is None
