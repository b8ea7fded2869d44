from tests import factories
from tests.importing.builders import channel_with_customer, po_line, purchase_order
from vendorflow.orders.choices import EventKind, OrderStatus
from vendorflow.orders.importing import import_purchase_orders, resolve_lines_for_mappings
from vendorflow.orders.models import Order, OrderEvent, OrderLine


def test_mapping_the_items_later_fixes_the_order_in_place(org):
    channel, _, _ = channel_with_customer(org)
    import_purchase_orders(
        channel=channel, purchase_orders=[purchase_order("PO1", lines=[po_line(1), po_line(2)])]
    )
    order = Order.objects.get()
    assert order.needs_mapping is True
    assert list(order.lines.values_list("product", flat=True)) == [None, None]

    first = factories.map_product(channel, factories.make_product(org, "SKU-1"), asin="B0ASIN0001")
    assert resolve_lines_for_mappings(mappings=[first]) == 1
    order.refresh_from_db()
    assert order.needs_mapping is True  # item 2 still waits

    second = factories.map_product(
        channel, factories.make_product(org, "SKU-2"), vendor_product_id="VPID-2"
    )
    assert resolve_lines_for_mappings(mappings=[second]) == 1
    order.refresh_from_db()
    assert order.needs_mapping is False
    assert list(order.lines.order_by("item_sequence_number").values_list("product", flat=True)) == [
        first.product_id,
        second.product_id,
    ]
    assert OrderEvent.objects.filter(kind=EventKind.LINE_MAPPED).count() == 2
    # Idempotent.
    assert resolve_lines_for_mappings(mappings=[first, second]) == 0
    assert OrderEvent.objects.filter(kind=EventKind.LINE_MAPPED).count() == 2


def test_the_asin_mapping_wins_over_the_vendor_id_mapping(org):
    channel, _, _ = channel_with_customer(org)
    import_purchase_orders(
        channel=channel, purchase_orders=[purchase_order("PO1", lines=[po_line(1)])]
    )
    by_vendor_id = factories.map_product(
        channel, factories.make_product(org, "SKU-V"), vendor_product_id="VPID-1"
    )
    by_asin = factories.map_product(
        channel, factories.make_product(org, "SKU-A"), asin="B0ASIN0001"
    )

    resolve_lines_for_mappings(mappings=[by_vendor_id, by_asin])

    assert OrderLine.objects.get().product_id == by_asin.product_id


def test_lines_of_orders_no_longer_open_and_of_other_channels_are_left_alone(org):
    channel, _, _ = channel_with_customer(org)
    other = factories.make_channel(org, vendor_code="VEND2")
    import_purchase_orders(
        channel=channel, purchase_orders=[purchase_order("PO1", lines=[po_line(1)])]
    )
    import_purchase_orders(
        channel=other, purchase_orders=[purchase_order("PO2", lines=[po_line(1)])]
    )
    Order.objects.filter(po_number="PO1").update(status=OrderStatus.ACKNOWLEDGED)
    mapping = factories.map_product(
        channel, factories.make_product(org, "SKU-1"), asin="B0ASIN0001"
    )

    assert resolve_lines_for_mappings(mappings=[mapping]) == 0
    assert list(OrderLine.objects.values_list("product", flat=True)) == [None, None]
