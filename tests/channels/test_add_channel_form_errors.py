import pytest

from tests import factories
from tests.channels.builders import HTMX, channel_form, field_errors, setup_org
from vendorflow.accounts.models import AuditLog
from vendorflow.channels.models import AmazonChannel

pytestmark = pytest.mark.django_db
URL = "/channels/add/amazon/"


def post(client, data):
    return client.post(URL, data, **HTMX)


def test_unknown_warehouse_codes_are_named(admin_client, org):
    sc = setup_org(org)
    response = post(admin_client, channel_form(sc, warehouse_codes="wh1, WH9, zz3"))
    assert response.status_code == 422
    assert field_errors(response.content.decode(), "warehouse_codes") == [
        "Unknown warehouse codes: WH9, ZZ3. Add the location under Catalog → Locations first."
    ]
    assert AmazonChannel.objects.count() == 0
    assert AuditLog.objects.count() == 0


def test_location_of_another_org_is_unknown(admin_client, org, other_org):
    sc = setup_org(org, codes=())
    factories.make_location(other_org, code="WH1")
    response = post(admin_client, channel_form(sc))
    assert response.status_code == 422
    assert field_errors(response.content.decode(), "warehouse_codes") == [
        "Unknown warehouse code: WH1. Add the location under Catalog → Locations first."
    ]


def test_invalid_email_is_named(admin_client, org):
    sc = setup_org(org)
    response = post(
        admin_client, channel_form(sc, registered_emails="ops@example.com, bob@, x y@z.com")
    )
    assert response.status_code == 422
    assert field_errors(response.content.decode(), "registered_emails") == [
        "Not valid email addresses: “bob@”, “x y@z.com”."
    ]
    assert AmazonChannel.objects.count() == 0


def test_lists_are_trimmed_uppercased_and_deduplicated(admin_client, org):
    sc = setup_org(org)
    data = channel_form(
        sc,
        vendor_code=" vend1 ",
        warehouse_codes=" wh2 , WH1,wh2,, WH1 ",
        registered_emails="Ops@Example.com, ops@example.com ,, b@example.com,OPS@EXAMPLE.COM",
    )
    response = post(admin_client, data)
    assert response.status_code == 200
    channel = AmazonChannel.objects.get()
    assert channel.vendor_code == "VEND1"
    assert channel.warehouse_codes == ["WH2", "WH1"]
    assert channel.default_location_code == "WH2"
    assert channel.registered_emails == ["Ops@Example.com", "b@example.com"]


def test_duplicate_vendor_code_is_refused(admin_client, org):
    sc = setup_org(org)
    factories.make_channel(org, vendor_code="VEND1", sales_channel=sc)
    response = post(admin_client, channel_form(sc, vendor_code="vend1"))
    assert response.status_code == 422
    assert field_errors(response.content.decode(), "vendor_code") == [
        "A channel with vendor code VEND1 already exists."
    ]
    assert AmazonChannel.objects.count() == 1


def test_same_vendor_code_in_another_org_is_fine(admin_client, org, other_org):
    sc = setup_org(org)
    factories.make_channel(other_org, vendor_code="VEND1")
    assert post(admin_client, channel_form(sc)).status_code == 200
    assert AmazonChannel.objects.filter(organization=org, vendor_code="VEND1").count() == 1


def test_http_endpoint_needs_a_loopback_host(admin_client, org):
    sc = setup_org(org)
    data = channel_form(
        sc,
        endpoint_override="http://sandbox.example.com",
        lwa_endpoint_override="http://10.0.0.5:8765/auth/o2/token",
    )
    response = post(admin_client, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert field_errors(html, "endpoint_override") == [
        "Use https:// for sandbox.example.com: plain http is allowed only for a loopback host "
        "(localhost, 127.0.0.1, ::1)."
    ]
    assert field_errors(html, "lwa_endpoint_override") == [
        "Use https:// for 10.0.0.5: plain http is allowed only for a loopback host "
        "(localhost, 127.0.0.1, ::1)."
    ]
    assert AmazonChannel.objects.count() == 0


def test_http_endpoint_on_loopback_is_accepted(admin_client, org):
    sc = setup_org(org)
    data = channel_form(
        sc,
        endpoint_override="http://127.0.0.1:8765/",
        lwa_endpoint_override="http://localhost:8765/auth/o2/token",
    )
    assert post(admin_client, data).status_code == 200
    channel = AmazonChannel.objects.get()
    assert channel.endpoint_override == "http://127.0.0.1:8765"
    assert channel.lwa_endpoint_override == "http://localhost:8765/auth/o2/token"


def test_every_field_error_at_once(admin_client, org):
    setup_org(org)
    data = {
        "vendor_code": "",
        "warehouse_codes": "",
        "registered_emails": "nope",
        "sales_channel": "",
        "region": "XX",
        "endpoint_override": "not a url",
    }
    response = post(admin_client, data)
    html = response.content.decode()
    assert response.status_code == 422
    assert field_errors(html, "vendor_code") == ["This field is required."]
    assert field_errors(html, "warehouse_codes") == ["This field is required."]
    assert field_errors(html, "registered_emails") == ["Not a valid email address: “nope”."]
    assert field_errors(html, "sales_channel") == ["This field is required."]
    assert field_errors(html, "region") == [
        "Select a valid choice. XX is not one of the available choices."
    ]
    assert field_errors(html, "endpoint_override") == [
        "Enter a full URL, e.g. https://sandbox.sellingpartnerapi-eu.amazon.com."
    ]


def test_error_response_keeps_typed_values_but_not_secrets(admin_client, org):
    sc = setup_org(org)
    response = post(admin_client, channel_form(sc, registered_emails="bob@"))
    html = response.content.decode()
    assert 'value="VEND1"' in html
    assert 'value="bob@"' in html
    assert "super-secret-client-value" not in html
    assert "refresh-token-abcdefgh" not in html
