"""Realistic Indian Vendor Central purchase orders, in the official `Order` shape."""

import random
import string
from collections.abc import Container, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from vendorflow.simulator import catalog, clock

PO_CHARS = string.ascii_uppercase + string.digits


@dataclass
class GenerateSpec:
    """What to generate. Empty lists mean "all known" vendors / FCs / items."""

    count: int = 1
    vendor_code: str = ""
    fcs: Sequence[str] = ()
    items: Sequence[str] = ()  # ASINs
    lines_per_order: tuple[int, int] = (1, 8)
    created_from: datetime | None = None
    created_to: datetime | None = None
    cases_share: float = 0.6


def po_number(rng: random.Random, taken: Container[str]) -> str:
    while True:
        number = "".join(rng.choices(PO_CHARS, k=8))
        if number not in taken and not number.isdigit():
            return number


def spread(rng: random.Random, start: datetime, end: datetime) -> datetime:
    seconds = max(0, int((end - start).total_seconds()))
    return start + timedelta(seconds=rng.randint(0, seconds))


def order(
    rng: random.Random, number: str, created: datetime, vendor: dict, fc: dict, lines: list[dict]
) -> dict:
    return {
        "purchaseOrderNumber": number,
        "purchaseOrderState": "New",
        "orderDetails": {
            "purchaseOrderDate": clock.iso(created),
            "purchaseOrderStateChangedDate": clock.iso(created),
            "purchaseOrderType": "RegularOrder",
            "paymentMethod": "Invoice",
            "buyingParty": catalog.buyer(fc),
            "sellingParty": catalog.party(vendor),
            "shipToParty": catalog.party(fc),
            "billToParty": catalog.buyer(fc),
            **windows(created),
            "items": lines,
        },
    }


def windows(created: datetime) -> dict:
    ship_start = (created + timedelta(days=2)).replace(hour=4, minute=30, second=0)
    ship_end = ship_start + timedelta(days=5)
    return {
        "shipWindow": clock.interval(ship_start, ship_end),
        "deliveryWindow": clock.interval(
            ship_start + timedelta(days=1), ship_end + timedelta(days=3)
        ),
    }


def line(rng: random.Random, sequence: int, item: dict, cases_share: float) -> dict:
    in_cases = item["caseSize"] > 1 and rng.random() < cases_share
    if in_cases:
        quantity = {
            "amount": _upto(rng, 20),
            "unitOfMeasure": "Cases",
            "unitSize": item["caseSize"],
        }
    else:
        quantity = {"amount": _upto(rng, 120), "unitOfMeasure": "Eaches", "unitSize": 1}
    return {
        "itemSequenceNumber": str(sequence),
        "amazonProductIdentifier": item["asin"],
        "vendorProductIdentifier": item["vendorProductIdentifier"],
        "orderedQuantity": quantity,
        "isBackOrderAllowed": False,
        "netCost": {"currencyCode": "INR", "amount": item["netCost"]},
        "listPrice": {"currencyCode": "INR", "amount": item["listPrice"]},
    }


def _upto(rng: random.Random, high: int) -> int:
    return int(rng.random() * high) + 1


def lines_for(rng: random.Random, items: Sequence[dict], spec: GenerateSpec) -> list[dict]:
    low, high = spec.lines_per_order
    count = rng.randint(low, high)
    chosen = rng.sample(items, count) if count <= len(items) else rng.choices(items, k=count)
    return [line(rng, n, item, spec.cases_share) for n, item in enumerate(chosen, start=1)]


def generate(
    rng: random.Random,
    spec: GenerateSpec,
    *,
    vendor: dict,
    fcs: Sequence[dict],
    items: Sequence[dict],
    taken: Container[str],
) -> list[dict]:
    """`spec.count` new Orders, PO numbers unique against `taken` and each other."""
    end = spec.created_to or clock.now()
    start = spec.created_from or end
    numbers: set[str] = set()
    orders = []
    for _ in range(spec.count):
        number = po_number(rng, _Both(taken, numbers))
        numbers.add(number)
        created = spread(rng, start, end)
        orders.append(
            order(rng, number, created, vendor, rng.choice(fcs), lines_for(rng, items, spec))
        )
    return orders


class _Both:
    def __init__(self, *sets: Container[str]):
        self.sets = sets

    def __contains__(self, value: object) -> bool:
        return any(value in s for s in self.sets)
