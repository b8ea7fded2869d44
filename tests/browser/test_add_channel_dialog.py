import pytest
from playwright.sync_api import expect

from tests import factories
from vendorflow.accounts.models import AuditLog
from vendorflow.channels.models import AmazonChannel, SalesChannel

pytestmark = pytest.mark.browser


def test_add_amazon_channel_through_the_dialog(logged_in_page, org):
    factories.make_location(org, code="WH1")
    factories.make_location(org, code="WH2")
    factories.make_sales_channel(org, name="Existing label")
    page = logged_in_page("admin")

    page.click("a.gear")
    expect(page).to_have_url(f"{page.url.split('/channels')[0]}/channels/settings/")
    expect(page.locator("h1")).to_have_text("Settings")
    page.click("#add-channels")
    page.click("#choose-amazon-retail-b2b")
    dialog = page.locator("dialog#modal")
    expect(dialog.locator("h2")).to_have_text("Add Amazon Retail B2B channel")

    dialog.locator("#id_vendor_code").fill("abcd1")
    dialog.locator("#id_warehouse_codes").fill("wh2, WH1, wh2")
    dialog.locator("#id_registered_emails").fill("ops@example.com, bob@")
    dialog.locator("#id_lwa_client_id").fill("amzn1.application-oa2-client.x")
    dialog.locator("#id_client_secret").fill("browser-secret-value-1234")
    dialog.locator("#id_refresh_token").fill("Atzr|browser-refresh-5678")

    dialog.locator("#new-sales-channel-toggle").click()
    dialog.locator("#id_new_sales_channel_name").fill("Amazon B2B India")
    dialog.locator("#create-sales-channel").click()
    expect(dialog.locator("#id_sales_channel option:checked")).to_have_text("Amazon B2B India")
    expect(dialog.locator("#new-sales-channel")).to_be_hidden()
    expect(dialog.locator("#id_vendor_code")).to_have_value("abcd1")
    expect(dialog.locator("#id_client_secret")).to_have_value("browser-secret-value-1234")

    dialog.locator("#save-channel").click()
    error = dialog.locator("#field-registered_emails .errorlist")
    expect(error).to_have_text("Not a valid email address: “bob@”.")
    assert AmazonChannel.objects.count() == 0

    dialog.locator("#id_registered_emails").fill("ops@example.com, Ops@example.com, b@example.com")
    dialog.locator("#id_client_secret").fill("browser-secret-value-1234")
    dialog.locator("#id_refresh_token").fill("Atzr|browser-refresh-5678")
    dialog.locator("#save-channel").click()

    expect(page.locator(".msg-success")).to_have_text("Amazon Retail B2B channel ABCD1 added.")
    expect(dialog).not_to_be_visible()
    row = page.locator("#channels-section tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("ABCD1")
    expect(row).to_contain_text("Amazon B2B India")
    expect(row).to_contain_text("Europe (incl. India)")

    channel = AmazonChannel.objects.get(organization=org)
    assert channel.vendor_code == "ABCD1"
    assert channel.warehouse_codes == ["WH2", "WH1"]
    assert channel.registered_emails == ["ops@example.com", "b@example.com"]
    assert channel.sales_channel == SalesChannel.objects.get(
        organization=org, name="Amazon B2B India"
    )
    assert channel.client_secret == "browser-secret-value-1234"
    assert channel.refresh_token == "Atzr|browser-refresh-5678"
    assert sorted(AuditLog.objects.values_list("action", flat=True)) == [
        "channel.created",
        "sales_channel.created",
    ]
