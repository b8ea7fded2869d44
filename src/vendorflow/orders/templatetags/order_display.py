"""Amazon's quantities and codes in words on the order pages."""

from django import template

from vendorflow.lib import text
from vendorflow.orders.choices import RejectionReason, UnitOfMeasure

register = template.Library()


@register.simple_tag
def quantity(amount, line) -> str:
    """`amount` in the line's unit of measure: "1 case", "2 cases", "1 each", "3 eaches"."""
    if line.unit_of_measure == UnitOfMeasure.CASES:
        return f"{amount} case" if amount == 1 else f"{amount} cases"
    return f"{amount} each" if amount == 1 else f"{amount} eaches"


@register.filter
def rejection_label(code: str) -> str:
    """Amazon's rejection reason code as words ("TemporarilyUnavailable" → "Temporarily
    unavailable"); an unknown code is shown as it is."""
    return RejectionReason(code).label if code in RejectionReason.values else code


@register.filter
def amazon_status(code: str) -> str:
    """An upper-case Amazon status ("NOT_RECEIVED") as words ("Not received")."""
    return code.replace("_", " ").capitalize()


@register.filter
def in_sentence(label: str) -> str:
    """A label inside a sentence: "Confirmed by Amazon" → "confirmed by Amazon"."""
    return text.in_sentence(str(label))
