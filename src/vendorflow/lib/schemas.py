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
