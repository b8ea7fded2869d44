from tests.importing.builders import channel_with_customer, purchase_order
from vendorflow.orders.importing import ImportResult, import_purchase_orders
from vendorflow.orders.models import ImportException, Order, OrderEvent, OrderLine


def _snapshot():
    return (
        list(Order.objects.order_by("id").values()),
        list(OrderLine.objects.order_by("id").values()),
        list(OrderEvent.objects.order_by("id").values()),
    )


def test_the_same_page_imported_twice_writes_nothing_the_second_time(org):
    channel, _, _ = channel_with_customer(org)
    page = [
        purchase_order("PO1"),
        purchase_order("PO2"),
        purchase_order("PO3", ship_to_party_id="XXX9"),
    ]

    first = import_purchase_orders(channel=channel, purchase_orders=page)
    before = _snapshot()
    second = import_purchase_orders(channel=channel, purchase_orders=page)

    assert first == ImportResult(new=2, held=1)
    assert second == ImportResult(unchanged=2, held=1)
    assert _snapshot() == before
    assert Order.objects.count() == 2
    assert OrderLine.objects.count() == 4
    assert OrderEvent.objects.count() == 2
    assert ImportException.objects.count() == 1


def test_a_po_repeated_within_a_page_becomes_one_order_of_its_latest_version(org):
    channel, _, _ = channel_with_customer(org)
    from tests.importing.builders import changed, po_line

    old = purchase_order("PO1", lines=[po_line(1, ordered_quantity=5)])
    new = changed(old, lines=(po_line(1, ordered_quantity=7),))

    result = import_purchase_orders(channel=channel, purchase_orders=[new, old])

    assert result == ImportResult(new=1)
    assert list(OrderLine.objects.values_list("ordered_quantity", flat=True)) == [7]
