import pytest

from tests import factories
from vendorflow.channels.services import Prerequisite, prerequisites

pytestmark = pytest.mark.django_db


def test_a_new_channel_lists_everything_missing(org):
    factories.make_location(org, code="WH1")
    channel = factories.make_channel(
        org, warehouse_codes=["WH1", "WH7", "WH8"], client_secret="", refresh_token=""
    )
    assert prerequisites(channel) == [
        Prerequisite(
            "credentials",
            "SP-API credentials missing: client secret, refresh token.",
            f"/channels/{channel.pk}/edit/",
            "Enter credentials",
        ),
        Prerequisite(
            "locations",
            "No location for warehouse codes WH7, WH8.",
            "/catalog/locations/",
            "Add locations",
        ),
        Prerequisite(
            "customer_mapping",
            "No customer is mapped to any marketplace warehouse code: every PO would be "
            "held as an import exception.",
            "/customers/warehouse-codes/",
            "Map warehouse codes",
        ),
        Prerequisite(
            "product_mappings",
            "No products are mapped on this channel: order lines cannot be scanned until "
            "their ASINs are mapped.",
            f"/catalog/mappings/?channel={channel.pk}",
            "Map products",
        ),
    ]


def test_a_complete_channel_has_no_prerequisites(org):
    location = factories.make_location(org, code="WH1")
    channel = factories.make_channel(org)
    factories.map_warehouse(org, "BLR7", factories.make_customer(org), location)
    factories.map_product(channel, factories.make_product(org), asin="B000000001")
    assert prerequisites(channel) == []


def test_mappings_of_another_org_or_channel_do_not_count(org, other_org):
    factories.make_location(org, code="WH1")
    channel = factories.make_channel(org)
    sibling = factories.make_channel(org, vendor_code="VEND2")
    factories.map_product(sibling, factories.make_product(org), asin="B000000001")
    factories.map_warehouse(other_org, "BLR7", factories.make_customer(other_org))
    assert [p.key for p in prerequisites(channel)] == ["customer_mapping", "product_mappings"]


def test_channel_page_shows_prerequisites_with_links(admin_client, org):
    channel = factories.make_channel(org)
    html = admin_client.get(f"/channels/{channel.pk}/").content.decode()
    assert html.count('class="prereq"') == 3
    assert 'href="/customers/warehouse-codes/"' in html
    assert f'href="/catalog/mappings/?channel={channel.pk}"' in html
    assert 'href="/catalog/locations/"' in html
