from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError

from tests.warehouse.builders import PO_DATE, WINDOWS, order_for, soap_line, world
from vendorflow.orders.acknowledging import build_plan


@pytest.fixture
def w(org):
    return world(org)


def test_dates_default_to_the_start_of_the_windows(w):
    plan = build_plan(order_for(w, [soap_line(product=w.soap)], **WINDOWS))
    assert plan.scheduled_ship_date == WINDOWS["ship_window_start"]
    assert plan.scheduled_delivery_date == WINDOWS["delivery_window_start"]


def test_without_windows_dates_default_from_the_po_date(w):
    plan = build_plan(order_for(w, [soap_line(product=w.soap)]))
    assert plan.scheduled_ship_date == datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
    assert plan.scheduled_delivery_date == datetime(2026, 12, 2, 8, 0, tzinfo=UTC)
    assert datetime(2026, 11, 27, 8, 0, tzinfo=UTC) == PO_DATE


def test_a_chosen_day_inside_the_window_is_kept_within_it(w):
    windows = {**WINDOWS, "ship_window_end": datetime(2026, 12, 5, 2, 0, tzinfo=UTC)}
    order = order_for(w, [soap_line(product=w.soap)], **windows)
    plan = build_plan(
        order, scheduled_ship_date=date(2026, 12, 5), scheduled_delivery_date=date(2026, 12, 8)
    )
    assert plan.scheduled_ship_date == datetime(2026, 12, 5, 2, 0, tzinfo=UTC)
    assert plan.scheduled_delivery_date == datetime(2026, 12, 8, 9, 0, tzinfo=UTC)


def test_a_day_outside_the_ship_window_is_refused(w):
    order = order_for(w, [soap_line(product=w.soap)], **WINDOWS)
    with pytest.raises(ValidationError) as error:
        build_plan(order, scheduled_ship_date=date(2026, 12, 6))
    assert error.value.message_dict == {
        "scheduled_ship_date": [
            "Choose a ship date within the ship window 1 Dec 2026 – 5 Dec 2026."
        ]
    }


def test_a_day_outside_the_delivery_window_is_refused(w):
    order = order_for(w, [soap_line(product=w.soap)], **WINDOWS)
    with pytest.raises(ValidationError) as error:
        build_plan(order, scheduled_delivery_date=date(2026, 12, 2))
    assert list(error.value.message_dict) == ["scheduled_delivery_date"]


def test_delivery_before_shipping_is_refused(w):
    order = order_for(w, [soap_line(product=w.soap)])
    with pytest.raises(ValidationError) as error:
        build_plan(
            order, scheduled_ship_date=date(2026, 12, 10), scheduled_delivery_date=date(2026, 12, 8)
        )
    assert error.value.message_dict == {
        "scheduled_delivery_date": ["Delivery cannot be before shipping."]
    }
