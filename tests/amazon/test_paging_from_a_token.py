from datetime import UTC, datetime, timedelta

import pytest

from tests.amazon.builders import FakeAmazon, make_client, page, po, status_page
from vendorflow.integrations.amazon.client import PURCHASE_ORDERS, PURCHASE_ORDERS_STATUS

AFTER = datetime(2026, 11, 20, tzinfo=UTC)
BEFORE = datetime(2026, 11, 21, tzinfo=UTC)
FILTERS = {
    "limit": "100",
    "sortOrder": "ASC",
    "includeDetails": "true",
    "createdAfter": "2026-11-20T00:00:00Z",
    "createdBefore": "2026-11-21T00:00:00Z",
}


@pytest.mark.parametrize("read_ahead", [False, True])
def test_a_listing_started_at_a_token_asks_for_that_page_first_and_goes_on(read_ahead):
    fake = FakeAmazon().queue(PURCHASE_ORDERS, page(po("PO3"), next_token="t4"), page(po("PO4")))

    pages = list(
        make_client(fake).iter_purchase_order_pages(
            created_after=AFTER, created_before=BEFORE, next_token="t3", read_ahead=read_ahead
        )
    )

    assert [[o.purchase_order_number for o in p.orders] for p in pages] == [["PO3"], ["PO4"]]
    assert [dict(r.url.params) for r in fake.api_requests] == [
        FILTERS | {"nextToken": "t3"},
        FILTERS | {"nextToken": "t4"},
    ]


def test_a_status_listing_started_at_a_token_asks_for_that_page_first():
    fake = FakeAmazon().queue(PURCHASE_ORDERS_STATUS, status_page("PO7"))

    pages = list(
        make_client(fake).iter_purchase_order_status_pages(
            updated_after=AFTER, updated_before=BEFORE, next_token="s2"
        )
    )

    assert [[s.purchase_order_number for s in p.statuses] for p in pages] == [["PO7"]]
    assert [dict(r.url.params) for r in fake.api_requests] == [
        {
            "limit": "100",
            "sortOrder": "ASC",
            "updatedAfter": "2026-11-20T00:00:00Z",
            "updatedBefore": "2026-11-21T00:00:00Z",
            "nextToken": "s2",
        }
    ]


def test_a_token_for_a_range_of_more_than_one_window_is_refused_before_any_call():
    fake = FakeAmazon()

    with pytest.raises(ValueError, match="only within one window"):
        list(
            make_client(fake).iter_purchase_order_pages(
                created_after=AFTER, created_before=AFTER + timedelta(days=8), next_token="t2"
            )
        )
    assert fake.api_requests == []
