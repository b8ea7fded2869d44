import pytest
from playwright.sync_api import expect

from tests import factories
from vendorflow.channels.models import SyncRun

pytestmark = pytest.mark.browser


def test_a_channel_without_credentials_cannot_be_synced_and_says_why(logged_in_page, org):
    factories.make_member(org, "admin", username="ana")
    factories.make_location(org, code="WH1")
    channel = factories.make_channel(org, client_secret="", refresh_token="")
    page = logged_in_page("manager")

    page.goto("/channels/")
    expect(page.locator(".channel-table tbody tr td").nth(4)).to_have_text("Needs credentials")
    page.click(f"a:has-text('{channel.vendor_code}')")
    expect(page.locator("#readiness")).to_contain_text(
        "SP-API credentials missing: client secret, refresh token."
    )
    expect(page.locator("#who-can-fix")).to_have_text(
        "Only an admin can enter credentials: ask ana."
    )
    expect(page.locator("#readiness a")).to_have_count(0)  # no link to an admin-only form

    page.click("#sync-now")
    expect(page.locator(".msg-error")).to_have_text(
        "Channel VEND1 cannot sync yet: its SP-API credentials are missing (client secret, "
        "refresh token). Only an admin can enter credentials: ask ana."
    )
    expect(page.locator("#sync-runs")).to_contain_text("No sync has run yet.")

    page.click("#test-connection")
    expect(page.locator(".msg-error")).to_have_text(
        "Nothing was sent: the channel has no client secret, refresh token yet. An admin "
        "enters them with Edit."
    )
    expect(page.locator("#connection")).to_contain_text("Credentials missing")
    assert not SyncRun.objects.exists()
