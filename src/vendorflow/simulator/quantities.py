"""Quantities: Amazon states them per line unit (Cases of `unitSize` or Eaches); we count eaches."""


def eaches(quantity: dict, line_quantity: dict | None = None) -> int:
    """Eaches in an ItemQuantity; a missing unit or size is taken from the PO line's."""
    fallback = line_quantity or {}
    unit = quantity.get("unitOfMeasure") or fallback.get("unitOfMeasure", "Eaches")
    size = quantity.get("unitSize") or fallback.get("unitSize") or 1
    return quantity.get("amount", 0) * (size if unit == "Cases" else 1)


def in_line_units(line_quantity: dict, count: int) -> dict:
    """`count` eaches expressed in the PO line's unit of measure."""
    size = line_quantity.get("unitSize") or 1
    cases = line_quantity.get("unitOfMeasure") == "Cases"
    return {
        "amount": count // size if cases else count,
        "unitOfMeasure": line_quantity.get("unitOfMeasure", "Eaches"),
        "unitSize": size,
    }
