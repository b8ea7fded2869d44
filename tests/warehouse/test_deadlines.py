from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.orders.selectors import deadline

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.fixture
def w(org):
    return world(org)


@pytest.mark.parametrize(
    ("due_in", "label", "level"),
    [
        (timedelta(hours=20), "due in 20 h", ""),
        (timedelta(hours=6), "due in 6 h", ""),
        (timedelta(hours=5, minutes=59), "due in 5 h", "warn"),
        (timedelta(minutes=40), "due in 40 min", "warn"),
        (timedelta(0), "overdue by 1 min", "bad"),
        (-timedelta(hours=2, minutes=10), "overdue by 2 h", "bad"),
        (-timedelta(days=3), "overdue by 3 d", "bad"),
    ],
)
def test_time_left_is_worded_and_highlighted(w, due_in, label, level):
    order = order_for(w, [soap_line(product=w.soap)], ack_due_at=NOW + due_in)
    with time_machine.travel(NOW, tick=False):
        assert (deadline(order).label, deadline(order).level) == (label, level)


def test_acknowledged_orders_run_no_clock(w):
    order = order_for(
        w, [soap_line(product=w.soap)], ack_due_at=NOW - timedelta(hours=5), status="acknowledging"
    )
    with time_machine.travel(NOW, tick=False):
        assert (deadline(order).label, deadline(order).level) == ("", "")


def test_list_filters_and_highlights_by_deadline(w, member_client):
    client = member_client("viewer")
    order_for(
        w, [soap_line(product=w.soap)], po_number="OVERDUE1", ack_due_at=NOW - timedelta(hours=2)
    )
    order_for(
        w, [soap_line(product=w.soap)], po_number="SOON0001", ack_due_at=NOW + timedelta(hours=5)
    )
    order_for(
        w, [soap_line(product=w.soap)], po_number="LATER001", ack_due_at=NOW + timedelta(hours=20)
    )
    order_for(
        w,
        [soap_line(product=w.soap)],
        po_number="DONE0001",
        ack_due_at=NOW - timedelta(hours=9),
        status="acknowledged",
    )
    with time_machine.travel(NOW, tick=False):
        overdue = client.get("/orders/?deadline=overdue")
        soon = client.get("/orders/?deadline=due_soon")
        everything = client.get("/orders/").content.decode()
    assert [o.po_number for o in overdue.context["page"].items] == ["OVERDUE1"]
    assert [o.po_number for o in soon.context["page"].items] == ["SOON0001"]
    assert 'class="deadline deadline-bad"' in everything and "overdue by 2 h" in everything
    assert "deadline-warn" in everything and "due in 5 h" in everything
    assert "due in 20 h" in everything
    assert everything.count('<tr class="row-bad">') == 1
    assert everything.count('<tr class="row-warn">') == 1
    assert everything.count('<tr class="">') == 2  # due later, and the acknowledged one
