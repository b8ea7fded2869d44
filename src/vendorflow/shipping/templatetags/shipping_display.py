from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def plain(value: Decimal | None) -> str:
    """A measure without trailing zeros: 1.200 → "1.2", 10.000 → "10"."""
    if value is None:
        return ""
    return format(value.normalize(), "f")
