"""Every page an operator uses fits a 360 px handheld (and a 1366 px desktop) without scrolling
sideways; the phone menu opens with a real button and reaches Orders and Log out."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser import flows, phone
from tests.warehouse import builders
from vendorflow.orders.models import ImportException

pytestmark = pytest.mark.browser
# Controls a thumb must hit on an operator's page (links inside text are not counted).
TAP_TARGETS = (
    "button, .btn, select, input:not([type=hidden]):not([type=checkbox]), label.tap-box, "
    ".tabs a, .pagination a, #site-menu a"
)


def _world(org):
    w = builders.world(org)
    factories.make_location(org, code="WH-BANGALORE-NORTH-1")
    long_name = factories.make_product(
        org,
        "SKU-WITH-A-RATHER-LONG-CODE-0001",
        name="Ayurvedic sandalwood and turmeric bathing bar, family pack of twelve",
        barcodes=["8901000000035"],
        bin="A-12-03",
    )
    factories.map_product(w.channel, long_name, asin="B0LONGNAME1")
    order = builders.order_for(
        w,
        [
            builders.soap_line(
                product=w.soap, ordered_quantity=3, unit_of_measure="Cases", unit_size=12
            ),
            {"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": 40},
            {"asin": "B0LONGNAME1", "product": long_name, "ordered_quantity": 7},
            {"asin": "B0UNMAPPED9", "vendor_product_id": "UNMAPPED-VENDOR-ID-123456"},
        ],
        needs_mapping=True,
    )
    ImportException.objects.create(
        organization=org,
        channel=w.channel,
        po_number="HELD0000001",
        reason="missing_customer",
        message="No customer is mapped to the marketplace warehouse code HYD8.",
        ship_to_code="HYD8",
    )
    return w, order


def _pages(order):
    operator = [
        "/",
        "/orders/",
        f"/orders/{order.pk}/",
        f"/orders/{order.pk}/scan/",
        "/orders/exceptions/",
        f"/orders/{order.pk}/pick-list/",
        f"/orders/{order.pk}/sheet/",
        f"/orders/pick-list/?orders={order.pk}",
        f"/orders/{order.pk}/acknowledge/",
    ]
    back_office = [
        "/customers/",
        "/customers/warehouse-codes/",
        "/catalog/products/",
        "/catalog/mappings/",
        "/catalog/unmapped/",
        f"/catalog/unmapped/new-product/?channel={order.channel_id}&asin=B0UNMAPPED9"
        "&vendor_product_id=UNMAPPED-VENDOR-ID-123456",
        "/catalog/locations/",
        "/channels/",
        "/channels/settings/",
        "/accounts/tokens/",
        "/accounts/time-zone/",
        "/accounts/members/",
        "/accounts/audit/",
        "/catalog/products/new/",
        f"/catalog/products/{order.lines.exclude(product=None).first().product_id}/",
    ]
    return operator, back_office


@pytest.mark.parametrize("viewport", [phone.PHONE, phone.DESKTOP], ids=["phone", "desktop"])
def test_no_page_scrolls_sideways(browser, live_server, org, viewport):
    _, order = _world(org)
    operator_pages, back_office = _pages(order)
    context = phone.open_context(browser, live_server, viewport)
    page = context.new_page()
    page.goto("/accounts/login/")
    widths = {"/accounts/login/": phone.page_width(page)}
    phone.log_in(page, org, "manager")
    small = {}
    for url in operator_pages + back_office:
        response = page.goto(url)
        assert response.status == 200, url
        widths[url] = phone.page_width(page)
        if viewport == phone.PHONE and url in operator_pages:
            small[url] = phone.small_targets(page, TAP_TARGETS)
        name = url.replace(str(order.pk), "PO").strip("/").replace("/", "-") or "dashboard"
        flows.shot(page, f"layout-{viewport['width']}-{name}")
    context.close()
    too_wide = {url: width for url, width in widths.items() if width > viewport["width"]}
    assert too_wide == {}
    assert {url: found for url, found in small.items() if found} == {}


def test_phone_menu_opens_and_reaches_orders_and_log_out(browser, live_server, org):
    _world(org)
    context = phone.open_context(browser, live_server)
    page = context.new_page()
    phone.log_in(page, org, "operator")
    toggle = page.locator("#menu-toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_have_attribute("aria-controls", "site-menu")
    expect(page.locator("nav.mainnav a:has-text('Orders')")).to_be_hidden()
    expect(page.locator("button.logout")).to_be_hidden()

    toggle.tap()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("button.logout")).to_be_visible()
    assert phone.small_targets(page, "#site-menu a, #site-menu button, #menu-toggle") == []
    assert phone.off_screen(page, "#site-menu a, #site-menu button") == []
    flows.shot(page, "phone-menu-open")

    page.keyboard.press("Escape")  # closes, and focus goes back to the button
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")  # a real button: the keyboard opens it too
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.locator("nav.mainnav a:has-text('Orders')").tap()
    page.wait_for_url("**/orders/")
    expect(page.locator("h1")).to_have_text("Orders")
    assert phone.page_width(page) <= 360

    toggle.tap()
    page.locator("button.logout").tap()
    page.wait_for_url("**/accounts/login/")
    context.close()


def test_desktop_shows_the_menu_without_the_button(browser, live_server, org):
    _world(org)
    context = phone.open_context(browser, live_server, phone.DESKTOP)
    page = context.new_page()
    phone.log_in(page, org, "operator")
    expect(page.locator("#menu-toggle")).to_be_hidden()
    expect(page.locator("nav.mainnav a:has-text('Orders')")).to_be_visible()
    expect(page.locator("button.logout")).to_be_visible()
    context.close()
