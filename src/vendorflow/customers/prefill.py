"""A new customer for an unmapped FC code, prefilled from the POs held for it.

Indian POs carry the FC's address and GSTIN in their ship-to party. The channel integration
reads them off its raw payload: it plugs `read_ship_to` in at start-up
(integrations/amazon/apps.py), as it plugs in the acknowledgement sender.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from vendorflow.orders.choices import ExceptionReason, ExceptionStatus
from vendorflow.orders.models import ImportException

HELD_READ = 5  # held POs read at most, newest first, to find one that names its ship-to party


@dataclass(frozen=True)
class ShipToParty:
    """What a PO says about where it ships: the FC's name, address and tax registration."""

    name: str = ""
    address_line1: str = ""
    address_line2: str = ""
    city: str = ""
    state_or_region: str = ""
    postal_code: str = ""
    country_code: str = ""
    tax_id: str = ""


def _no_reader(raw: dict[str, Any]) -> ShipToParty | None:
    return None


read_ship_to: Callable[[dict[str, Any]], ShipToParty | None] = _no_reader


def held_ship_to(organization, code: str) -> ShipToParty | None:
    """The ship-to party of the newest PO held for `code` that names one."""
    payloads = ImportException.objects.filter(
        organization=organization,
        status=ExceptionStatus.OPEN,
        reason=ExceptionReason.NO_CUSTOMER,
        ship_to_code=code,
    ).order_by("-created_at", "-id")
    for payload in payloads.values_list("payload", flat=True)[:HELD_READ]:
        raw = payload.get("raw") if isinstance(payload, dict) else None
        if isinstance(raw, dict) and (party := read_ship_to(raw)) is not None:
            return party
    return None


def new_customer_fields(organization, code: str) -> dict[str, str]:
    """The fields of a new customer for FC `code`: its code, and what the held POs tell."""
    party = held_ship_to(organization, code) if code else None
    fields = {"code": f"AMZ-{code}" if code else "", "name": ""}
    if party is not None:
        fields.update({name: value for name, value in asdict(party).items() if value})
    return fields
