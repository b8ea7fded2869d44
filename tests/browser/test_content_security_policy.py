"""The pages work under the Content-Security-Policy: the behaviours that were inline handlers
(confirmations, the channel picker, the new sales channel box) run from app.js, and an inline
script is refused and reported (which is how every browser test notices a violation)."""

import pytest
from playwright.sync_api import expect

from tests import factories
from vendorflow.customers.models import Customer

pytestmark = pytest.mark.browser


def test_an_inline_script_is_refused_and_reported(page):
    response = page.goto("/accounts/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]

    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.inlineRan = true"; document.head.append(s); }"""
    )

    assert page.evaluate("() => window.inlineRan === undefined")
    expect(page.locator("#id_username")).to_be_visible()
    page.wait_for_function("() => true")  # let the console events arrive
    reported = [
        v for v in page.vf_csp_violations if v.startswith("Content Security Policy violation")
    ]
    assert len(reported) == 1
    assert reported[0].startswith(
        "Content Security Policy violation: script-src-elem blocked inline at "
    )
    page.vf_csp_violations.clear()  # seen on purpose: not a failure of this test


def test_a_confirmation_asks_first_and_a_dismissed_one_sends_nothing(logged_in_page, org):
    page = logged_in_page("manager")
    customer = factories.make_customer(org, "AMZ-DEL4")
    page.goto(f"/customers/{customer.pk}/")
    asked = []

    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("button:has-text('Delete')").click()
    expect(page.locator("h1")).to_contain_text("AMZ-DEL4")
    assert asked == ["Delete AMZ-DEL4 and its warehouse codes?"]
    assert Customer.objects.filter(pk=customer.pk).exists()

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("button:has-text('Delete')").click()
    page.wait_for_url(lambda url: f"/customers/{customer.pk}/" not in url)
    assert not Customer.objects.filter(pk=customer.pk).exists()


def test_choosing_a_channel_shows_its_mappings_at_once(logged_in_page, org):
    page = logged_in_page("manager")
    factories.make_channel(org, vendor_code="AAAA1")
    second = factories.make_channel(org, vendor_code="BBBB2")
    page.goto("/catalog/mappings/")

    page.locator("#channel-select").select_option(str(second.pk))

    page.wait_for_url(lambda url: f"channel={second.pk}" in url)
    expect(page.locator("#channel-select")).to_have_value(str(second.pk))


def test_the_new_sales_channel_box_opens_takes_enter_and_cancels(logged_in_page, org):
    factories.make_location(org, code="WH1")
    page = logged_in_page("admin")
    page.goto("/channels/settings/")
    page.click("#add-channels")
    page.click("#choose-amazon-retail-b2b")
    dialog = page.locator("dialog#modal")
    box = dialog.locator("#new-sales-channel")

    dialog.locator("#new-sales-channel-toggle").click()
    expect(box).to_be_visible()
    expect(dialog.locator("#id_new_sales_channel_name")).to_be_focused()
    box.locator("button:has-text('Cancel')").click()
    expect(box).to_be_hidden()

    dialog.locator("#new-sales-channel-toggle").click()
    dialog.locator("#id_new_sales_channel_name").fill("Amazon B2B India")
    dialog.locator("#id_new_sales_channel_name").press("Enter")
    expect(dialog.locator("#id_sales_channel option:checked")).to_have_text("Amazon B2B India")


def test_the_lockout_page_shows_under_the_policy(page, org):
    factories.make_member(org, "viewer", username="asha")
    page.goto("/accounts/login/")
    for _ in range(5):
        page.fill("#id_username", "asha")
        page.fill("#id_password", "wrong-password")
        page.click("button[type=submit]")
        page.wait_for_load_state()

    expect(page.locator("#locked-out h2")).to_have_text("Sign-in locked")
    expect(page.locator("#locked-out")).to_contain_text("locked for 15 minutes")


def test_the_api_docs_render_from_our_own_static_files(logged_in_page):
    page = logged_in_page("viewer")
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto("/api/v1/docs")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("vendorflow API")
    base = page.url.split("/api/")[0]
    assert [url for url in requested if not url.startswith(base)] == []
