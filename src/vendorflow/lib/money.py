from decimal import Decimal, InvalidOperation


def parse_decimal(value: str | None, *, field: str) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        result = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError(f"{field}: {value!r} is not a number") from exc
    if not result.is_finite():
        raise ValueError(f"{field}: {value!r} is not a number")
    if result < 0:
        raise ValueError(f"{field}: must not be negative")
    return result
