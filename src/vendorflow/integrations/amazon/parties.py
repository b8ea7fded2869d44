"""The ship-to party of a raw PO, to prefill a new customer with (customers/prefill.py)."""

from typing import Any

from pydantic import ValidationError

from vendorflow.customers.prefill import ShipToParty
from vendorflow.integrations.amazon import schemas


def ship_to_party(raw: dict[str, Any]) -> ShipToParty | None:
    """The FC's name, address and GSTIN / VAT id as the PO gives them; None without any."""
    details = raw.get("orderDetails")
    party_data = details.get("shipToParty") if isinstance(details, dict) else None
    if not isinstance(party_data, dict):
        return None
    try:
        party = schemas.PartyIdentification.model_validate(party_data)
    except ValidationError:
        return None
    if party.address is None and party.tax_info is None:
        return None
    tax_id = party.tax_info.tax_registration_number.strip() if party.tax_info else ""
    return ShipToParty(**_address_fields(party.address), tax_id=tax_id)


def _address_fields(address: schemas.Address | None) -> dict[str, str]:
    if address is None:
        return {}
    extra = (line.strip() for line in (address.address_line2, address.address_line3) if line)
    return {
        "name": address.name.strip(),
        "address_line1": address.address_line1.strip(),
        "address_line2": ", ".join(extra),
        "city": _text(address.city),
        "state_or_region": _text(address.state_or_region),
        "postal_code": _text(address.postal_code),
        "country_code": address.country_code.strip().upper(),
    }


def _text(value: str | None) -> str:
    return (value or "").strip()
