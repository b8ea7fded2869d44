"""/api/v1/catalog/unmapped-items: the list, mapping an item, creating its product."""

import pytest

from tests import factories
from tests.catalog.builders import api_client
from tests.catalog.unmapped_builders import ASIN, VENDOR_ID, unmapped_line, waiting_order
from vendorflow.catalog.models import Product, ProductMapping
from vendorflow.orders.models import Order

JSON = {"content_type": "application/json"}


@pytest.fixture
def world(org):
    return factories.make_channel(org), factories.make_customer(org)


def test_the_list_pages_by_limit_and_offset(client, org, world):
    channel, customer = world
    api = api_client(client, org, "viewer")
    factories.make_product(org, "TEA-1", barcodes=[VENDOR_ID])
    first = waiting_order(channel, customer, "PO1", [unmapped_line()], hours=2)
    waiting_order(channel, customer, "PO2", [unmapped_line("B0OTHER001", "VPID-7")], hours=9)

    body = api.get("/api/v1/catalog/unmapped-items?limit=1").json()

    assert body["count"] == 2
    assert len(body["items"]) == 1
    item = body["items"][0]
    assert {k: v for k, v in item.items() if k != "earliest_deadline"} == {
        "channel_id": channel.pk,
        "asin": ASIN,
        "vendor_product_id": VENDOR_ID,
        "po_count": 1,
        "units": 10,
        "net_cost": "100.0000",
        "list_price": None,
        "suggestion": {
            "product_id": Product.objects.get().pk,
            "sku": "TEA-1",
            "reason": "barcode match",
        },
    }
    assert item["earliest_deadline"].startswith(first.ack_due_at.strftime("%Y-%m-%dT%H:%M:%S"))
    second = api.get("/api/v1/catalog/unmapped-items?limit=1&offset=1").json()
    assert [i["asin"] for i in second["items"]] == ["B0OTHER001"]
    assert api.get("/api/v1/catalog/unmapped-items?q=other").json()["count"] == 1


def test_another_organizations_channel_is_404(client, org, other_org, world):
    theirs = factories.make_channel(other_org, vendor_code="THEIRS")
    api = api_client(client, org, "manager")

    assert api.get(f"/api/v1/catalog/unmapped-items?channel_id={theirs.pk}").status_code == 404
    payload = {"channel_id": theirs.pk, "asin": ASIN, "sku": "TEA-1"}
    assert api.post("/api/v1/catalog/unmapped-items/map", payload, **JSON).status_code == 404


def test_a_manager_maps_an_item_and_the_fixed_orders_are_answered(client, org, world):
    channel, customer = world
    api = api_client(client, org, "manager")
    product = factories.make_product(org, "TEA-1")
    order = waiting_order(channel, customer, "PO1", [unmapped_line()])
    payload = {"channel_id": channel.pk, "asin": ASIN, "vendor_product_id": VENDOR_ID}

    response = api.post("/api/v1/catalog/unmapped-items/map", {**payload, "sku": "TEA-1"}, **JSON)

    assert response.status_code == 200
    body = response.json()
    assert body["lines_mapped"] == 1
    assert body["orders_fixed"] == [{"id": order.pk, "po_number": "PO1"}]
    assert body["product"]["id"] == product.pk
    assert (body["mapping"]["asin"], body["mapping"]["sku"]) == (ASIN, "TEA-1")
    assert Order.objects.get().needs_mapping is False
    assert api.get("/api/v1/catalog/unmapped-items").json() == {"count": 0, "items": []}


def test_an_operator_may_not_map(client, org, world):
    channel, customer = world
    api = api_client(client, org, "operator")
    factories.make_product(org, "TEA-1")
    waiting_order(channel, customer, "PO1", [unmapped_line()])
    payload = {"channel_id": channel.pk, "asin": ASIN, "sku": "TEA-1"}

    assert api.post("/api/v1/catalog/unmapped-items/map", payload, **JSON).status_code == 403
    assert ProductMapping.objects.count() == 0


def test_create_the_product_from_the_po_with_overrides(client, org, world):
    channel, customer = world
    api = api_client(client, org, "manager")
    waiting_order(channel, customer, "PO1", [unmapped_line()])
    payload = {"channel_id": channel.pk, "asin": ASIN, "vendor_product_id": VENDOR_ID}

    response = api.post(
        "/api/v1/catalog/unmapped-items/products", {**payload, "name": "Green tea 250 g"}, **JSON
    )

    assert response.status_code == 201
    product = response.json()["product"]
    assert {k: product[k] for k in ("sku", "name", "barcodes", "expected_cost", "mrp")} == {
        "sku": VENDOR_ID,
        "name": "Green tea 250 g",
        "barcodes": [VENDOR_ID],
        "expected_cost": "100.00",
        "mrp": None,
    }
    assert response.json()["orders_fixed"][0]["po_number"] == "PO1"


def test_a_taken_sku_is_422_naming_the_field(client, org, world):
    channel, customer = world
    api = api_client(client, org, "manager")
    factories.make_product(org, VENDOR_ID)
    waiting_order(channel, customer, "PO1", [unmapped_line()])
    payload = {"channel_id": channel.pk, "asin": ASIN, "vendor_product_id": VENDOR_ID}

    response = api.post("/api/v1/catalog/unmapped-items/products", payload, **JSON)

    assert response.status_code == 422
    assert response.json() == {
        "detail": {"sku": [f"A product with SKU {VENDOR_ID} already exists."]}
    }
    assert ProductMapping.objects.count() == 0
    assert Order.objects.get().needs_mapping is True
