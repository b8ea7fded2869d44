"""Customer-specific test data."""

from django.test import Client

from tests.factories import make_member
from vendorflow.accounts import services as account_services

VALID_GSTIN = "27AAPFU0939F1ZV"
HEADER = (
    "code,name,tax_id,contact_email,contact_phone,address_line1,address_line2,city,"
    "state_or_region,postal_code,country_code,warehouse_codes"
)


def api_client(org, role: str) -> Client:
    """A client calling the API with a bearer token of a new member with `role`."""
    user = make_member(org, role)
    key = account_services.create_token(member=user.membership, name="tests").key
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    client.user = user
    return client


def customer_post(**overrides) -> dict:
    data = {
        "code": "AMZ-BLR",
        "name": "Amazon Seller Services BLR",
        "tax_id": VALID_GSTIN,
        "contact_email": "ap@example.com",
        "contact_phone": "+91 80 4000 1234",
        "address_line1": "Plot 12",
        "address_line2": "",
        "city": "Bengaluru",
        "state_or_region": "KA",
        "postal_code": "562149",
        "country_code": "IN",
    }
    data.update(overrides)
    return data


def csv_file(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"
