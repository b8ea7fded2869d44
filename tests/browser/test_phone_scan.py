"""A whole PO scanned on a 360 px phone by tapping and typing only, then acknowledged: a SKU with
letters, each and case barcodes, a refused over-scan, a loose-eaches warning, undo, a refused and
an accepted bulk quantity — each with its colour, banner message and vibration."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser import flows, phone
from vendorflow.orders.models import Acknowledgement, Order, Scan

pytestmark = pytest.mark.browser

# navigator.vibrate is recorded, so the test can tell which signal each answer gave.
RECORD_VIBRATIONS = """
window.__vibrations = [];
navigator.vibrate = (pattern) => { window.__vibrations.push(pattern); return true; };
"""
OK, WARN, BAD = 40, [90, 60, 90], [220, 90, 220]


def _order(org):
    channel = factories.make_channel(org)
    customer = factories.make_customer(org, "AMZ-BLR7", name="Amazon India BLR7")
    products = {}
    for item, bin_code in ((flows.TEA, "A-01-02"), (flows.HONEY, "B-07-11"), (flows.OATS, "")):
        products[item.sku] = factories.make_product(
            org,
            item.sku,
            name=item.name,
            barcodes=[item.ean],
            bin=bin_code,
            case_pack_size=item.case_size if item.case_barcode else None,
            case_barcode=item.case_barcode,
        )
    lines = [
        {"asin": flows.TEA.asin, "product": products[flows.TEA.sku], "ordered_quantity": 2},
        {
            "asin": flows.HONEY.asin,
            "product": products[flows.HONEY.sku],
            "ordered_quantity": 2,
            "unit_of_measure": "Cases",
            "unit_size": 6,
        },
        {"asin": flows.OATS.asin, "product": products[flows.OATS.sku], "ordered_quantity": 20},
    ]
    return factories.make_order(channel, customer, po_number="PHONE001", lines=lines)


def _type(page, code: str) -> None:
    """Tap the barcode field, type on the phone's keyboard, tap Add."""
    flows.scan_ready(page)
    page.locator("#barcode").tap()
    page.keyboard.type(code)
    page.locator("#scan-form button[type=submit]").tap()


def _card_order(page) -> list[str]:
    """The line cards' SKUs from the top of the screen down."""
    return page.evaluate(
        """[...document.querySelectorAll('table.scan-lines tbody tr')]
            .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
            .map((tr) => tr.querySelector('td.sku b').textContent)"""
    )


def _vibrations(page) -> list:
    return page.evaluate("window.__vibrations")


def test_a_whole_po_scanned_on_a_phone_and_acknowledged(browser, live_server, org):
    order = _order(org)
    context = phone.open_context(browser, live_server)
    context.add_init_script(RECORD_VIBRATIONS)
    page = context.new_page()
    manager = phone.log_in(page, org, "manager")
    page.goto(f"/orders/{order.pk}/")
    page.locator("a.btn:has-text('Scan')").tap()
    expect(page.locator("h1")).to_have_text("Scan PO PHONE001")
    field = page.locator("#barcode")
    expect(field).to_have_attribute("inputmode", "text")
    expect(page.locator(".help-touch")).to_be_visible()
    expect(page.locator(".help-keys")).to_be_hidden()
    assert _card_order(page) == [flows.TEA.sku, flows.HONEY.sku, flows.OATS.sku]
    tea_card = page.locator("table.scan-lines tbody tr").nth(0)
    expect(tea_card.locator(".bin")).to_have_text("Bin A-01-02")
    expect(tea_card.locator(".next-badge")).to_have_text("next")
    assert phone.page_width(page) <= 360
    assert phone.off_screen(page, "table.scan-lines td, .bulk-form input, .bulk-form button") == []
    assert (
        phone.small_targets(
            page, "#scan-form button, .bulk-form input, .bulk-form button, .undo-button"
        )
        == []
    )
    flows.shot(page, "phone-scan-1-ready")

    result = page.locator("#scan-result")
    _type(page, "tea-grn-100")  # a SKU with letters, typed in lower case
    expect(result).to_have_text("Line 1 (TEA-GRN-100): 1 each — 1 of 2 eaches scanned")
    expect(result).to_have_class("scan-result scan-ok")
    _type(page, flows.TEA.ean)
    expect(result).to_have_text("Line 1 (TEA-GRN-100): 1 each — 2 of 2 eaches scanned")
    # The complete line goes to the bottom; the next line to scan is on top.
    assert _card_order(page) == [flows.HONEY.sku, flows.OATS.sku, flows.TEA.sku]

    _type(page, flows.TEA.ean)
    expect(result).to_have_text("Line 1 (TEA-GRN-100) is complete: 2 of 2 eaches scanned")
    expect(result).to_have_class("scan-result scan-bad")

    _type(page, flows.HONEY.case_barcode)
    expect(result).to_have_text(
        "Line 2 (HNY-RAW-500): a case of 6 eaches — 6 of 12 eaches scanned (1 of 2 cases)"
    )
    _type(page, flows.HONEY.ean)  # one each more: 7 on a case-of-6 line
    expect(result).to_have_class("scan-result scan-warn")
    expect(result.locator(".scan-warning")).to_have_text(
        "Not a whole case: 7 eaches on Line 2 (HNY-RAW-500), ordered in cases of 6. Only 1 case "
        "can be accepted: scan 5 eaches more to finish the case, or undo 1."
    )
    expect(page.locator("table.scan-lines tbody tr").nth(1).locator(".loose")).to_have_text(
        "not a whole case"
    )
    flows.shot(page, "phone-scan-2-not-a-whole-case")

    page.locator(".undo-button").tap()
    expect(result).to_have_text("Undone: Line 2 (HNY-RAW-500), 1 each taken off")
    expect(page.locator(".loose")).to_have_count(0)
    _type(page, flows.HONEY.case_barcode)
    expect(result).to_have_text(
        "Line 2 (HNY-RAW-500): a case of 6 eaches — 12 of 12 eaches scanned (2 of 2 cases)"
    )

    oats_bulk = page.locator(f"#line-{order.lines.get(item_sequence_number='3').pk} .bulk-form")
    oats_bulk.locator("input[name=quantity_eaches]").tap()
    page.keyboard.type("25")
    oats_bulk.locator("button").tap()
    expect(result).to_have_text("Line 3 (OAT-ROL-1KG) has 20 eaches left to scan; 25 is too many.")
    expect(result).to_have_class("scan-result scan-bad")
    flows.shot(page, "phone-scan-3-bulk-refused")
    oats_bulk.locator("input[name=quantity_eaches]").tap()
    page.keyboard.type("20")
    oats_bulk.locator("button").tap()
    expect(result).to_have_text("Line 3 (OAT-ROL-1KG): 20 eaches added")
    expect(page.locator(".bulk-form")).to_have_count(0)
    assert _vibrations(page) == [OK, OK, BAD, OK, WARN, OK, OK, BAD, OK]
    flows.shot(page, "phone-scan-4-complete")

    page.locator("a:has-text('‹ PO PHONE001')").tap()
    page.locator("a.btn:has-text('Acknowledge')").tap()
    expect(page.locator("h1")).to_have_text("Acknowledge PO PHONE001")
    assert phone.page_width(page) <= 360
    page.locator("button:has-text('Send acknowledgement to Amazon')").tap()
    page.wait_for_url(f"**/orders/{order.pk}/")
    expect(page.locator(".ack-panel h2")).to_have_text("Acknowledgement: Queued")
    context.close()

    ack = Acknowledgement.objects.get(order=order)
    assert ack.created_by == manager
    assert list(order.lines.order_by("id").values_list("scanned_eaches", flat=True)) == [2, 12, 20]
    assert Scan.objects.filter(order=order, undone_at__isnull=False).count() == 1
    assert Order.objects.get(pk=order.pk).status == "acknowledging"


def test_the_keyboard_toggle_and_scanner_mode(browser, live_server, org):
    order = _order(org)
    context = phone.open_context(browser, live_server)
    page = context.new_page()
    phone.log_in(page, org, "operator")
    page.goto(f"/orders/{order.pk}/scan/")
    flows.scan_ready(page)
    field = page.locator("#barcode")
    page.locator("[data-scan-mode=numeric]").tap()
    expect(field).to_have_attribute("inputmode", "numeric")
    expect(page.locator("[data-scan-mode=numeric]")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-scan-mode=text]")).to_have_attribute("aria-pressed", "false")
    expect(field).to_be_focused()

    page.locator("[data-scan-mode=scanner]").tap()
    expect(field).to_have_attribute("inputmode", "none")  # no on-screen keyboard over the cards
    page.locator("h1").tap()
    expect(field).to_be_focused()
    page.locator(".next-link").focus()  # anything but another field: focus comes back
    expect(field).to_be_focused()
    page.keyboard.type(flows.TEA.ean)  # what the handheld's scan engine types
    page.keyboard.press("Enter")
    expect(page.locator("#scan-result")).to_have_text(
        "Line 1 (TEA-GRN-100): 1 each — 1 of 2 eaches scanned"
    )
    expect(field).to_be_focused()

    page.reload()  # the choice is kept on this handheld
    expect(field).to_have_attribute("inputmode", "none")
    expect(page.locator("[data-scan-mode=scanner]")).to_have_attribute("aria-pressed", "true")
    context.close()
