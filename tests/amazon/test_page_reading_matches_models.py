"""Pages are read through a TypedDict mirror of `schemas.Order`; it must accept, map and refuse
exactly what the models do (a refused PO is described by the models themselves)."""

import copy

import pytest

from tests.amazon.builders import item, load_payload, po
from vendorflow.integrations.amazon import mapping, schemas
from vendorflow.orders import dto


def by_models(raw):
    """What a PO gives when read through the pydantic models alone."""
    parsed = mapping.parse_purchase_order(raw)
    if isinstance(parsed, schemas.Order):
        return mapping.purchase_order_to_dto(parsed)
    return parsed


def changed(path: str, value=None, *, delete: bool = False):
    raw = load_payload("po_india_cases_eaches.json")
    *parents, last = path.split(".")
    target = raw
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if delete:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return raw


ACCEPTED = [
    load_payload("po_india_cases_eaches.json"),
    po("PO1", items=[item("1"), item("2")]),
    changed("orderDetails.items.0.orderedQuantity.unitOfMeasure", "CASES"),
    changed("orderDetails.items.0.orderedQuantity.amount", "7"),
    changed("orderDetails.items.0.orderedQuantity.unitSize", delete=True),
    changed("orderDetails.items.1.netCost", {}),
    changed("orderDetails.items.1.netCost.currencyCode", delete=True),
    changed("orderDetails.purchaseOrderDate", "2026-11-20T14:45:00+05:30"),
    changed("orderDetails.purchaseOrderChangedDate", None),
    changed("orderDetails.purchaseOrderType", "rushorder"),
    changed("orderDetails.shipToParty.partyId", "  blr7 "),
    changed("orderDetails.brandNewField", {"x": 1}),
    changed("purchaseOrderState", delete=True),
]

REFUSED = [
    "not a PO",
    {"purchaseOrderNumber": "PO1"},
    changed("purchaseOrderNumber", 42),
    changed("orderDetails.items", []),
    changed("orderDetails.items.0.orderedQuantity.amount", -1),
    changed("orderDetails.items.0.orderedQuantity.unitSize", -2),
    changed("orderDetails.items.0.orderedQuantity.unitOfMeasure", "Pallets"),
    changed("orderDetails.items.0.netCost.amount", "twelve"),
    changed("orderDetails.items.0.netCost.amount", "NaN"),
    changed("orderDetails.items.0.netCost.currencyCode", "RUPEE"),
    changed("orderDetails.items.0.isBackOrderAllowed", "maybe"),
    changed("orderDetails.items.0.itemSequenceNumber", delete=True),
    changed("orderDetails.purchaseOrderDate", "2026-11-20T09:15:00"),
    changed("orderDetails.shipWindow", "2026-11-26T00:00:00Z--2026-11-22T00:00:00Z"),
    changed("orderDetails.shipToParty", delete=True),
    changed("orderDetails.sellingParty.partyId", "   "),
    changed("orderDetails.shipToParty.address.countryCode", "IND"),
    changed("orderDetails.shipToParty.address.name", delete=True),
    changed("orderDetails.shipToParty.taxInfo", {"taxRegistrationType": "PAN"}),
    changed("orderDetails.importDetails", {"methodOfPayment": "Barter"}),
]


@pytest.mark.parametrize("raw", ACCEPTED)
def test_an_accepted_po_maps_exactly_as_through_the_models(raw):
    expected = by_models(copy.deepcopy(raw))
    assert isinstance(expected, dto.PurchaseOrder)

    read = mapping.read_purchase_order(raw)

    assert read == expected
    assert read.raw is raw


@pytest.mark.parametrize("raw", REFUSED)
def test_a_refused_po_is_refused_with_the_models_message(raw):
    expected = by_models(copy.deepcopy(raw))
    assert isinstance(expected, dto.RejectedPurchaseOrder)

    assert mapping.read_purchase_order(raw) == expected


def test_a_well_formed_po_is_read_without_building_the_models(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the models were built")

    monkeypatch.setattr(schemas.Order, "from_amazon", refuse)

    read = mapping.read_purchase_order(load_payload("po_india_cases_eaches.json"))

    assert read.po_number == "7QK4TXIN"
    assert [line.item_sequence_number for line in read.lines] == ["00001", "00002"]
