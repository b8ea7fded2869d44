"""Checks on customer fields that say exactly what is wrong."""

import re

from django.core.exceptions import ValidationError

GSTIN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PAN_PATTERN = re.compile(r"[A-Z]{5}[0-9]{4}[A-Z]")
PHONE_PATTERN = re.compile(r"\+?[0-9 ()\-.]+")
WAREHOUSE_CODE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9_\-]*")


def normalize_tax_id(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def gstin_check_char(first14: str) -> str:
    """The GSTIN check character: base-36 Luhn (mod 36) over the first 14 characters."""
    total = 0
    for index, char in enumerate(first14):
        product = GSTIN_CHARS.index(char) * (2 if index % 2 else 1)
        total += product // 36 + product % 36
    return GSTIN_CHARS[(36 - total % 36) % 36]


def gstin_problem(gstin: str) -> str | None:
    """Why `gstin` (already upper-cased, no spaces) is not a valid GSTIN, or None."""
    if len(gstin) != 15:
        return f"A GSTIN has 15 characters; this one has {len(gstin)}."
    if any(char not in GSTIN_CHARS for char in gstin):
        return "A GSTIN has only letters and digits."
    if not gstin[:2].isdigit() or not 1 <= int(gstin[:2]) <= 99:
        return f"A GSTIN starts with a 2-digit state code (e.g. 29); got {gstin[:2]!r}."
    if not PAN_PATTERN.fullmatch(gstin[2:12]):
        return (
            f"Characters 3–12 must be a PAN (5 letters, 4 digits, 1 letter); got {gstin[2:12]!r}."
        )
    if gstin[13] != "Z":
        return f"The 14th character of a GSTIN is 'Z'; got {gstin[13]!r}."
    expected = gstin_check_char(gstin[:14])
    if gstin[14] != expected:
        return (
            f"The check character (15th) does not match: expected {expected!r}, "
            f"got {gstin[14]!r}. Check for a typo."
        )
    return None


def phone_problem(phone: str) -> str | None:
    if not phone:
        return None
    digits = sum(char.isdigit() for char in phone)
    if not PHONE_PATTERN.fullmatch(phone) or not 7 <= digits <= 15:
        return (
            "Enter a phone number of 7–15 digits, optionally starting with + "
            "(spaces, dashes, brackets allowed)."
        )
    return None


def normalize_warehouse_code(value: str) -> str:
    return (value or "").strip().upper()


def validate_warehouse_code(code: str) -> None:
    if not code:
        raise ValidationError({"code": "Enter the marketplace warehouse (FC) code, e.g. BLR7."})
    if len(code) > 20:
        raise ValidationError(
            {"code": f"A warehouse code has at most 20 characters; {code!r} has {len(code)}."}
        )
    if not WAREHOUSE_CODE_PATTERN.fullmatch(code):
        raise ValidationError(
            {"code": f"{code!r} is not a warehouse code: use letters, digits, '-' or '_'."}
        )
