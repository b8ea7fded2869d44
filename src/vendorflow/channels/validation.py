"""Parsing and validation of channel settings, shared by the forms, the API and the services.

Each function takes what a person typed (or a list from the API), returns the clean value, and
raises `ValidationError` with a message that names the offending entries.
"""

import ipaddress
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from vendorflow.catalog.models import Location

VENDOR_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,19}$")
LOOPBACK_NAMES = {"localhost"}


def split_list(value: str | Iterable[str] | None) -> list[str]:
    """'a, b,,c' or ['a', ' b'] → ['a', 'b', 'c'] (trimmed, empty items dropped)."""
    if value is None:
        return []
    items = re.split(r"[,;\n]", value) if isinstance(value, str) else list(value)
    return [str(item).strip() for item in items if item and str(item).strip()]


def dedupe(items: Iterable[str], key=str.upper) -> list[str]:
    """Keep the first of each item, comparing by `key`, in the original order."""
    seen: set[str] = set()
    kept = []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            kept.append(item)
    return kept


def clean_vendor_code(value: str) -> str:
    code = (value or "").strip().upper()
    if not code:
        raise ValidationError("Enter the vendor code.")
    if not VENDOR_CODE_RE.match(code):
        raise ValidationError(
            "A vendor code has up to 20 letters, digits, '-' or '_' (for example ABCD1)."
        )
    return code


def clean_warehouse_codes(organization, value: str | Iterable[str]) -> list[str]:
    codes = dedupe(code.upper() for code in split_list(value))
    if not codes:
        raise ValidationError("Enter at least one warehouse code.")
    known = {
        code.upper(): code
        for code in Location.objects.filter(organization=organization).values_list(
            "code", flat=True
        )
    }
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ValidationError(
            f"Unknown warehouse code{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
            "Add the location under Catalog → Locations first."
        )
    return [known[code] for code in codes]


def clean_emails(value: str | Iterable[str]) -> list[str]:
    emails = dedupe(split_list(value), key=str.lower)
    if not emails:
        raise ValidationError("Enter at least one email address.")
    invalid = [email for email in emails if not _is_email(email)]
    if invalid:
        names = ", ".join(f"“{email}”" for email in invalid)
        raise ValidationError(
            f"Not a valid email address: {names}."
            if len(invalid) == 1
            else f"Not valid email addresses: {names}."
        )
    return emails


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def clean_endpoint(value: str) -> str:
    """An optional https URL; plain http only for a loopback host (a local simulator)."""
    url = (value or "").strip().rstrip("/")
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(
            "Enter a full URL, e.g. https://sandbox.sellingpartnerapi-eu.amazon.com."
        ) from None
    parts = urlsplit(url)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        raise ValidationError(
            f"Use https:// for {parts.hostname}: plain http is allowed only for a loopback host "
            "(localhost, 127.0.0.1, ::1)."
        )
    return url


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def clean_sales_channel_name(value: str) -> str:
    name = " ".join((value or "").split())
    if not name:
        raise ValidationError("Enter a name.")
    if len(name) > 100:
        raise ValidationError("Use at most 100 characters.")
    return name
