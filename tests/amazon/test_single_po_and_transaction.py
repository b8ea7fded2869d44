import pytest

from tests.amazon.builders import FakeAmazon, amazon_error, item, json_response, make_client, po
from vendorflow.integrations.amazon import schemas
from vendorflow.integrations.amazon.client import PURCHASE_ORDERS, TRANSACTIONS
from vendorflow.integrations.amazon.errors import MalformedResponse, NotFound


def test_get_purchase_order_returns_the_parsed_order_and_escapes_the_number():
    fake = FakeAmazon().queue(
        f"{PURCHASE_ORDERS}/PO 1", json_response(200, {"payload": po("PO 1")})
    )

    order = make_client(fake).get_purchase_order("PO 1")

    assert order.purchase_order_number == "PO 1"
    assert order.purchase_order_state is schemas.PurchaseOrderState.NEW
    assert fake.api_requests[0].url.raw_path == b"/vendor/orders/v1/purchaseOrders/PO%201"


def test_get_purchase_order_refuses_an_invalid_po_naming_the_field():
    fake = FakeAmazon().queue(
        f"{PURCHASE_ORDERS}/PO1",
        json_response(200, {"payload": po("PO1", items=[item(amount=-1)])}),
    )

    with pytest.raises(
        MalformedResponse,
        match=r"getPurchaseOrder PO1: orderDetails.items.0.orderedQuantity.amount",
    ):
        make_client(fake).get_purchase_order("PO1")


def test_unknown_purchase_order_is_not_found():
    fake = FakeAmazon().queue(
        f"{PURCHASE_ORDERS}/NOPE", amazon_error(404, "NotFound", "Purchase order not found.")
    )

    with pytest.raises(NotFound):
        make_client(fake).get_purchase_order("NOPE")


def test_transaction_failure_comes_back_with_amazons_errors():
    body = {
        "payload": {
            "transactionStatus": {
                "transactionId": "tx-1",
                "status": "Failure",
                "errors": [
                    {"code": "INVALID_ORDER_ID", "message": "Invalid order ID.", "details": "PO1"}
                ],
            }
        }
    }
    fake = FakeAmazon().queue(f"{TRANSACTIONS}/tx-1", json_response(200, body))

    status = make_client(fake).get_transaction("tx-1")

    assert status.transaction_status.status is schemas.TransactionState.FAILURE
    assert status.transaction_status.errors == [
        schemas.Error(code="INVALID_ORDER_ID", message="Invalid order ID.", details="PO1")
    ]
