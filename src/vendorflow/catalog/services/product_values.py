"""Parsing and checking a product's own values (no database): shared by forms, API and CSV."""

from decimal import Decimal, InvalidOperation

from vendorflow.catalog.barcodes import (
    BarcodeError,
    gtin14,
    split_barcodes,
    validate_case_gtin,
    validate_gtin,
)
from vendorflow.catalog.models import Product
from vendorflow.lib.models import max_length

PRODUCT_FIELDS = [
    "sku",
    "name",
    "barcodes",
    "mrp",
    "expected_cost",
    "case_pack_size",
    "case_barcode",
    "bin",
]
SELF_NAMED_FIELDS = ("barcodes", "case_barcode")  # their messages already name the barcode
MONEY_INTEGER_DIGITS = 10


def parse_product_values(data: dict, separators: str = ",\n") -> tuple[dict, dict[str, list[str]]]:
    """(values, errors by field). `data` holds strings (form, CSV) or typed values (API)."""
    values: dict = {}
    errors: dict[str, list[str]] = {}
    for name, parse in _PARSERS.items():
        try:
            values[name] = parse(data.get(name))
        except ValueError as exc:
            errors[name] = [str(exc)]
    values["barcodes"], barcode_errors = _parse_barcodes(data.get("barcodes"), separators)
    if barcode_errors:
        errors["barcodes"] = barcode_errors
    errors.update(_cross_field_errors(values, errors))
    return values, errors


def _text(limit: int, required: bool = True):
    def parse(value) -> str:
        text = str(value or "").strip()
        if required and not text:
            raise ValueError("This field is required.")
        if len(text) > limit:
            raise ValueError(f"At most {limit} characters (it has {len(text)}).")
        return text

    return parse


def parse_money(value) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError(f"'{value}' is not a number.") from exc
    if not amount.is_finite():
        raise ValueError(f"'{value}' is not a number.")
    if amount < 0:
        raise ValueError("Must be 0 or more.")
    exponent = amount.as_tuple().exponent  # an int: the amount is finite
    if isinstance(exponent, int) and exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        raise ValueError("At most 2 decimal places.")
    if amount >= 10**MONEY_INTEGER_DIGITS:
        raise ValueError(f"At most {MONEY_INTEGER_DIGITS} digits before the decimal point.")
    return amount.quantize(Decimal("0.01"))


def parse_case_pack_size(value) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    if not text.isdigit() and not (text.startswith("-") and text[1:].isdigit()):
        raise ValueError(f"'{value}' is not a whole number.")
    size = int(text)
    if size < 1:
        raise ValueError("Must be 1 or more.")
    if size > 2_147_483_647:
        raise ValueError("Too large.")
    return size


def parse_case_barcode(value) -> str:
    code = str(value or "").strip()
    if not code:
        return ""
    try:
        return validate_case_gtin(code)
    except BarcodeError as exc:
        raise ValueError(f"Case barcode {exc}.") from exc


_PARSERS = {
    "sku": _text(max_length(Product, "sku")),
    "name": _text(max_length(Product, "name")),
    "mrp": parse_money,
    "expected_cost": parse_money,
    "case_pack_size": parse_case_pack_size,
    "case_barcode": parse_case_barcode,
    "bin": _text(max_length(Product, "bin"), required=False),
}


def _parse_barcodes(value, separators: str) -> tuple[list[str], list[str]]:
    if isinstance(value, list | tuple):
        value = separators[0].join(str(code) for code in value)
    codes = split_barcodes(str(value or ""), separators)
    valid, errors = [], []
    for code in codes:
        try:
            valid.append(validate_gtin(code))
        except BarcodeError as exc:
            errors.append(f"Barcode {exc}.")
    return valid, errors


def _cross_field_errors(values: dict, errors: dict) -> dict[str, list[str]]:
    case = values.get("case_barcode")
    if not case:
        return {}
    if gtin14(case) in {gtin14(code) for code in values.get("barcodes", [])}:
        return {"case_barcode": [f"Case barcode {case} is also an each barcode of this product."]}
    if values.get("case_pack_size") is None and "case_pack_size" not in errors:
        return {
            "case_pack_size": ["Enter the case pack size: a case barcode counts that many eaches."]
        }
    return {}
