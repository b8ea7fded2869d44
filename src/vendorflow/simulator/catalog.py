"""Reference data the generator builds POs from: Amazon India FCs, vendors and items.

Everything is plain JSON-able dicts so the store can persist it and a seed file can replace it.
"""

import random
import string
from decimal import Decimal

GSTIN_CHARS = string.digits + string.ascii_uppercase
BUYER_NAME = "Amazon Retail India Private Limited"
BUYER_PAN = "AAHCA1234K"

# code, city, state, state GST code, address line, postal code
_FCS = [
    ("BLR7", "Bengaluru", "KARNATAKA", "29", "Plot 12, Hoskote Industrial Area", "562114"),
    ("DEL4", "Gurugram", "HARYANA", "06", "Village Jamalpur, Farrukhnagar Road", "122503"),
    ("BOM5", "Bhiwandi", "MAHARASHTRA", "27", "Survey 185, Village Vahuli", "421302"),
    ("HYD8", "Hyderabad", "TELANGANA", "36", "Survey 201, Shamshabad Mandal", "501218"),
    ("MAA4", "Chennai", "TAMIL NADU", "33", "Ponneri High Road, Sriperumbudur", "602105"),
]
CASE_SIZES = [1, 6, 12, 24, 48]


def gstin(state_code: str, pan: str, entity: str = "1") -> str:
    """A GSTIN with its check character: state code + PAN + entity number + Z + check."""
    body = f"{state_code}{pan}{entity}Z"
    total = 0
    for position, char in enumerate(body):
        product = GSTIN_CHARS.index(char) * (2 if position % 2 else 1)
        total += product // 36 + product % 36
    return body + GSTIN_CHARS[(36 - total % 36) % 36]


def default_fcs() -> list[dict]:
    return [
        {
            "code": code,
            "name": f"Amazon {code}",
            "addressLine1": line,
            "city": city,
            "stateOrRegion": state,
            "postalCode": postal,
            "countryCode": "IN",
            "gstin": gstin(state_code, BUYER_PAN),
        }
        for code, city, state, state_code, line, postal in _FCS
    ]


def default_vendors() -> list[dict]:
    return [
        {
            "code": "ACMEB",
            "name": "Acme Brands Private Limited",
            "addressLine1": "14 Industrial Estate, Peenya",
            "city": "Bengaluru",
            "stateOrRegion": "KARNATAKA",
            "postalCode": "560058",
            "countryCode": "IN",
            "gstin": gstin("29", "AABCA4321M"),
        }
    ]


def ean13(rng: random.Random) -> str:
    digits = "890" + "".join(rng.choice(string.digits) for _ in range(9))
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits))
    return digits + str((10 - total % 10) % 10)


def asin(rng: random.Random) -> str:
    return "B0" + "".join(rng.choice(GSTIN_CHARS) for _ in range(8))


def make_items(rng: random.Random, count: int) -> list[dict]:
    items = []
    for _ in range(count):
        cost = Decimal(rng.randrange(4_000, 250_000)) / 100
        items.append(
            {
                "asin": asin(rng),
                "vendorProductIdentifier": ean13(rng),
                "caseSize": rng.choice(CASE_SIZES),
                "netCost": str(cost),
                "listPrice": str((cost * Decimal("1.35")).quantize(Decimal("0.01"))),
            }
        )
    return items


def party(entry: dict, party_id: str | None = None) -> dict:
    """A PartyIdentification with the address and GST registration Indian POs carry."""
    if "addressLine1" not in entry:
        return {"partyId": party_id or entry["code"]}
    address = {
        key: entry[key]
        for key in ("addressLine1", "city", "stateOrRegion", "postalCode", "countryCode")
    }
    found = {"partyId": party_id or entry["code"], "address": {"name": entry["name"], **address}}
    if entry.get("gstin"):
        found["taxInfo"] = {"taxRegistrationType": "GST", "taxRegistrationNumber": entry["gstin"]}
    return found


def buyer(fc: dict) -> dict:
    """The Amazon buying entity registered in the FC's state (it is also the bill-to party)."""
    return party({**fc, "name": BUYER_NAME})
