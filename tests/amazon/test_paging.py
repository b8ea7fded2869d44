from datetime import UTC, datetime

import pytest

from tests.amazon.builders import FakeAmazon, make_client, page, po, status_page
from vendorflow.integrations.amazon.client import PURCHASE_ORDERS, PURCHASE_ORDERS_STATUS
from vendorflow.integrations.amazon.errors import MalformedResponse

AFTER = datetime(2026, 11, 20, tzinfo=UTC)
BEFORE = datetime(2026, 11, 21, tzinfo=UTC)


def test_pages_follow_next_token_keeping_the_other_filters():
    fake = FakeAmazon().queue(
        PURCHASE_ORDERS,
        page(po("PO1"), po("PO2"), next_token="MDAwMDAwMDAwMQ=="),
        page(po("PO3"), next_token="MDAwMDAwMDAwMg=="),
        page(po("PO4")),
    )

    pages = list(
        make_client(fake).iter_purchase_order_pages(
            created_after=AFTER, created_before=BEFORE, vendor_code="VEND1"
        )
    )

    assert [[o.purchase_order_number for o in p.orders] for p in pages] == [
        ["PO1", "PO2"],
        ["PO3"],
        ["PO4"],
    ]
    assert [p.next_token for p in pages] == ["MDAwMDAwMDAwMQ==", "MDAwMDAwMDAwMg==", None]
    assert [p.window for p in pages] == [(AFTER, BEFORE)] * 3
    filters = {
        "limit": "100",
        "sortOrder": "ASC",
        "includeDetails": "true",
        "orderingVendorCode": "VEND1",
        "createdAfter": "2026-11-20T00:00:00Z",
        "createdBefore": "2026-11-21T00:00:00Z",
    }
    assert [dict(r.url.params) for r in fake.api_requests] == [
        filters,
        filters | {"nextToken": "MDAwMDAwMDAwMQ=="},
        filters | {"nextToken": "MDAwMDAwMDAwMg=="},
    ]


def test_pages_are_fetched_lazily_one_request_per_page():
    fake = FakeAmazon().queue(PURCHASE_ORDERS, page(po("PO1"), next_token="t2"), page(po("PO2")))

    pages = make_client(fake).iter_purchase_order_pages(created_after=AFTER, created_before=BEFORE)
    next(pages)

    assert len(fake.api_requests) == 1


def test_an_empty_page_ends_the_window():
    fake = FakeAmazon().queue(PURCHASE_ORDERS, page())

    pages = list(
        make_client(fake).iter_purchase_order_pages(created_after=AFTER, created_before=BEFORE)
    )

    assert [(p.orders, p.rejected, p.next_token) for p in pages] == [([], [], None)]


def test_a_repeated_next_token_is_an_error_not_an_endless_loop():
    fake = FakeAmazon().queue(
        PURCHASE_ORDERS, page(po("PO1"), next_token="same"), page(po("PO2"), next_token="same")
    )

    with pytest.raises(MalformedResponse, match="same nextToken twice"):
        list(
            make_client(fake).iter_purchase_order_pages(created_after=AFTER, created_before=BEFORE)
        )
    assert len(fake.api_requests) == 2


def test_limit_above_amazons_maximum_is_refused_before_any_call():
    fake = FakeAmazon()

    with pytest.raises(ValueError, match="limit must be between 1 and 100, got 101"):
        list(make_client(fake).iter_purchase_order_pages(limit=101))
    assert fake.requests == []


def test_purchase_order_statuses_are_paged_through():
    fake = FakeAmazon().queue(
        PURCHASE_ORDERS_STATUS, status_page("PO1", "PO2", next_token="s2"), status_page("PO3")
    )

    statuses = list(make_client(fake).iter_purchase_orders_status(purchase_order_number="PO1"))

    assert [s.purchase_order_number for s in statuses] == ["PO1", "PO2", "PO3"]
    assert statuses[0].item_status[0].acknowledgement_status.accepted_quantity.amount == 10
    assert [dict(r.url.params) for r in fake.api_requests] == [
        {"limit": "100", "sortOrder": "ASC", "purchaseOrderNumber": "PO1"},
        {"limit": "100", "sortOrder": "ASC", "purchaseOrderNumber": "PO1", "nextToken": "s2"},
    ]
