from tests.amazon.builders import FakeAmazon, item, make_client, page, po
from vendorflow.integrations.amazon.client import PURCHASE_ORDERS
from vendorflow.orders.dto import RejectedPurchaseOrder


def only_page(*orders):
    fake = FakeAmazon().queue(PURCHASE_ORDERS, page(*orders))
    (result,) = make_client(fake).iter_purchase_order_pages()
    return result


def test_a_negative_quantity_rejects_that_po_only_naming_the_field():
    bad = po("PO2", items=[item("1"), item("2", amount=-3)])

    result = only_page(po("PO1"), bad, po("PO3"))

    assert [o.purchase_order_number for o in result.orders] == ["PO1", "PO3"]
    assert result.rejected == [
        RejectedPurchaseOrder(
            "PO2",
            "orderDetails.items.1.orderedQuantity.amount: "
            "Input should be greater than or equal to 0 (got -3)",
        )
    ]
    assert result.rejected[0].raw == bad


def test_an_unknown_enum_rejects_the_po():
    result = only_page(po("PO1", items=[item("1", unit="Pallets")]))

    assert result.orders == []
    assert [r.message for r in result.rejected] == [
        "orderDetails.items.0.orderedQuantity.unitOfMeasure: "
        "Input should be 'Cases' or 'Eaches' (got 'Pallets')"
    ]


def test_missing_required_fields_are_all_named():
    bad = po("PO1")
    del bad["orderDetails"]["items"][0]["itemSequenceNumber"]
    del bad["orderDetails"]["purchaseOrderDate"]

    result = only_page(bad)

    assert [r.message for r in result.rejected] == [
        "orderDetails.purchaseOrderDate: Field required; "
        "orderDetails.items.0.itemSequenceNumber: Field required"
    ]


def test_a_po_without_details_or_ship_to_cannot_become_an_order():
    no_details = {"purchaseOrderNumber": "PO1", "purchaseOrderState": "New"}
    no_ship_to = po("PO2")
    del no_ship_to["orderDetails"]["shipToParty"]

    result = only_page(no_details, no_ship_to)

    assert [(r.po_number, r.message) for r in result.rejected] == [
        ("PO1", "orderDetails: Field required (request POs with includeDetails=true)"),
        ("PO2", "orderDetails.shipToParty: Field required"),
    ]


def test_something_that_is_not_a_po_at_all_is_rejected_not_fatal():
    result = only_page("PO9", po("PO1"))

    assert [o.purchase_order_number for o in result.orders] == ["PO1"]
    assert [(r.po_number, r.message) for r in result.rejected] == [
        ("", "(root): a purchase order must be an object")
    ]


def test_unknown_extra_fields_are_kept_not_fatal():
    extended = po("PO1")
    extended["orderDetails"]["brandNewField"] = {"x": 1}

    result = only_page(extended)

    assert result.rejected == []
    assert result.orders[0].order_details.model_extra == {"brandNewField": {"x": 1}}
    assert result.orders[0].to_amazon()["orderDetails"]["brandNewField"] == {"x": 1}
