"""API schema pieces shared by the domain apps."""

from ninja import Schema


class AddressSchema(Schema):
    """The address fields of `lib.models.AddressFields`."""

    address_line1: str = ""
    address_line2: str = ""
    city: str = ""
    state_or_region: str = ""
    postal_code: str = ""
    country_code: str = "IN"


def patched(current: Schema, change: Schema) -> dict:
    """The full values after a PATCH: the current ones, with the fields the client sent over
    them (`change` declares every field optional)."""
    return {**current.model_dump(), **change.dict(exclude_unset=True)}
