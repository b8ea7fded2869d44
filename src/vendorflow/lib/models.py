"""Abstract model pieces shared by the domain apps."""

from django.core.exceptions import ImproperlyConfigured
from django.db import models


def max_length(model: type[models.Model], name: str) -> int:
    """The `max_length` of one of `model`'s text fields, for checks made before saving."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.CharField) or field.max_length is None:
        raise ImproperlyConfigured(
            f"{model.__name__}.{name} is not a text field with a max_length."
        )
    return field.max_length


class AddressFields(models.Model):
    address_line1 = models.CharField(max_length=200, blank=True)
    address_line2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state_or_region = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country_code = models.CharField(max_length=2, blank=True, default="IN")

    class Meta:
        abstract = True

    def address_text(self) -> str:
        parts = [
            self.address_line1,
            self.address_line2,
            self.city,
            " ".join(p for p in (self.state_or_region, self.postal_code) if p),
            self.country_code,
        ]
        return ", ".join(p for p in parts if p)
