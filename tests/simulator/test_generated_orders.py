import re
from datetime import UTC, datetime
from decimal import Decimal

from vendorflow.integrations.amazon import spec
from vendorflow.simulator.catalog import gstin
from vendorflow.simulator.control import generate_spec
from vendorflow.simulator.store import State

FCS = {"BLR7", "DEL4", "BOM5", "HYD8", "MAA4"}


def generated(count=40, seed=5, **options):
    state = State(seed=seed)
    numbers = state.generate(generate_spec({"count": count, **options}))
    return [state.get(n).order for n in numbers]


def test_generated_orders_validate_against_the_official_order_definition():
    orders = generated()

    assert len(orders) == 40
    assert [p for o in orders for p in spec.problems(spec.ORDERS, "Order", o)] == []


def test_orders_look_like_indian_vendor_central_orders():
    orders = generated()
    details = [o["orderDetails"] for o in orders]
    lines = [line for d in details for line in d["items"]]

    assert all(re.fullmatch(r"[A-Z0-9]{8}", o["purchaseOrderNumber"]) for o in orders)
    assert len({o["purchaseOrderNumber"] for o in orders}) == 40
    assert {d["shipToParty"]["partyId"] for d in details} == FCS
    for d in details:
        assert (d["purchaseOrderType"], d["paymentMethod"]) == ("RegularOrder", "Invoice")
        assert d["sellingParty"]["partyId"] == "ACMEB"
        for party in ("shipToParty", "billToParty", "buyingParty"):
            assert d[party]["address"]["countryCode"] == "IN"
            assert d[party]["taxInfo"]["taxRegistrationType"] == "GST"
        assert re.fullmatch(r"\S+Z--\S+Z", d["shipWindow"]) and re.fullmatch(
            r"\S+Z--\S+Z", d["deliveryWindow"]
        )
    assert {line["orderedQuantity"]["unitOfMeasure"] for line in lines} == {"Cases", "Eaches"}
    assert all(
        line["orderedQuantity"]["unitSize"] > 1
        for line in lines
        if line["orderedQuantity"]["unitOfMeasure"] == "Cases"
    )
    assert all(line["isBackOrderAllowed"] is False for line in lines)
    assert all(
        line["netCost"]["currencyCode"] == "INR" and Decimal(line["netCost"]["amount"]) > 0
        for line in lines
    )
    assert all(
        Decimal(line["listPrice"]["amount"]) > Decimal(line["netCost"]["amount"]) for line in lines
    )


def test_gst_numbers_carry_the_fc_state_code_and_a_valid_check_character():
    blr = next(o for o in generated() if o["orderDetails"]["shipToParty"]["partyId"] == "BLR7")
    number = blr["orderDetails"]["shipToParty"]["taxInfo"]["taxRegistrationNumber"]

    assert re.fullmatch(r"29[A-Z]{5}\d{4}[A-Z]1Z[0-9A-Z]", number)
    assert gstin("27", "AAPFU0939F") == "27AAPFU0939F1ZV"


def test_same_seed_generates_the_same_orders_and_another_seed_does_not():
    at = {"created_at": "2026-11-20T10:00:00Z"}

    assert generated(5, seed=1, **at) == generated(5, seed=1, **at)
    assert generated(5, seed=1, **at) != generated(5, seed=2, **at)


def test_options_pick_vendor_fcs_lines_and_created_window():
    orders = generated(
        10,
        vendor_code="XYZ12",
        fcs=["DEL4"],
        lines_per_order=3,
        created_from="2026-11-01T00:00:00Z",
        created_to="2026-11-02T00:00:00Z",
    )
    created = [datetime.fromisoformat(o["orderDetails"]["purchaseOrderDate"]) for o in orders]

    assert {o["orderDetails"]["sellingParty"]["partyId"] for o in orders} == {"XYZ12"}
    assert {o["orderDetails"]["shipToParty"]["partyId"] for o in orders} == {"DEL4"}
    assert {len(o["orderDetails"]["items"]) for o in orders} == {3}
    assert all(
        datetime(2026, 11, 1, tzinfo=UTC) <= c <= datetime(2026, 11, 2, tzinfo=UTC) for c in created
    )


def test_bulk_generation_of_5000_orders_of_20_lines():
    state = State(seed=3)

    numbers = state.generate(generate_spec({"count": 5000, "lines_per_order": 20}))

    assert len(numbers) == len(set(numbers)) == len(state.orders) == 5000
    assert sum(len(state.get(n).details["items"]) for n in numbers) == 100_000
