"""Test helpers for the channels area."""

from html.parser import HTMLParser

from django.db import connection

from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true"}
SECRET = "super-secret-client-value-9876"
TOKEN = "Atzr|refresh-token-abcdefgh-4321"


def channel_form(sales_channel, **overrides) -> dict:
    """POST data of the Add/Edit Amazon Retail B2B dialog."""
    data = {
        "vendor_code": "VEND1",
        "warehouse_codes": "WH1",
        "registered_emails": "ops@example.com",
        "sales_channel": str(sales_channel.pk),
        "region": "EU",
        "lwa_client_id": "amzn1.application-oa2-client.abc",
        "client_secret": SECRET,
        "refresh_token": TOKEN,
        "endpoint_override": "",
        "lwa_endpoint_override": "",
    }
    data.update(overrides)
    return data


def setup_org(org, codes=("WH1", "WH2")):
    """Locations and a sales channel, as the dialog needs them."""
    for code in codes:
        factories.make_location(org, code=code)
    return factories.make_sales_channel(org, name="Amazon B2B India")


class _FieldErrors(HTMLParser):
    """Collects the error messages inside `<div id="field-NAME">`, outside the ➕ mini-form."""

    def __init__(self, field_id: str):
        super().__init__()
        self.field_id, self.depth, self.skip_depth = field_id, 0, 0
        self.in_li, self.has_error, self.errors = False, False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += tag == "div"
            if tag == "div" and attrs.get("class") == "mini-form" and not self.skip_depth:
                self.skip_depth = self.depth
            self.in_li = tag == "li" and not self.skip_depth
        elif tag == "div" and attrs.get("id") == self.field_id:
            self.depth = 1
            self.has_error = "has-error" in (attrs.get("class") or "")

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            if self.skip_depth == self.depth:
                self.skip_depth = 0
            self.depth -= 1
        self.in_li = False if tag == "li" else self.in_li

    def handle_data(self, data):
        if self.in_li:
            self.errors.append(data)


def field_errors(html: str, field: str) -> list[str]:
    """The errors shown next to a form field (its `includes/field.html` block)."""
    parser = _FieldErrors(f"field-{field}")
    parser.feed(html)
    assert not parser.errors or parser.has_error, f"{field} lists errors without has-error"
    return parser.errors


def raw_columns(channel_id: int) -> tuple[str, str]:
    """The channel's two secret columns as stored in the database (ciphertext)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT client_secret_encrypted, refresh_token_encrypted FROM channels_amazonchannel "
            "WHERE id = %s",
            [channel_id],
        )
        return cursor.fetchone()
