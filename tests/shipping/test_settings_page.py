from vendorflow.shipping.models import ShippingSettings


def test_an_admin_sets_the_gs1_prefix_and_sees_the_first_sscc(org, member_client):
    client = member_client("admin")
    saved = client.post(
        "/shipments/settings/", {"gs1_company_prefix": "8901234", "sscc_extension_digit": "3"}
    )
    assert saved.status_code == 302
    options = ShippingSettings.objects.get(organization=org)
    assert (options.gs1_company_prefix, options.sscc_extension_digit) == ("8901234", 3)
    page = client.get("/shipments/settings/").content.decode()
    assert "<code>(00) 3 8901234000000001 5</code>" in page
    assert org.audit_entries.filter(action="shipping.settings_updated").count() == 1


def test_a_bad_prefix_is_refused_at_the_field_and_nothing_is_saved(org, member_client):
    client = member_client("admin")
    page = client.post(
        "/shipments/settings/", {"gs1_company_prefix": "12AB", "sscc_extension_digit": "3"}
    )
    assert page.status_code == 422
    assert "A GS1 company prefix is 7 to 10 digits." in page.content.decode()
    assert not ShippingSettings.objects.exists()


def test_a_manager_reads_but_cannot_change_them(org, member_client):
    client = member_client("manager")
    assert "Only an admin changes these." in client.get("/shipments/settings/").content.decode()
    refused = client.post(
        "/shipments/settings/", {"gs1_company_prefix": "8901234", "sscc_extension_digit": "3"}
    )
    assert refused.status_code == 403
    assert not ShippingSettings.objects.exists()
