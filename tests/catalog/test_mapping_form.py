import pytest

from tests import factories
from tests.catalog.builders import EAN13_A, UPC_A
from vendorflow.accounts.models import AuditLog
from vendorflow.catalog.models import ProductMapping


@pytest.fixture
def channel(org):
    return factories.make_channel(org)


@pytest.fixture
def tea(org):
    return factories.make_product(org, "TEA-1", name="Tea", barcodes=[EAN13_A, UPC_A])


def _add(client, channel, **data):
    return client.post(f"/catalog/mappings/new/?channel={channel.pk}", data)


def test_add_mapping_by_sku(member_client, org, channel, tea):
    response = _add(
        member_client("manager"), channel, asin=" b0tea00001 ", vendor_product_id="", sku="TEA-1"
    )
    assert response.status_code == 302
    assert response.url == f"/catalog/mappings/?channel={channel.pk}"
    mapping = ProductMapping.objects.get()
    assert (mapping.asin, mapping.vendor_product_id, mapping.product, mapping.channel) == (
        "B0TEA00001",
        "",
        tea,
        channel,
    )
    assert AuditLog.objects.filter(
        action="product_mapping.create", object_id=str(mapping.pk)
    ).exists()


@pytest.mark.parametrize(
    ("asin", "message"),
    [
        ("B0TEA0001", "ASIN B0TEA0001: an ASIN has 10 characters; it has 9."),
        ("B0TEA-0001", "ASIN B0TEA-0001: only letters and digits are allowed, not '-'."),
    ],
)
def test_malformed_asin_says_what_is_wrong(member_client, channel, tea, asin, message):
    response = _add(member_client("manager"), channel, asin=asin, sku="TEA-1")
    assert response.status_code == 422
    assert response.context["form"].errors == {"asin": [message]}
    assert not ProductMapping.objects.exists()


def test_an_identifier_and_a_known_sku_are_required(member_client, channel, tea):
    response = _add(member_client("manager"), channel, asin="", vendor_product_id="", sku="NOPE")
    assert response.context["form"].errors == {
        "__all__": ["Enter an ASIN or a vendor product id (or both)."],
        "sku": ["No product with SKU NOPE."],
    }


def test_identifiers_already_mapped_name_the_existing_sku(member_client, org, channel, tea):
    coffee = factories.make_product(org, "COF-1")
    factories.map_product(channel, coffee, asin="B0COF00001", vendor_product_id="V-1")
    response = _add(
        member_client("manager"), channel, asin="B0COF00001", vendor_product_id="V-1", sku="TEA-1"
    )
    assert response.context["form"].errors == {
        "asin": ["ASIN B0COF00001 is already mapped to SKU COF-1 on this channel."],
        "vendor_product_id": [
            "Vendor product id V-1 is already mapped to SKU COF-1 on this channel."
        ],
    }
    assert ProductMapping.objects.count() == 1


def test_same_asin_on_another_channel_is_fine(member_client, org, channel, tea):
    other = factories.make_channel(org, vendor_code="VEND2")
    factories.map_product(other, tea, asin="B0TEA00001")
    assert (
        _add(member_client("manager"), channel, asin="B0TEA00001", sku="TEA-1").status_code == 302
    )


def test_edit_and_delete(member_client, org, channel, tea):
    coffee = factories.make_product(org, "COF-1")
    mapping = factories.map_product(channel, tea, asin="B0TEA00001")
    client = member_client("manager")
    response = client.post(
        f"/catalog/mappings/{mapping.pk}/edit/",
        {"asin": "B0TEA00001", "vendor_product_id": "V-9", "sku": "COF-1"},
    )
    assert response.status_code == 302
    mapping.refresh_from_db()
    assert (mapping.vendor_product_id, mapping.product) == ("V-9", coffee)
    assert client.post(f"/catalog/mappings/{mapping.pk}/delete/").status_code == 302
    assert not ProductMapping.objects.exists()


def test_add_form_preselects_the_product_whose_barcode_is_the_vendor_id(
    member_client, channel, tea
):
    response = member_client("manager").get(
        f"/catalog/mappings/new/?channel={channel.pk}&vendor_product_id=00{UPC_A}"
    )
    assert response.context["form"]["sku"].value() == "TEA-1"
    assert "suggested: barcode match — TEA-1 · Tea" in response.content.decode()


def test_suggest_product_partial_for_htmx(member_client, channel, tea):
    response = member_client("manager").get(
        f"/catalog/mappings/suggest-product/?channel={channel.pk}&vendor_product_id={EAN13_A}",
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert 'value="TEA-1"' in body
    assert "suggested: barcode match" in body
    assert "<form" not in body
