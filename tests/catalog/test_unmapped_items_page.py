"""The Unmapped items page: listed items, mapping one in place, creating its product."""

import pytest

from tests import factories
from tests.catalog.unmapped_builders import ASIN, VENDOR_ID, unmapped_line, waiting_order
from vendorflow.catalog.models import Product, ProductMapping
from vendorflow.orders.models import Order


@pytest.fixture
def world(org):
    return factories.make_channel(org), factories.make_customer(org)


def _item(channel, **kw) -> dict:
    return {"channel": channel.pk, "asin": ASIN, "vendor_product_id": VENDOR_ID, **kw}


def test_a_viewer_sees_the_items_without_the_map_forms(member_client, org, world):
    channel, customer = world
    factories.make_product(org, "TEA-1", barcodes=[VENDOR_ID])
    waiting_order(channel, customer, "PO1", [unmapped_line(ordered_quantity=7)])

    page = member_client("viewer").get("/catalog/unmapped/").content.decode()

    assert f"<code>{ASIN}</code>" in page
    assert "<b>TEA-1</b>" in page and "barcode match" in page
    assert '<td data-label="Units" class="num">7</td>' in page
    assert "/catalog/unmapped/map/" not in page
    assert "Create product…" not in page


def test_a_manager_maps_in_place_and_is_told_which_orders_are_ready(member_client, org, world):
    channel, customer = world
    product = factories.make_product(org, "TEA-1")
    waiting_order(channel, customer, "PO1", [unmapped_line()])
    client = member_client("manager")

    response = client.post("/catalog/unmapped/map/", _item(channel, sku="TEA-1"), follow=True)

    page = response.content.decode()
    assert f"Mapped {ASIN} to TEA-1: 1 order line(s) set. Ready to scan: PO1." in page
    assert "Every item on open orders is mapped." in page
    assert Order.objects.get().lines.get().product == product
    assert Order.objects.get().needs_mapping is False


def test_an_unknown_sku_is_reported_and_nothing_is_mapped(member_client, org, world):
    channel, customer = world
    waiting_order(channel, customer, "PO1", [unmapped_line()])

    response = member_client("manager").post(
        "/catalog/unmapped/map/", _item(channel, sku="NOPE"), follow=True
    )

    assert "sku: No product with SKU NOPE" in response.content.decode()
    assert ProductMapping.objects.count() == 0


def test_the_new_product_form_is_prefilled_from_the_po(member_client, org, world):
    channel, customer = world
    waiting_order(channel, customer, "PO1", [unmapped_line()])

    page = member_client("manager").get("/catalog/unmapped/new-product/", _item(channel))

    html = page.content.decode()
    assert page.status_code == 200
    assert f'name="sku" value="{VENDOR_ID}"' in html
    assert f'name="name" value="Amazon item {ASIN}"' in html
    assert 'name="expected_cost" value="100.00"' in html
    assert f">\n{VENDOR_ID}</textarea>" in html


def test_saving_the_new_product_creates_it_and_maps_the_item(member_client, org, world):
    channel, customer = world
    waiting_order(channel, customer, "PO1", [unmapped_line()])
    form = {**_item(channel), "sku": "TEA-9", "name": "Green tea", "barcodes": VENDOR_ID}

    response = member_client("manager").post("/catalog/unmapped/new-product/", form)

    assert response.status_code == 302
    product = Product.objects.get()
    assert (product.sku, product.name, product.mrp) == ("TEA-9", "Green tea", None)
    assert Order.objects.get().lines.get().product == product


def test_a_bad_value_keeps_the_form_with_the_field_error(member_client, org, world):
    channel, customer = world
    waiting_order(channel, customer, "PO1", [unmapped_line()])
    form = {**_item(channel), "sku": "TEA-9", "name": "", "mrp": "lots"}

    response = member_client("manager").post("/catalog/unmapped/new-product/", form)

    assert response.status_code == 422
    html = response.content.decode()
    assert "This field is required." in html and "&#x27;lots&#x27; is not a number." in html
    assert Product.objects.count() == 0
    assert ProductMapping.objects.count() == 0


def test_the_needs_mapping_badges_and_the_dashboard_link_to_the_page(member_client, org, world):
    channel, customer = world
    order = waiting_order(channel, customer, "PO1", [unmapped_line()])
    client = member_client("viewer")
    unmapped = f'href="/catalog/unmapped/?channel={channel.pk}'

    assert f'{unmapped}">needs mapping</a>' in client.get("/orders/").content.decode()
    detail = client.get(f"/orders/{order.pk}/").content.decode()
    assert f'{unmapped}" id="needs-mapping">needs mapping</a>' in detail
    assert f'{unmapped}&amp;q={ASIN}">needs mapping</a>' in detail
    assert 'href="/catalog/unmapped/" id="card-unmapped-items"' in client.get("/").content.decode()
