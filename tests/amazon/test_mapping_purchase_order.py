from datetime import UTC, datetime
from decimal import Decimal

from tests.amazon.builders import load_payload
from vendorflow.integrations.amazon import mapping, schemas
from vendorflow.orders import dto


def test_indian_po_with_cases_and_eaches_lines_maps_to_exact_order_data():
    raw = load_payload("po_india_cases_eaches.json")

    order = mapping.purchase_order_to_dto(schemas.Order.from_amazon(raw))

    assert order == dto.PurchaseOrder(
        po_number="7QK4TXIN",
        state="New",
        po_type="RegularOrder",
        payment_method="Invoice",
        po_date=datetime(2026, 11, 20, 9, 15, tzinfo=UTC),
        changed_date=datetime(2026, 11, 21, 4, 30, tzinfo=UTC),
        state_changed_date=datetime(2026, 11, 20, 9, 15, tzinfo=UTC),
        ship_window=(
            datetime(2026, 11, 22, tzinfo=UTC),
            datetime(2026, 11, 26, 23, 59, 59, tzinfo=UTC),
        ),
        delivery_window=(
            datetime(2026, 11, 24, tzinfo=UTC),
            datetime(2026, 11, 28, 23, 59, 59, tzinfo=UTC),
        ),
        selling_party_id="VEND1",
        buying_party_id="AMZIN",
        ship_to_party_id="BLR7",
        bill_to_party_id="AMZIN-BILL",
        lines=(
            dto.PurchaseOrderLine(
                item_sequence_number="00001",
                asin="B0CASE0001",
                vendor_product_id="8901234567890",
                ordered_quantity=4,
                unit_of_measure="Cases",
                unit_size=12,
                is_back_order_allowed=False,
                net_cost=Decimal("1250.50"),
                currency="INR",
                list_price=Decimal("1499.00"),
            ),
            dto.PurchaseOrderLine(
                item_sequence_number="00002",
                asin="B0EACH0002",
                vendor_product_id="8901234567906",
                ordered_quantity=30,
                unit_of_measure="Eaches",
                unit_size=1,
                is_back_order_allowed=False,
                net_cost=Decimal("85.00"),
                currency="INR",
                list_price=None,
            ),
        ),
    )
    assert order.lines[0].ordered_eaches == 48
    assert order.lines[1].ordered_eaches == 30
    assert order.raw is raw
    assert str(order.lines[0].net_cost) == "1250.50"
    assert all(
        type(value) is str for value in (order.state, order.po_type, order.lines[0].unit_of_measure)
    )


def test_missing_unit_size_defaults_to_one_and_missing_unit_to_eaches():
    raw = load_payload("po_india_cases_eaches.json")
    del raw["orderDetails"]["items"][0]["orderedQuantity"]["unitSize"]
    del raw["orderDetails"]["items"][1]["orderedQuantity"]["unitOfMeasure"]

    lines = mapping.purchase_order_to_dto(schemas.Order.from_amazon(raw)).lines

    assert [(line.unit_of_measure, line.unit_size, line.ordered_quantity) for line in lines] == [
        ("Cases", 1, 4),
        ("Eaches", 1, 30),
    ]


def test_po_built_here_keeps_a_json_raw_copy():
    raw = load_payload("po_india_cases_eaches.json")
    order = schemas.Order.model_validate(raw)

    mapped = mapping.purchase_order_to_dto(order)

    assert mapped.raw["orderDetails"]["shipWindow"] == "2026-11-22T00:00:00Z--2026-11-26T23:59:59Z"
    assert mapped.raw["orderDetails"]["items"][0]["netCost"] == {
        "currencyCode": "INR",
        "amount": "1250.50",
    }


def test_sandbox_po_without_state_is_treated_as_new_with_optional_parts_empty():
    raw = {
        "purchaseOrderNumber": "mock-purchaseOrderNumber1",
        "orderDetails": {
            "purchaseOrderDate": "2019-08-14T13:51:00Z",
            "sellingParty": {"partyId": "999US"},
            "shipToParty": {"partyId": "ABCD"},
            "items": [
                {
                    "itemSequenceNumber": "00001",
                    "orderedQuantity": {"amount": 1, "unitOfMeasure": "Eaches", "unitSize": 1},
                    "isBackOrderAllowed": False,
                    "listPrice": {"amount": "34366.27", "currencyCode": "INR"},
                }
            ],
        },
    }

    order = mapping.purchase_order_to_dto(schemas.Order.from_amazon(raw))

    assert (order.state, order.po_type, order.payment_method) == ("New", "", "")
    assert (order.state_changed_date, order.changed_date, order.ship_window) == (None, None, None)
    assert (order.buying_party_id, order.bill_to_party_id) == ("", "")
    line = order.lines[0]
    assert (line.asin, line.net_cost, line.currency, line.list_price) == (
        "",
        None,
        "INR",
        Decimal("34366.27"),
    )
