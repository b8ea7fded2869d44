import pytest
from playwright.sync_api import expect

from tests.browser import flows
from vendorflow.channels.models import SyncRun
from vendorflow.orders.models import ImportException, Order
from vendorflow.simulator.testing import running_simulator

pytestmark = pytest.mark.browser


def test_sync_now_brings_the_new_po_into_the_orders_list(logged_in_page, org, huey_immediate):
    po = flows.purchase_order(
        "SYNC0001", "BLR7", [flows.po_line(flows.TEA, 24), flows.po_line(flows.HONEY, 2, "Cases")]
    )
    seed = {"orders": [po]}
    with running_simulator(seed_document=seed, throttling=False, **flows.CREDENTIALS) as sim:
        channel = flows.channel_for(org, sim)
        customer = flows.map_fc(org, "BLR7")
        flows.map_items(channel)
        page = logged_in_page("manager")

        page.goto("/orders/")
        expect(page.locator("table.orders tbody")).to_contain_text("No orders match these filters.")
        flows.sync_now(page, channel)
        runs = page.locator("#sync-runs tbody tr")
        expect(runs).to_have_count(1)
        expect(runs.first).to_contain_text("Succeeded")
        flows.shot(page, "sync_now-1-channel-after-sync")

        page.click("nav.mainnav a:has-text('Orders')")
        row = page.locator("table.orders tbody tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text("SYNC0001")
        expect(row).to_contain_text(customer.name)
        expect(row.locator("td.num")).to_have_text(["2", "0 / 36"])
        flows.shot(page, "sync_now-2-orders-list")

        row.locator("a:has-text('SYNC0001')").click()
        expect(page.locator("h1")).to_have_text("PO SYNC0001")
        expect(page.locator("table.lines tbody tr")).to_have_count(2)
        flows.shot(page, "sync_now-3-order-page")

    order = Order.objects.get(organization=org)
    assert (order.po_number, order.customer, order.channel) == ("SYNC0001", customer, channel)
    assert list(order.lines.values_list("asin", "ordered_quantity", "ordered_eaches")) == [
        (flows.TEA.asin, 24, 24),
        (flows.HONEY.asin, 2, 12),
    ]
    assert not order.needs_mapping
    run = SyncRun.objects.get(channel=channel)
    assert (run.kind, run.status, run.pos_new, run.pos_held) == ("manual", "succeeded", 1, 0)
    assert not ImportException.objects.exists()
