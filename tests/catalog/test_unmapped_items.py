"""The unmapped-items worklist: what it lists, and what mapping an item from it does."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from tests.catalog.unmapped_builders import ASIN, VENDOR_ID, unmapped_line, waiting_order
from vendorflow.catalog import services
from vendorflow.catalog.models import Product, ProductMapping
from vendorflow.orders.choices import EventKind, OrderStatus
from vendorflow.orders.models import Order, OrderEvent, OrderLine


@pytest.fixture
def world(org):
    channel = factories.make_channel(org)
    customer = factories.make_customer(org)
    return channel, customer


def _listed(org, **kw):
    return services.unmapped_items(services.unmapped_item_rows(org, **kw))


def test_items_of_open_orders_are_grouped_with_pos_units_and_earliest_deadline(org, world):
    channel, customer = world
    first = waiting_order(channel, customer, "PO1", [unmapped_line(ordered_quantity=4)], hours=30)
    second = waiting_order(
        channel,
        customer,
        "PO2",
        [unmapped_line(ordered_quantity=2, unit_of_measure="Cases", unit_size=6)],
        hours=5,
    )
    waiting_order(channel, customer, "PO3", [unmapped_line("B0OTHER001", "VPID-7")], hours=10)

    items = _listed(org)

    assert [(i.asin, i.vendor_product_id, i.po_count, i.units) for i in items] == [
        (ASIN, VENDOR_ID, 2, 16),
        ("B0OTHER001", "VPID-7", 1, 1 * 10),
    ]
    assert items[0].earliest_deadline == second.ack_due_at
    assert items[0].earliest_deadline < first.ack_due_at
    assert items[0].channel_id == channel.pk


def test_mapped_lines_and_orders_not_open_or_cancelled_lines_are_not_listed(org, world):
    channel, customer = world
    product = factories.make_product(org, "SKU-1")
    waiting_order(channel, customer, "PO1", [{"asin": "B0MAPPED01", "product": product}])
    waiting_order(channel, customer, "PO2", [unmapped_line()], status=OrderStatus.ACKNOWLEDGED)
    waiting_order(channel, customer, "PO3", [unmapped_line(ordered_quantity=0)])
    waiting_order(channel, customer, "PO4", [unmapped_line()], status=OrderStatus.CLOSED)

    assert _listed(org) == []


def test_another_organizations_items_are_not_listed(org, other_org, world):
    theirs = factories.make_channel(other_org, vendor_code="THEIRS")
    waiting_order(theirs, factories.make_customer(other_org), "PO9", [unmapped_line()])

    assert _listed(org) == []
    assert [i.asin for i in _listed(other_org)] == [ASIN]


def test_a_barcode_match_is_suggested(org, world):
    channel, customer = world
    product = factories.make_product(org, "TEA-1", barcodes=["0" + VENDOR_ID])
    waiting_order(channel, customer, "PO1", [unmapped_line()])
    waiting_order(channel, customer, "PO2", [unmapped_line("B0NOMATCH1", "VPID-X")])

    suggestions = {i.asin: i.suggestion for i in _listed(org)}

    assert suggestions["B0NOMATCH1"] is None
    assert (suggestions[ASIN].product, suggestions[ASIN].reason) == (product, "barcode match")


def test_mapping_an_item_fixes_the_orders_that_waited_only_for_it(org, world):
    channel, customer = world
    actor = factories.make_member(org, "manager")
    product = factories.make_product(org, "TEA-1")
    only = waiting_order(channel, customer, "PO1", [unmapped_line()])
    also_other = waiting_order(
        channel, customer, "PO2", [unmapped_line(), unmapped_line("B0OTHER001", "VPID-7")]
    )

    result = services.map_unmapped_item(
        channel=channel, actor=actor, asin=ASIN, vendor_product_id=VENDOR_ID, sku="TEA-1"
    )

    assert (result.mapping.asin, result.mapping.vendor_product_id) == (ASIN, VENDOR_ID)
    assert result.product == product
    assert result.lines_mapped == 2
    assert result.orders_fixed == [only]
    assert Order.objects.get(pk=only.pk).needs_mapping is False
    assert Order.objects.get(pk=also_other.pk).needs_mapping is True
    assert list(OrderLine.objects.filter(asin=ASIN).values_list("product", flat=True)) == [
        product.pk,
        product.pk,
    ]
    assert OrderEvent.objects.filter(kind=EventKind.LINE_MAPPED).count() == 2
    assert [i.asin for i in _listed(org)] == ["B0OTHER001"]


def test_mapping_to_an_unknown_sku_names_the_field_and_writes_nothing(org, world):
    channel, customer = world
    actor = factories.make_member(org, "manager")
    waiting_order(channel, customer, "PO1", [unmapped_line()])

    with pytest.raises(ValidationError) as caught:
        services.map_unmapped_item(channel=channel, actor=actor, asin=ASIN, sku="NOPE")

    assert caught.value.message_dict == {"sku": ["No product with SKU NOPE."]}
    assert ProductMapping.objects.count() == 0
    assert Order.objects.get().needs_mapping is True


def test_creating_the_product_from_the_po_data_maps_the_item(org, world):
    channel, customer = world
    actor = factories.make_member(org, "manager")
    order = waiting_order(
        channel,
        customer,
        "PO1",
        [unmapped_line(net_cost=Decimal("81.2500"), list_price=Decimal("120.0000"))],
    )

    result = services.create_product_for_item(
        channel=channel, actor=actor, asin=ASIN, vendor_product_id=VENDOR_ID
    )

    product = Product.objects.get()
    assert (product.sku, product.name, product.mrp, product.expected_cost) == (
        VENDOR_ID,
        f"Amazon item {ASIN}",
        Decimal("120.00"),
        Decimal("81.25"),
    )
    assert list(product.barcodes.values_list("code", flat=True)) == [VENDOR_ID]
    assert result.orders_fixed == [order]
    assert OrderLine.objects.get().product == product


def test_creating_a_product_for_an_item_no_order_waits_for_writes_nothing(org, world):
    channel, _ = world
    actor = factories.make_member(org, "manager")

    with pytest.raises(ValidationError) as caught:
        services.create_product_for_item(channel=channel, actor=actor, asin=ASIN)

    assert list(caught.value.message_dict) == ["asin"]
    assert Product.objects.count() == 0
    assert ProductMapping.objects.count() == 0
