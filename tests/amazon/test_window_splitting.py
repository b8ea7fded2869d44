from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.amazon.builders import FakeAmazon, make_client, page, po, status_page
from vendorflow.integrations.amazon.client import (
    PURCHASE_ORDERS,
    PURCHASE_ORDERS_STATUS,
    split_windows,
)

START = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)


def test_a_20_day_range_becomes_three_windows_of_at_most_7_days():
    assert split_windows(START, START + timedelta(days=20)) == [
        (START, START + timedelta(days=7)),
        (START + timedelta(days=7), START + timedelta(days=14)),
        (START + timedelta(days=14), START + timedelta(days=20)),
    ]


def test_exactly_7_days_is_one_window():
    assert split_windows(START, START + timedelta(days=7)) == [(START, START + timedelta(days=7))]


def test_a_range_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends"):
        split_windows(START, START)


def test_created_range_is_requested_window_by_window_with_exact_boundaries():
    fake = FakeAmazon().queue(
        PURCHASE_ORDERS, page(po("PO1")), page(po("PO2"), next_token="t"), page(), page()
    )

    pages = list(
        make_client(fake).iter_purchase_order_pages(
            created_after=START, created_before=START + timedelta(days=20)
        )
    )

    sent = [
        (r.url.params["createdAfter"], r.url.params["createdBefore"], r.url.params.get("nextToken"))
        for r in fake.api_requests
    ]
    assert sent == [
        ("2026-11-01T06:00:00Z", "2026-11-08T06:00:00Z", None),
        ("2026-11-08T06:00:00Z", "2026-11-15T06:00:00Z", None),
        ("2026-11-08T06:00:00Z", "2026-11-15T06:00:00Z", "t"),
        ("2026-11-15T06:00:00Z", "2026-11-21T06:00:00Z", None),
    ]
    assert [p.window for p in pages] == [
        (START, START + timedelta(days=7)),
        (START + timedelta(days=7), START + timedelta(days=14)),
        (START + timedelta(days=7), START + timedelta(days=14)),
        (START + timedelta(days=14), START + timedelta(days=20)),
    ]


def test_changed_range_without_an_end_runs_until_now():
    fake = FakeAmazon().queue(PURCHASE_ORDERS, page(), page())

    with time_machine.travel(datetime(2026, 11, 10, 12, 0, tzinfo=UTC), tick=False):
        list(make_client(fake).iter_purchase_order_pages(changed_after=START))

    assert [
        (r.url.params["changedAfter"], r.url.params["changedBefore"]) for r in fake.api_requests
    ] == [
        ("2026-11-01T06:00:00Z", "2026-11-08T06:00:00Z"),
        ("2026-11-08T06:00:00Z", "2026-11-10T12:00:00Z"),
    ]
    assert all("createdAfter" not in r.url.params for r in fake.api_requests)


def test_status_ranges_are_split_too():
    fake = FakeAmazon().queue(PURCHASE_ORDERS_STATUS, status_page("PO1"), status_page("PO2"))

    statuses = list(
        make_client(fake).iter_purchase_orders_status(
            updated_after=START, updated_before=START + timedelta(days=10)
        )
    )

    assert [s.purchase_order_number for s in statuses] == ["PO1", "PO2"]
    assert [
        (r.url.params["updatedAfter"], r.url.params["updatedBefore"]) for r in fake.api_requests
    ] == [
        ("2026-11-01T06:00:00Z", "2026-11-08T06:00:00Z"),
        ("2026-11-08T06:00:00Z", "2026-11-11T06:00:00Z"),
    ]


def test_created_and_changed_ranges_together_are_refused_before_any_call():
    fake = FakeAmazon()

    with pytest.raises(ValueError, match="one date range at a time"):
        list(make_client(fake).iter_purchase_order_pages(created_after=START, changed_after=START))
    assert fake.requests == []


def test_naive_datetimes_are_refused():
    fake = FakeAmazon()

    with pytest.raises(ValueError, match="no time zone"):
        list(
            make_client(fake).iter_purchase_order_pages(
                created_after=datetime(2026, 11, 1), created_before=datetime(2026, 11, 2)
            )
        )
    assert fake.requests == []
