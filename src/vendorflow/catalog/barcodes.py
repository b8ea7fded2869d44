"""GS1 barcodes (EAN-8, UPC-A, EAN-13, GTIN-14): validation and normalisation. Pure functions."""

GTIN_LENGTHS = {8: "EAN-8", 12: "UPC-A", 13: "EAN-13", 14: "GTIN-14"}


class BarcodeError(ValueError):
    """Why a code is not a valid GS1 barcode; the message names the code."""


def check_digit(body: str) -> int:
    """The GS1 check digit for the digits before it (weights 3, 1, 3, … from the right)."""
    total = sum(int(digit) * (3 if i % 2 == 0 else 1) for i, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def validate_gtin(code: str, lengths: tuple[int, ...] = (8, 12, 13, 14)) -> str:
    """The trimmed code if it is a digits-only GTIN of an allowed length and valid check digit."""
    code = code.strip()
    if not code.isdigit() or not code.isascii():
        raise BarcodeError(f"{code}: a barcode may contain only digits")
    if len(code) not in lengths:
        raise BarcodeError(f"{code}: {_length_rule(lengths)}; it has {len(code)}")
    expected = check_digit(code[:-1])
    if int(code[-1]) != expected:
        raise BarcodeError(f"{code}: wrong check digit (expected {expected}, got {code[-1]})")
    return code


def _length_rule(lengths: tuple[int, ...]) -> str:
    if len(lengths) == 1:
        return f"a {GTIN_LENGTHS[lengths[0]]} has {lengths[0]} digits"
    names = ", ".join(f"{n} ({GTIN_LENGTHS[n]})" for n in lengths[:-1])
    last = lengths[-1]
    return f"must have {names} or {last} ({GTIN_LENGTHS[last]}) digits"


def validate_case_gtin(code: str) -> str:
    return validate_gtin(code, lengths=(14,))


def gtin14(code: str) -> str:
    """The normal form used to compare barcodes: a GTIN padded to 14 digits.

    UPC-A 012345678905, EAN-13 0012345678905 and GTIN-14 00012345678905 are one barcode.
    Anything that is not a digit string of at most 14 digits is returned trimmed, unchanged.
    """
    code = code.strip()
    if code.isdigit() and code.isascii() and len(code) <= 14:
        return code.zfill(14)
    return code


def split_barcodes(text: str, separators: str = ",\n") -> list[str]:
    """Barcodes from a comma/newline separated list: trimmed, without blanks or repeats."""
    for separator in separators[1:]:
        text = text.replace(separator, separators[0])
    seen: dict[str, str] = {}
    for part in text.split(separators[0]):
        code = part.strip()
        if code and gtin14(code) not in seen:
            seen[gtin14(code)] = code
    return list(seen.values())
