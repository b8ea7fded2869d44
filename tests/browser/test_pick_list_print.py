"""A batch pick list for 3 POs, ticked in the orders list, printed from the browser: every line
is on the print media, and each barcode on it decodes (zxing-cpp) to the product's code."""

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests import factories
from tests.browser import flows, phone

pytestmark = pytest.mark.browser


def _batch(org):
    channel = factories.make_channel(org)
    customer = factories.make_customer(org, "AMZ-BLR7", name="Amazon India BLR7")
    products = {}
    for item, bin_code in ((flows.TEA, "A-01-02"), (flows.HONEY, "B-07-11"), (flows.OATS, "C-03")):
        products[item.sku] = factories.make_product(
            org,
            item.sku,
            name=item.name,
            barcodes=[item.ean],
            bin=bin_code,
            case_pack_size=item.case_size if item.case_barcode else None,
            case_barcode=item.case_barcode,
        )
    tea, honey, oats = (products[item.sku] for item in flows.ITEMS)
    return [
        factories.make_order(
            channel,
            customer,
            po_number="BATCH001",
            lines=[
                {"asin": flows.TEA.asin, "product": tea, "ordered_quantity": 12},
                {
                    "asin": flows.HONEY.asin,
                    "product": honey,
                    "ordered_quantity": 2,
                    "unit_of_measure": "Cases",
                    "unit_size": 6,
                },
            ],
        ),
        factories.make_order(
            channel,
            customer,
            po_number="BATCH002",
            ship_to_code="DEL4",
            lines=[
                {"asin": flows.TEA.asin, "product": tea, "ordered_quantity": 5},
                {"asin": flows.OATS.asin, "product": oats, "ordered_quantity": 8},
            ],
        ),
        factories.make_order(
            channel,
            customer,
            po_number="BATCH003",
            lines=[
                {"asin": flows.HONEY.asin, "product": honey, "ordered_quantity": 3},
            ],
        ),
    ]


def _decoded(path) -> set[str]:
    return {result.text for result in zxingcpp.read_barcodes(Image.open(path))}


def test_a_batch_of_three_is_ticked_printed_and_its_barcodes_decode(browser, live_server, org):
    orders = _batch(org)
    context = browser.new_context(
        base_url=live_server.url, viewport=phone.DESKTOP, device_scale_factor=2
    )
    page = context.new_page()
    phone.log_in(page, org, "operator")
    page.goto("/orders/")
    for order in orders:
        page.check(f"input[name=orders][value='{order.pk}']")
    page.click("button:has-text('Pick list for selected')")
    page.wait_for_url("**/orders/pick-list/?orders=*")
    expect(page.locator("#pick-list h1")).to_have_text("Pick list · 3 POs")
    rows = page.locator("tr.pick-row")
    expect(rows.locator(".bin-cell")).to_have_text(["A-01-02", "B-07-11", "C-03"])
    expect(rows.locator(".pick-eaches")).to_have_text(["17 eaches", "15 eaches", "8 eaches"])
    expect(rows.locator(".drops")).to_have_text(
        [
            "PO BATCH001 · BLR7 · line 1: 12 eachesPO BATCH002 · DEL4 · line 1: 5 eaches",
            "PO BATCH001 · BLR7 · line 2: 2 cases of 6PO BATCH003 · BLR7 · line 1: 3 eaches",
            "PO BATCH002 · DEL4 · line 2: 8 eaches",
        ]
    )

    page.emulate_media(media="print")
    expect(page.locator("header.topbar")).to_be_hidden()
    expect(page.locator(".print-toolbar")).to_be_hidden()
    flows.shot(page, "pick-list-batch-print")
    path = flows.ARTIFACTS / "pick-list-batch-print.png"
    assert _decoded(path) == {flows.TEA.ean, flows.HONEY.ean, flows.OATS.ean}

    page.goto(page.url + "&paper=label")
    flows.shot(page, "pick-list-batch-label")
    assert _decoded(flows.ARTIFACTS / "pick-list-batch-label.png") == {
        flows.TEA.ean,
        flows.HONEY.ean,
        flows.OATS.ean,
    }
    context.close()


def test_the_pick_list_fits_a_phone(browser, live_server, org):
    orders = _batch(org)
    context = phone.open_context(browser, live_server)
    page = context.new_page()
    phone.log_in(page, org, "operator")
    page.goto(f"/orders/pick-list/?orders={orders[0].pk}&orders={orders[1].pk}")
    expect(page.locator("tr.pick-row")).to_have_count(3)
    assert phone.page_width(page) <= 360
    flows.shot(page, "pick-list-phone")

    page.locator("#scan-batch").tap()
    expect(page.locator("h1")).to_have_text("Scan a batch")
    flows.scan_ready(page)
    page.locator("#barcode").tap()
    page.keyboard.type(flows.TEA.ean)
    page.locator("#scan-form button[type=submit]").tap()
    expect(page.locator(".put-in")).to_have_text("PO BATCH001 · FC BLR7")  # due first
    assert phone.page_width(page) <= 360
    flows.shot(page, "pick-list-phone-batch-scan")
    context.close()
