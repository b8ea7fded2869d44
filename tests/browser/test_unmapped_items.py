"""The Unmapped items page: a PO item no mapping names is listed with its barcode match, mapped
in place, and the order that waited for it can be scanned at once."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser import flows
from vendorflow.catalog.models import ProductMapping
from vendorflow.orders.models import Order
from vendorflow.simulator.testing import running_simulator

pytestmark = pytest.mark.browser

PO = "UNMAP0001"
# On the PO, with no product mapping; the seller has the product under its EAN.
CHAI = flows.Item("CHAI-MAS-250", "Masala chai, 250 g", "B0DEMO0099", "8901234500996", "180.00")


def _scan(page, code: str) -> None:
    page.keyboard.type(code)
    page.keyboard.press("Enter")


def test_mapping_an_item_on_the_page_makes_the_order_scannable(logged_in_page, org, huey_immediate):
    po = flows.purchase_order(PO, "BLR7", [flows.po_line(flows.TEA, 2), flows.po_line(CHAI, 3)])
    with running_simulator(
        seed_document={"orders": [po]}, throttling=False, **flows.CREDENTIALS
    ) as sim:
        channel = flows.channel_for(org, sim)
        flows.map_fc(org, "BLR7")
        flows.map_items(channel, items=(flows.TEA,))
        chai = factories.make_product(org, sku=CHAI.sku, name=CHAI.name, barcodes=[CHAI.ean])
        page = logged_in_page("manager")
        flows.sync_now(page, channel)
        order = Order.objects.get(organization=org, po_number=PO)
        assert order.needs_mapping is True

        page.goto("/")
        page.click("#card-unmapped-items")
        expect(page.locator("h1")).to_have_text("Unmapped items")
        rows = page.locator("table.unmapped-items tbody tr")
        expect(rows).to_have_count(1)
        row = rows.first
        expect(row.locator("td").nth(0)).to_contain_text(CHAI.asin)
        expect(row.locator("td").nth(1)).to_have_text("1")  # POs
        expect(row.locator("td").nth(2)).to_have_text("3")  # units
        expect(row.locator("td").nth(4)).to_contain_text(f"{CHAI.sku} barcode match")
        expect(row.locator("input[name=sku]")).to_have_value(CHAI.sku)  # the suggestion
        flows.shot(page, "unmapped-1-list")

        row.locator("button:has-text('Map')").click()
        expect(page.locator(".msg-success")).to_have_text(
            f"Mapped {CHAI.asin} to {CHAI.sku}: 1 order line(s) set. Ready to scan: {PO}."
        )
        expect(page.locator("table.unmapped-items tbody tr")).to_have_text(
            "Every item on open orders is mapped."
        )
        flows.shot(page, "unmapped-2-mapped")

        page.goto(f"/orders/{order.pk}/")
        expect(page.locator("#needs-mapping")).to_have_count(0)
        page.click("a.btn:has-text('Scan')")
        expect(page.locator("h1")).to_have_text(f"Scan PO {PO}")
        flows.scan_ready(page)
        _scan(page, CHAI.ean)
        expect(page.locator("#scan-result")).to_have_text(
            f"Line 2 ({CHAI.sku}): 1 each — 1 of 3 eaches scanned"
        )

    mapping = ProductMapping.objects.get(channel=channel, asin=CHAI.asin)
    assert (mapping.vendor_product_id, mapping.product) == (CHAI.ean, chai)
    order.refresh_from_db()
    assert order.needs_mapping is False
    assert list(order.lines.order_by("id").values_list("product__sku", "scanned_eaches")) == [
        (flows.TEA.sku, 0),
        (CHAI.sku, 1),
    ]
