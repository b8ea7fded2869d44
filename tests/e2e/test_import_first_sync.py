"""A first sync against the simulator imports every PO it holds, each as one order."""

from vendorflow.channels.choices import SyncStatus
from vendorflow.orders.choices import EventKind, OrderStatus
from vendorflow.orders.models import ImportException, Order, OrderEvent, OrderLine


def test_the_first_sync_imports_every_generated_po(e2e):
    numbers = e2e.generate(12)

    run = e2e.sync()

    assert (run.status, run.pos_new, run.pos_held) == (SyncStatus.SUCCEEDED, 12, 0)
    orders = Order.objects.filter(channel=e2e.channel)
    assert sorted(orders.values_list("po_number", flat=True)) == sorted(numbers)
    for order in orders.select_related("customer"):
        record = e2e.sim.state.get(order.po_number)
        fc = record.details["shipToParty"]["partyId"]
        assert order.sales_channel_id == e2e.channel.sales_channel_id
        assert (order.ship_to_code, order.customer, order.location) == (
            fc,
            e2e.customers[fc],
            e2e.location,
        )
        assert order.status == OrderStatus.OPEN
        assert order.needs_mapping is False
        amazon_lines = {
            i["itemSequenceNumber"]: i["orderedQuantity"]["amount"] for i in record.details["items"]
        }
        assert dict(order.lines.values_list("item_sequence_number", "ordered_quantity")) == (
            amazon_lines
        )
    lines = sum(len(e2e.sim.state.get(n).details["items"]) for n in numbers)
    assert OrderLine.objects.filter(order__channel=e2e.channel).count() == lines
    assert OrderEvent.objects.filter(kind=EventKind.IMPORTED).count() == 12
    assert ImportException.objects.count() == 0
