from datetime import timedelta
from decimal import Decimal

from tests import factories
from tests.importing.builders import channel_with_customer, po_line, purchase_order
from vendorflow.orders.choices import EventKind, OrderStatus
from vendorflow.orders.importing import ImportResult, import_purchase_orders
from vendorflow.orders.models import ImportException, Order, OrderEvent, OrderLine


def test_a_new_po_becomes_an_order_for_the_mapped_customer(org):
    channel, customer, location = channel_with_customer(org)
    product = factories.make_product(org, "SKU-1")
    factories.map_product(channel, product, asin="B0ASIN0001")
    po = purchase_order(
        "PO100",
        lines=[po_line(1), po_line(2, ordered_quantity=3, unit_of_measure="Cases", unit_size=12)],
    )

    result = import_purchase_orders(channel=channel, purchase_orders=[po])

    assert result == ImportResult(new=1)
    order = Order.objects.get()
    assert (order.organization, order.channel, order.sales_channel) == (
        org,
        channel,
        channel.sales_channel,
    )
    assert (order.customer, order.location, order.ship_to_code) == (customer, location, "BLR7")
    assert order.po_number == "PO100"
    assert order.status == OrderStatus.OPEN
    assert order.po_date == po.po_date
    assert order.ack_due_at == po.po_date + timedelta(hours=24)
    assert order.ship_window_start == po.ship_window[0]
    assert order.raw_payload == {"purchaseOrderNumber": "PO100"}
    assert order.needs_mapping is True
    lines = list(order.lines.order_by("item_sequence_number"))
    assert [
        (x.item_sequence_number, x.product_id, x.ordered_quantity, x.ordered_eaches) for x in lines
    ] == [
        ("1", product.pk, 10, 10),
        ("2", None, 3, 36),
    ]
    assert lines[0].net_cost == Decimal("100.0000")
    assert lines[1].unit_of_measure == "Cases"
    assert list(OrderEvent.objects.values_list("order_id", "kind")) == [
        (order.pk, EventKind.IMPORTED)
    ]
    assert not ImportException.objects.exists()


def test_vendor_product_id_maps_a_line_when_the_asin_is_not_mapped(org):
    channel, _, _ = channel_with_customer(org)
    by_asin = factories.make_product(org, "SKU-A")
    by_vendor_id = factories.make_product(org, "SKU-V")
    factories.map_product(channel, by_asin, asin="B0ASIN0001")
    factories.map_product(channel, by_vendor_id, vendor_product_id="VPID-1")
    factories.map_product(channel, by_vendor_id, vendor_product_id="VPID-2")

    import_purchase_orders(channel=channel, purchase_orders=[purchase_order("PO1")])

    lines = OrderLine.objects.order_by("item_sequence_number")
    assert [x.product_id for x in lines] == [by_asin.pk, by_vendor_id.pk]
    assert Order.objects.get().needs_mapping is False


def test_a_mapped_location_fulfils_instead_of_the_channel_default(org):
    channel = factories.make_channel(org, warehouse_codes=["WH1"])
    factories.make_location(org, "WH1")
    north = factories.make_location(org, "WH2")
    factories.map_warehouse(org, "DEL4", factories.make_customer(org, "AMZ-DEL4"), location=north)

    import_purchase_orders(
        channel=channel, purchase_orders=[purchase_order("PO1", ship_to_party_id="del4 ")]
    )

    order = Order.objects.get()
    assert (order.location, order.ship_to_code) == (north, "DEL4")


def test_a_closed_po_arrives_as_a_closed_order(org):
    channel, _, _ = channel_with_customer(org)

    import_purchase_orders(channel=channel, purchase_orders=[purchase_order("PO1", state="Closed")])

    assert Order.objects.get().status == OrderStatus.CLOSED
