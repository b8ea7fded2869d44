import json
import re
from datetime import UTC, datetime
from decimal import Decimal

from tests.amazon.builders import (
    FakeAmazon,
    bare_notice,
    json_response,
    make_client,
    notice,
    page,
    po,
    status_page,
)
from vendorflow.integrations.amazon import schemas, shipments, spec
from vendorflow.integrations.amazon.client import (
    ACKNOWLEDGEMENTS,
    PURCHASE_ORDERS,
    PURCHASE_ORDERS_STATUS,
    SHIPMENT_CONFIRMATIONS,
)

TEMPLATES = [
    (
        spec.ORDERS,
        "/vendor/orders/v1/purchaseOrders/{purchaseOrderNumber}",
        r"/vendor/orders/v1/purchaseOrders/[^/]+",
    ),
    (spec.ORDERS, "/vendor/orders/v1/purchaseOrders", r"/vendor/orders/v1/purchaseOrders"),
    (spec.ORDERS, "/vendor/orders/v1/acknowledgements", r"/vendor/orders/v1/acknowledgements"),
    (
        spec.ORDERS,
        "/vendor/orders/v1/purchaseOrdersStatus",
        r"/vendor/orders/v1/purchaseOrdersStatus",
    ),
    (
        spec.SHIPMENTS,
        "/vendor/shipping/v1/shipmentConfirmations",
        r"/vendor/shipping/v1/shipmentConfirmations",
    ),
    (
        spec.TRANSACTIONS,
        "/vendor/transactions/v1/transactions/{transactionId}",
        r"/vendor/transactions/v1/transactions/[^/]+",
    ),
]
BODIES = {
    "/vendor/orders/v1/acknowledgements": "SubmitAcknowledgementRequest",
    "/vendor/shipping/v1/shipmentConfirmations": "SubmitShipmentConfirmationsRequest",
}


def problems_of(request):
    for spec_name, template, pattern in TEMPLATES:
        if re.fullmatch(pattern, request.url.path):
            found = spec.query_problems(
                spec_name, template, request.method, dict(request.url.params)
            )
            if request.method == "POST":
                found += spec.problems(spec_name, BODIES[template], json.loads(request.content))
            return found
    return [f"{request.url.path}: not an operation of the official models"]


def acknowledgement():
    return schemas.OrderAcknowledgement(
        purchase_order_number="7QK4TXIN",
        selling_party=schemas.PartyIdentification(party_id="VEND1"),
        acknowledgement_date=datetime(2026, 11, 21, 10, 0, tzinfo=UTC),
        items=[
            schemas.OrderAcknowledgementItem(
                item_sequence_number="00001",
                amazon_product_identifier="B0CASE0001",
                ordered_quantity=schemas.ItemQuantity(
                    amount=4, unit_of_measure="Cases", unit_size=12
                ),
                net_cost=schemas.Money(currency_code="INR", amount=Decimal("1250.50")),
                item_acknowledgements=[
                    schemas.OrderItemAcknowledgement(
                        acknowledgement_code="Accepted",
                        acknowledged_quantity=schemas.ItemQuantity(
                            amount=3, unit_of_measure="Cases", unit_size=12
                        ),
                        scheduled_ship_date=datetime(2026, 11, 22, tzinfo=UTC),
                        scheduled_delivery_date=datetime(2026, 11, 24, tzinfo=UTC),
                    ),
                    schemas.OrderItemAcknowledgement(
                        acknowledgement_code="Rejected",
                        acknowledged_quantity=schemas.ItemQuantity(
                            amount=1, unit_of_measure="Cases", unit_size=12
                        ),
                        rejection_reason="TemporarilyUnavailable",
                    ),
                ],
            )
        ],
    )


def test_every_request_of_every_operation_matches_the_official_model():
    fake = FakeAmazon()
    fake.queue(
        PURCHASE_ORDERS, page(po("PO1"), next_token="tok-2"), page(po("PO2")), page(po("PO3"))
    )
    fake.queue(f"{PURCHASE_ORDERS}/PO1", json_response(200, {"payload": po("PO1")}))
    fake.queue(ACKNOWLEDGEMENTS, json_response(202, {"payload": {"transactionId": "tx-1"}}))
    fake.queue(PURCHASE_ORDERS_STATUS, status_page("PO1", next_token="s-2"), status_page("PO2"))
    fake.queue(SHIPMENT_CONFIRMATIONS, json_response(202, {"payload": {"transactionId": "tx-2"}}))
    tx = {"payload": {"transactionStatus": {"transactionId": "tx-1", "status": "Processing"}}}
    fake.queue("/vendor/transactions/v1/transactions/tx-1", json_response(200, tx))
    client = make_client(fake)

    list(
        client.iter_purchase_order_pages(
            created_after=datetime(2026, 11, 1, tzinfo=UTC),
            created_before=datetime(2026, 11, 10, 12, 30, 15, 250000, tzinfo=UTC),
            vendor_code="VEND1",
            is_po_changed=False,
            purchase_order_state="New",
        )
    )
    client.get_purchase_order("PO1")
    client.submit_acknowledgement([acknowledgement()])
    list(
        client.iter_purchase_orders_status(
            updated_after=datetime(2026, 11, 1, tzinfo=UTC),
            updated_before=datetime(2026, 11, 2, tzinfo=UTC),
            vendor_code="VEND1",
            purchase_order_status="OPEN",
            item_confirmation_status="UNCONFIRMED",
        )
    )
    client.submit_shipment_confirmations(
        [shipments.notice_to_confirmation(n) for n in (notice(), bare_notice())]
    )
    client.get_transaction("tx-1")

    assert len(fake.api_requests) == 9
    assert {r.url.path: problems_of(r) for r in fake.api_requests} == {
        r.url.path: [] for r in fake.api_requests
    }


def test_every_request_carries_the_access_token_date_and_user_agent(settings):
    fake = FakeAmazon()
    fake.queue(f"{PURCHASE_ORDERS}/PO1", json_response(200, {"payload": po("PO1")}))
    make_client(fake).get_purchase_order("PO1")

    (request,) = fake.api_requests
    assert request.headers["x-amz-access-token"] == "Atza|ACCESS-1"
    assert re.fullmatch(r"\d{8}T\d{6}Z", request.headers["x-amz-date"])
    assert request.headers["user-agent"] == settings.AMAZON_USER_AGENT
    assert "authorization" not in request.headers
    assert (
        str(request.url)
        == "https://sellingpartnerapi-eu.amazon.com/vendor/orders/v1/purchaseOrders/PO1"
    )


def test_purchase_order_query_is_exactly_what_amazon_documents():
    fake = FakeAmazon()
    fake.queue(PURCHASE_ORDERS, page(po("PO1")))
    client = make_client(fake)

    list(
        client.iter_purchase_order_pages(
            changed_after=datetime(2026, 11, 1, tzinfo=UTC),
            changed_before=datetime(2026, 11, 2, 6, tzinfo=UTC),
            vendor_code="VEND1",
            po_item_state="Cancelled",
            limit=50,
        )
    )

    assert dict(fake.api_requests[0].url.params) == {
        "limit": "50",
        "sortOrder": "ASC",
        "includeDetails": "true",
        "orderingVendorCode": "VEND1",
        "poItemState": "Cancelled",
        "changedAfter": "2026-11-01T00:00:00Z",
        "changedBefore": "2026-11-02T06:00:00Z",
    }


def test_acknowledgement_body_is_sent_as_the_official_camel_case_payload():
    fake = FakeAmazon()
    fake.queue(ACKNOWLEDGEMENTS, json_response(202, {"payload": {"transactionId": "tx-9"}}))

    assert make_client(fake).submit_acknowledgement([acknowledgement()]) == "tx-9"

    (request,) = fake.api_requests
    assert request.method == "POST"
    assert request.headers["content-type"] == "application/json"
    body = json.loads(request.content)
    line = body["acknowledgements"][0]["items"][0]
    assert body["acknowledgements"][0]["acknowledgementDate"] == "2026-11-21T10:00:00Z"
    assert line["netCost"] == {"currencyCode": "INR", "amount": "1250.50"}
    assert line["itemAcknowledgements"][0] == {
        "acknowledgementCode": "Accepted",
        "acknowledgedQuantity": {"amount": 3, "unitOfMeasure": "Cases", "unitSize": 12},
        "scheduledShipDate": "2026-11-22T00:00:00Z",
        "scheduledDeliveryDate": "2026-11-24T00:00:00Z",
    }
    assert line["itemAcknowledgements"][1]["rejectionReason"] == "TemporarilyUnavailable"
