import pytest

from tests.customers.builders import customer_post
from tests.factories import make_customer
from vendorflow.customers.models import Customer


def _errors(client, **overrides):
    response = client.post("/customers/new/", customer_post(**overrides))
    assert response.status_code == 422
    assert not Customer.objects.filter(name="Amazon Seller Services BLR").exists()
    return response.context["form"].errors


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"code": ""}, "code", "This field is required."),
        ({"name": ""}, "name", "This field is required."),
        ({"contact_email": "ap@"}, "contact_email", "Enter a valid email address."),
        (
            {"contact_phone": "call us"},
            "contact_phone",
            "Enter a phone number of 7–15 digits, optionally starting with + "
            "(spaces, dashes, brackets allowed).",
        ),
        ({"tax_id": "27AAPFU0939F1Z"}, "tax_id", "A GSTIN has 15 characters; this one has 14."),
        (
            {"tax_id": "27AAPFU0939F1ZW"},
            "tax_id",
            "The check character (15th) does not match: expected 'V', got 'W'. Check for a typo.",
        ),
        (
            {"country_code": "IND"},
            "country_code",
            "Ensure this value has at most 2 characters (it has 3).",
        ),
        ({"country_code": "1N"}, "country_code", "Use the 2-letter ISO country code, e.g. IN."),
        ({"name": "x" * 201}, "name", "Ensure this value has at most 200 characters (it has 201)."),
    ],
)
def test_each_field_error_is_shown_inline(member_client, overrides, field, message):
    errors = _errors(member_client("manager"), **overrides)
    assert errors[field] == [message]


def test_error_appears_next_to_the_field_in_html(member_client):
    client = member_client("manager")
    response = client.post("/customers/new/", customer_post(contact_email="bad"))
    body = response.content.decode()
    field_start = body.index('id="field-contact_email"')
    assert body.index("Enter a valid email address.", field_start) < body.index(
        'id="field-contact_phone"'
    )


def test_vat_outside_india_is_free_form(member_client):
    client = member_client("manager")
    response = client.post(
        "/customers/new/", customer_post(tax_id="DE 123 456 789", country_code="de")
    )
    assert response.status_code == 302
    customer = Customer.objects.get()
    assert (customer.tax_id, customer.country_code) == ("DE123456789", "DE")


def test_gstin_is_normalised(member_client):
    client = member_client("manager")
    client.post("/customers/new/", customer_post(tax_id=" 27aapfu0939f1zv "))
    assert Customer.objects.get().tax_id == "27AAPFU0939F1ZV"


def test_duplicate_customer_code_is_a_field_error(member_client, org):
    make_customer(org, code="AMZ-BLR", name="Existing")
    errors = _errors(member_client("manager"))
    assert errors["code"] == ["Customer code AMZ-BLR is already used by Existing."]
    assert Customer.objects.count() == 1


def test_edit_keeps_old_values_on_error(member_client, org):
    customer = make_customer(org, code="C1", name="Before")
    client = member_client("manager")
    response = client.post(
        f"/customers/{customer.pk}/edit/", customer_post(code="C1", name="After", contact_email="x")
    )
    assert response.status_code == 422
    customer.refresh_from_db()
    assert customer.name == "Before"
