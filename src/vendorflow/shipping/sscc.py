"""GS1 Serial Shipping Container Codes.

An SSCC is 18 digits: the extension digit, the organization's GS1 company prefix (7 to 10
digits), a serial reference filling the rest of the first 17 digits, and the GS1 mod-10 check
digit. On a label it follows Application Identifier (00).
"""

BODY_LENGTH = 17
PREFIX_LENGTHS = range(7, 11)


class SsccError(ValueError):
    pass


def check_digit(digits: str) -> int:
    """The GS1 mod-10 check digit of `digits`: weights 3 and 1 alternate from the right."""
    if not digits.isdigit():
        raise SsccError(f"{digits!r} is not all digits.")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def is_valid(sscc: str) -> bool:
    return (
        len(sscc) == BODY_LENGTH + 1 and sscc.isdigit() and check_digit(sscc[:-1]) == int(sscc[-1])
    )


def capacity(company_prefix: str) -> int:
    """The largest serial reference a prefix leaves room for."""
    return 10 ** (BODY_LENGTH - 1 - len(company_prefix)) - 1


def build(*, extension_digit: int, company_prefix: str, serial: int) -> str:
    check_prefix(company_prefix)
    if not 0 <= extension_digit <= 9:
        raise SsccError("The extension digit is one digit, 0 to 9.")
    if not 1 <= serial <= capacity(company_prefix):
        raise SsccError(
            f"Serial {serial} does not fit: company prefix {company_prefix} leaves room for "
            f"{capacity(company_prefix):,} serials."
        )
    width = BODY_LENGTH - 1 - len(company_prefix)
    body = f"{extension_digit}{company_prefix}{serial:0{width}d}"
    return body + str(check_digit(body))


def check_prefix(company_prefix: str) -> None:
    if not company_prefix.isdigit() or len(company_prefix) not in PREFIX_LENGTHS:
        raise SsccError("A GS1 company prefix is 7 to 10 digits.")


def human(sscc: str) -> str:
    """The SSCC as printed under its barcode: "(00) 0 8901234 000000001 7" style groups."""
    return f"(00) {sscc[0]} {sscc[1:-1]} {sscc[-1]}"
