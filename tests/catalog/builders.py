"""Valid GS1 codes and small helpers for the catalog tests."""

import secrets

from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from vendorflow.accounts.models import ApiToken

EAN13_A = "8901234567890"
EAN13_B = "8901234567906"
EAN13_C = "8901234567913"
UPC_A = "036000291452"  # the same GTIN as EAN-13 0036000291452 and GTIN-14 00036000291452
EAN8 = "96385074"
CASE_A = "18901234567897"
CASE_B = "18901234567903"


def api_client(client, org, role: str):
    """A test client sending a bearer token of a new member with `role`."""
    user = factories.make_member(org, role)
    key = secrets.token_urlsafe(24)
    ApiToken.objects.create(user=user, name="test", prefix=key[:8], key_hash=ApiToken.hash_key(key))
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    client.user = user
    return client


def upload(text: str, name: str = "data.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def csv_body(response) -> str:
    return b"".join(response.streaming_content).decode()
