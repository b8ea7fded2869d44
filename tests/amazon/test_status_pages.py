"""getPurchaseOrdersStatus page by page (the sync's status pass), and a status as order data."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.amazon.builders import FakeAmazon, json_response, make_client, po_status, status_page
from vendorflow.integrations.amazon import acks, schemas, spec
from vendorflow.integrations.amazon.client import PURCHASE_ORDERS_STATUS
from vendorflow.integrations.amazon.errors import MalformedResponse
from vendorflow.orders import dto

AFTER = datetime(2026, 11, 1, tzinfo=UTC)
BEFORE = datetime(2026, 11, 10, tzinfo=UTC)  # nine days: two windows


def test_status_pages_follow_next_token_window_by_window_with_the_closed_filters():
    fake = FakeAmazon().queue(
        PURCHASE_ORDERS_STATUS,
        status_page("PO1", "PO2", next_token="s2"),
        status_page("PO3"),
        status_page(),
    )

    pages = list(
        make_client(fake).iter_purchase_order_status_pages(
            updated_after=AFTER,
            updated_before=BEFORE,
            vendor_code="VEND1",
            purchase_order_status="CLOSED",
            limit=50,
        )
    )

    middle = AFTER + timedelta(days=7)
    assert [[s.purchase_order_number for s in p.statuses] for p in pages] == [
        ["PO1", "PO2"],
        ["PO3"],
        [],
    ]
    assert [(p.window, p.next_token) for p in pages] == [
        ((AFTER, middle), "s2"),
        ((AFTER, middle), None),
        ((middle, BEFORE), None),
    ]
    base = {
        "limit": "50",
        "sortOrder": "ASC",
        "orderingVendorCode": "VEND1",
        "purchaseOrderStatus": "CLOSED",
    }
    assert [dict(r.url.params) for r in fake.api_requests] == [
        {**base, "updatedAfter": "2026-11-01T00:00:00Z", "updatedBefore": "2026-11-08T00:00:00Z"},
        {
            **base,
            "updatedAfter": "2026-11-01T00:00:00Z",
            "updatedBefore": "2026-11-08T00:00:00Z",
            "nextToken": "s2",
        },
        {**base, "updatedAfter": "2026-11-08T00:00:00Z", "updatedBefore": "2026-11-10T00:00:00Z"},
    ]
    for request in fake.api_requests:
        params = dict(request.url.params)
        problems = spec.query_problems(spec.ORDERS, request.url.path, "get", params)
        assert problems == []


def _status(purchase_order_status: str, confirmation: str, **line) -> schemas.OrderStatus:
    item = {
        "itemSequenceNumber": "1",
        "acknowledgementStatus": {"confirmationStatus": confirmation, **line},
        "receivingStatus": {"receiveStatus": "RECEIVED" if line else "NOT_RECEIVED"},
    }
    return schemas.OrderStatus.model_validate(
        {
            "purchaseOrderNumber": "PO1",
            "purchaseOrderStatus": purchase_order_status,
            "purchaseOrderDate": "2026-10-01T09:15:00Z",
            "lastUpdatedDate": "2026-10-31T16:00:00Z",
            "sellingParty": {"partyId": "VEND1"},
            "shipToParty": {"partyId": "BLR7"},
            "itemStatus": [item],
        }
    )


def test_a_closed_acknowledged_status_carries_amazons_line_figures():
    quantity = {"unitOfMeasure": "Cases", "unitSize": 6}
    status = _status(
        "CLOSED",
        "PARTIALLY_ACCEPTED",
        acceptedQuantity={"amount": 4, **quantity},
        rejectedQuantity={"amount": 1, **quantity},
    )

    found = acks.order_status_to_dto(status)

    assert found == dto.PurchaseOrderStatus(
        po_number="PO1",
        closed=True,
        selling_party_id="VEND1",
        last_updated=datetime(2026, 10, 31, 16, tzinfo=UTC),
        lines=(dto.LineStatus("1", 4, 1, "RECEIVED"),),
    )
    assert found.raw["itemStatus"][0]["acknowledgementStatus"]["acceptedQuantity"]["amount"] == 4


def test_a_status_without_an_acknowledgement_has_no_line_figures():
    found = acks.order_status_to_dto(_status("CLOSED", "UNCONFIRMED"))
    still_open = acks.order_status_to_dto(_status("OPEN", "UNCONFIRMED"))

    assert (found.closed, found.lines) == (True, ())
    assert (still_open.closed, still_open.lines) == (False, ())


def _closed_status(number: str, status: str = "CLOSED") -> dict:
    return po_status(number, status, updated="2026-11-22T16:00:00Z")


def test_a_status_that_does_not_fit_the_model_is_set_aside_with_its_po_named():
    body = {
        "payload": {
            "ordersStatus": [
                _closed_status("PO1"),
                _closed_status("PO2", status="EXPLODED"),
                _closed_status("PO3"),
            ]
        }
    }
    fake = FakeAmazon().queue(PURCHASE_ORDERS_STATUS, json_response(200, body))

    [page] = make_client(fake).iter_purchase_order_status_pages(
        updated_after=AFTER, updated_before=AFTER + timedelta(days=1)
    )

    assert [s.purchase_order_number for s in page.statuses] == ["PO1", "PO3"]
    assert page.unreadable == [
        "getPurchaseOrdersStatus ordersStatus.1 (PO PO2): purchaseOrderStatus: Input should be "
        "'OPEN' or 'CLOSED' (got 'EXPLODED')"
    ]


def test_asking_for_statuses_one_by_one_refuses_a_page_with_an_unreadable_one():
    """The acknowledgement's confirmation must never take a half-read answer as Amazon's word."""
    body = {"payload": {"ordersStatus": [_closed_status("PO2", status="EXPLODED")]}}
    fake = FakeAmazon().queue(PURCHASE_ORDERS_STATUS, json_response(200, body))

    with pytest.raises(MalformedResponse) as caught:
        list(make_client(fake).iter_purchase_orders_status(purchase_order_number="PO2"))

    assert str(caught.value).endswith(
        "getPurchaseOrdersStatus ordersStatus.0 (PO PO2): purchaseOrderStatus: Input should be "
        "'OPEN' or 'CLOSED' (got 'EXPLODED')"
    )
