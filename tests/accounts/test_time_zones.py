"""Pages show dates and times in the organization's time zone (Asia/Kolkata unless set), or a
member's own, with the zone named; the API and CSV stay in UTC."""

from datetime import UTC, datetime

import pytest

from tests import factories
from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.accounts.models import AuditLog, Organization

pytestmark = pytest.mark.django_db
PO_DATE = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)  # 13:30 in India


@pytest.fixture
def order(org):
    w = world(org)
    return order_for(w, [soap_line(product=w.soap)], po_date=PO_DATE)


def test_a_new_organization_is_on_india_time_unless_the_env_says_otherwise(settings):
    assert factories.make_org("India Co").time_zone == "Asia/Kolkata"
    settings.VENDORFLOW_TIME_ZONE = "Europe/Berlin"
    assert factories.make_org("Berlin Co").time_zone == "Europe/Berlin"


def test_the_order_pages_show_times_in_the_organizations_zone_named(order, member_client):
    client = member_client("viewer")
    detail = client.get(f"/orders/{order.pk}/").content.decode()
    assert "<dt>PO date</dt><dd>27 Nov 2026 13:30 IST</dd>" in detail
    assert "<dt>Acknowledge by</dt><dd>28 Nov 2026 13:30 IST</dd>" in detail
    assert "UTC" not in detail
    listing = client.get("/orders/").content.decode()
    assert '<td data-label="PO date">27 Nov 2026 13:30 IST</td>' in listing


def test_the_api_and_csv_stay_in_utc(order, member_client):
    client = member_client("viewer")
    assert client.get(f"/api/v1/orders/{order.pk}").json()["po_date"] == "2026-11-27T08:00:00Z"
    csv = b"".join(client.get("/orders/export.csv").streaming_content).decode()
    assert "2026-11-27T08:00:00+00:00" in csv


def test_an_admin_changes_the_organizations_zone_and_it_is_audited(order, org, member_client):
    admin = member_client("admin")
    response = admin.post("/accounts/time-zone/organization/", {"time_zone": "Europe/London"})
    assert response.status_code == 302
    assert Organization.objects.get(pk=org.pk).time_zone == "Europe/London"
    assert list(AuditLog.objects.values_list("action", "changes")) == [
        ("organization.time_zone_changed", {"time_zone": ["Asia/Kolkata", "Europe/London"]})
    ]
    detail = admin.get(f"/orders/{order.pk}/").content.decode()
    assert "<dt>PO date</dt><dd>27 Nov 2026 08:00 GMT</dd>" in detail


def test_a_bad_zone_is_named_and_nothing_changes(org, member_client):
    response = member_client("admin").post(
        "/accounts/time-zone/organization/", {"time_zone": "Mars/Olympus"}
    )
    assert response.status_code == 422
    assert "Mars/Olympus is not a time zone name, e.g. Asia/Kolkata." in response.content.decode()
    assert Organization.objects.get(pk=org.pk).time_zone == "Asia/Kolkata"
    assert not AuditLog.objects.exists()


def test_only_an_admin_sets_the_organizations_zone(org, member_client):
    response = member_client("manager").post(
        "/accounts/time-zone/organization/", {"time_zone": "Europe/London"}
    )
    assert response.status_code == 403
    assert Organization.objects.get(pk=org.pk).time_zone == "Asia/Kolkata"


def test_a_member_picks_their_own_zone_and_back(order, member_client):
    client = member_client("operator")
    assert client.post("/accounts/time-zone/mine/", {"time_zone": "Asia/Dubai"}).status_code == 302
    detail = client.get(f"/orders/{order.pk}/").content.decode()
    assert "<dt>PO date</dt><dd>27 Nov 2026 12:00 +04</dd>" in detail
    client.post("/accounts/time-zone/mine/", {"time_zone": ""})
    detail = client.get(f"/orders/{order.pk}/").content.decode()
    assert "<dt>PO date</dt><dd>27 Nov 2026 13:30 IST</dd>" in detail


def test_the_api_sets_both_zones(org, client):
    from tests.catalog.builders import api_client

    admin = api_client(client, org, "admin")
    body = admin.patch(
        "/api/v1/accounts/organization/time-zone",
        {"time_zone": "Asia/Singapore"},
        content_type="application/json",
    ).json()
    assert body["time_zone"] == "Asia/Singapore"
    mine = admin.patch(
        "/api/v1/accounts/me/time-zone", {"time_zone": "UTC"}, content_type="application/json"
    ).json()
    assert (mine["time_zone"], mine["organization"]["time_zone"]) == ("UTC", "Asia/Singapore")
    refused = admin.patch(
        "/api/v1/accounts/me/time-zone", {"time_zone": "Nowhere"}, content_type="application/json"
    )
    assert refused.status_code == 422
    assert refused.json() == {
        "detail": {"time_zone": ["Nowhere is not a time zone name, e.g. Asia/Kolkata."]}
    }


def test_the_pick_list_pdf_from_the_api_is_in_the_organizations_zone(order, client, org):
    import io

    from pypdf import PdfReader

    from tests.catalog.builders import api_client

    api = api_client(client, org, "operator")
    pdf = api.get(f"/api/v1/orders/{order.pk}/pick-list.pdf").content
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert "28 Nov 2026 13:30 IST" in text
