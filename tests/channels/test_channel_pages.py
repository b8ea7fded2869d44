import pytest

from tests import factories
from tests.channels.builders import HTMX, channel_form, setup_org
from vendorflow.channels.models import AmazonChannel, SyncRun

pytestmark = pytest.mark.django_db


def test_settings_page_sections_and_links(admin_client, org):
    factories.make_channel(org, vendor_code="VEND1")
    html = admin_client.get("/channels/settings/").content.decode()
    for needle in (
        'id="channels-section"',
        'id="sales-channels-section"',
        'id="add-channels"',
        'href="/accounts/members/"',
        'href="/accounts/tokens/"',
        'href="/accounts/audit/"',
        "VEND1",
        "Europe (incl. India)",
        "Amazon VEND1",
        "Active",
    ):
        assert needle in html


def test_viewer_sees_no_add_button(member_client, org):
    html = member_client("viewer").get("/channels/settings/").content.decode()
    assert 'id="add-channels"' not in html


def test_chooser_offers_amazon_retail_b2b_in_the_dialog(admin_client):
    partial = admin_client.get("/channels/add/", **HTMX).content.decode()
    assert "<html" not in partial
    assert 'hx-get="/channels/add/amazon/"' in partial
    assert "Amazon Retail B2B" in partial
    full = admin_client.get("/channels/add/").content.decode()
    assert "<html" in full and 'href="/channels/add/amazon/"' in full


def test_saving_closes_the_dialog_and_reports_success(admin_client, org):
    sc = setup_org(org)
    response = admin_client.post("/channels/add/amazon/", channel_form(sc), **HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/channels/settings/"
    page = admin_client.get("/channels/settings/")
    assert [str(m) for m in page.context["messages"]] == ["Amazon Retail B2B channel VEND1 added."]
    assert AmazonChannel.objects.get().vendor_code == "VEND1"


def test_the_dialog_also_works_as_a_plain_page(admin_client, org):
    sc = setup_org(org)
    form = admin_client.get("/channels/add/amazon/").content.decode()
    assert (
        "<html" in form and "hx-post" not in form.split('id="amazon-channel-form"')[1].split(">")[0]
    )
    response = admin_client.post("/channels/add/amazon/", channel_form(sc))
    assert response.status_code == 302
    assert response["Location"] == "/channels/settings/"


def test_channel_page(admin_client, org):
    channel = factories.make_channel(org, vendor_code="VEND1", warehouse_codes=["WH1", "WH2"])
    SyncRun.objects.create(
        organization=org,
        channel=channel,
        kind="created",
        status="failed",
        pages=3,
        pos_new=7,
        pos_changed=2,
        pos_held=1,
        error="QuotaExceeded: slow down",
    )
    html = admin_client.get(f"/channels/{channel.pk}/").content.decode()
    for needle in (
        "Amazon Retail B2B · VEND1",
        'WH1 <span class="muted">(default)</span>, WH2',
        "••••-123",
        "••••-456",
        'id="prerequisites"',
        'id="not-supported"',
        "Booking the delivery appointment",
        "Invoices are not sent to Amazon.",
        "No inventory or listing feeds",
        "New POs",
        "Failed",
        "QuotaExceeded: slow down",
        '<td class="num">7</td>',
        'id="deactivate"',
        'id="edit-channel"',
    ):
        assert needle in html


def test_non_admins_see_only_that_a_secret_is_set(member_client, org):
    channel = factories.make_channel(org)
    html = member_client("viewer").get(f"/channels/{channel.pk}/").content.decode()
    assert "••••" not in html
    assert '<span class="secret" id="client-secret-masked">set</span>' in html
    assert 'id="edit-channel"' not in html


def test_channel_list(admin_client, org):
    channel = factories.make_channel(org, vendor_code="VEND1", is_active=False)
    html = admin_client.get("/channels/").content.decode()
    assert f'href="/channels/{channel.pk}/"' in html
    assert "Inactive" in html


def test_sync_runs_are_paginated(admin_client, org):
    channel = factories.make_channel(org)
    SyncRun.objects.bulk_create(
        SyncRun(organization=org, channel=channel, kind="created", status="succeeded")
        for _ in range(25)
    )
    first = admin_client.get(f"/channels/{channel.pk}/")
    after = first.context["page"].next_cursor
    second = admin_client.get(f"/channels/{channel.pk}/?after={after}").content.decode()
    assert first.content.decode().count('<td class="nowrap">') == 40
    assert second.count('<td class="nowrap">') == 10
    assert 'rel="next"' in first.content.decode() and 'rel="next"' not in second
    assert 'rel="prev"' in second
