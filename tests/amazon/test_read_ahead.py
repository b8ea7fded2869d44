"""With `read_ahead`, the next page is fetched while the caller holds the current one; the pages,
the requests and where an error surfaces stay the same."""

import time
from datetime import UTC, datetime

import pytest

from tests.amazon.builders import FakeAmazon, amazon_error, make_client, page, po
from vendorflow.integrations.amazon.client import PURCHASE_ORDERS
from vendorflow.integrations.amazon.errors import InvalidInput

AFTER = datetime(2026, 11, 20, tzinfo=UTC)
BEFORE = datetime(2026, 11, 21, tzinfo=UTC)


def three_pages() -> FakeAmazon:
    return FakeAmazon().queue(
        PURCHASE_ORDERS,
        page(po("PO1"), next_token="t2"),
        page(po("PO2"), po("PO3"), next_token="t3"),
        page(po("PO4")),
    )


def numbers(pages) -> list[list[str]]:
    return [[o.po_number for o in p.purchase_orders] for p in pages]


def test_read_ahead_gives_the_same_pages_with_the_same_requests():
    plain, ahead = three_pages(), three_pages()
    query = {"created_after": AFTER, "created_before": BEFORE}

    expected = numbers(make_client(plain).iter_purchase_order_pages(**query))
    read = numbers(make_client(ahead).iter_purchase_order_pages(**query, read_ahead=True))

    assert read == expected == [["PO1"], ["PO2", "PO3"], ["PO4"]]
    assert [dict(r.url.params) for r in ahead.api_requests] == [
        dict(r.url.params) for r in plain.api_requests
    ]


def test_the_next_page_is_fetched_in_the_background_while_the_caller_holds_one():
    fake = three_pages()
    pages = make_client(fake).iter_purchase_order_pages(read_ahead=True)

    next(pages)

    deadline = time.monotonic() + 5
    while len(fake.api_requests) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(fake.api_requests) == 2


def test_an_error_on_a_later_page_surfaces_when_that_page_is_asked_for():
    fake = FakeAmazon().queue(
        PURCHASE_ORDERS,
        page(po("PO1"), next_token="t2"),
        *[amazon_error(400, "InvalidInput", "Bad nextToken") for _ in range(3)],
    )
    pages = make_client(fake).iter_purchase_order_pages(read_ahead=True)

    first = next(pages)

    assert numbers([first]) == [["PO1"]]
    with pytest.raises(InvalidInput, match="Bad nextToken"):
        next(pages)
