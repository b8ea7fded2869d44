from tests import factories
from vendorflow.accounts.models import AuditLog
from vendorflow.catalog.models import Location


def _post(client, url, **overrides):
    data = {"code": " wh2 ", "name": "Second warehouse", "city": "Pune", "country_code": "in"}
    data.update(overrides)
    return client.post(url, data)


def test_create_uppercases_and_trims_the_code(member_client, org):
    client = member_client("manager")
    response = _post(client, "/catalog/locations/new/")
    assert response.status_code == 302
    location = Location.objects.get(organization=org)
    assert (location.code, location.name, location.country_code) == (
        "WH2",
        "Second warehouse",
        "IN",
    )
    assert AuditLog.objects.filter(organization=org, action="location.create").count() == 1


def test_duplicate_code_is_a_field_error_and_nothing_is_written(member_client, org):
    factories.make_location(org, "WH2")
    response = _post(member_client("manager"), "/catalog/locations/new/", code="wh2")
    assert response.status_code == 422
    assert response.context["form"].errors == {"code": ["A location with code WH2 already exists."]}
    assert Location.objects.filter(organization=org).count() == 1


def test_same_code_in_another_organization_is_fine(member_client, org, other_org):
    factories.make_location(other_org, "WH2")
    assert _post(member_client("manager"), "/catalog/locations/new/").status_code == 302
    assert Location.objects.filter(organization=org, code="WH2").exists()


def test_required_fields_and_bad_values_are_named(member_client, org):
    response = _post(
        member_client("manager"), "/catalog/locations/new/", code="W H", name="", country_code="IND"
    )
    assert response.status_code == 422
    assert response.context["form"].errors == {
        "name": ["This field is required."],
        "code": ["Use letters, digits, '.', '_' or '-' only (no spaces)."],
        "country_code": ["Use a two-letter ISO country code, e.g. IN."],
    }
    assert not Location.objects.exists()


def test_htmx_error_response_is_the_form_partial_with_422(member_client, org):
    factories.make_location(org, "WH2")
    client = member_client("manager")
    response = client.post(
        "/catalog/locations/new/", {"code": "WH2", "name": "x"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "A location with code WH2 already exists." in body
    assert "<html" not in body


def test_edit_changes_fields(member_client, org):
    location = factories.make_location(org, "WH1")
    response = _post(
        member_client("manager"), f"/catalog/locations/{location.pk}/edit/", code="wh1", name="Main"
    )
    assert response.status_code == 302
    location.refresh_from_db()
    assert (location.code, location.name, location.city) == ("WH1", "Main", "Pune")


def test_code_used_by_a_channel_cannot_change(member_client, org):
    location = factories.make_location(org, "WH1")
    factories.make_channel(org, warehouse_codes=["WH1"])
    response = _post(
        member_client("manager"), f"/catalog/locations/{location.pk}/edit/", code="WH9"
    )
    assert response.status_code == 422
    assert response.context["form"].errors == {
        "code": [
            "The code WH1 cannot change: it is a warehouse code of Amazon Retail B2B VEND1. "
            "Change the channel first."
        ]
    }
    location.refresh_from_db()
    assert location.code == "WH1"
