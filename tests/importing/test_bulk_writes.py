"""The importer's many-row writes (`orders/bulk.py`): INSERTs on SQLite, COPY on PostgreSQL.

Both paths must store the same values, fill the model defaults, and fail as Django does (an
IntegrityError) without leaving part of the rows behind. This module runs in both passes of
`make test`.
"""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from tests import factories
from vendorflow.orders.bulk import JsonText, insert_rows, insert_values
from vendorflow.orders.models import OrderEvent, OrderLine

COLUMNS = ("order", "item_sequence_number", "asin", "product", "ordered_quantity",
           "unit_of_measure", "unit_size", "ordered_eaches", "net_cost", "currency")  # fmt: skip


@pytest.fixture
def order(org):
    channel = factories.make_channel(org)
    customer = factories.make_customer(org)
    return factories.make_order(channel, customer, po_number="PO-BULK")


def _row(order, seq, **kw):
    values = dict(
        order=order.id, item_sequence_number=str(seq), asin=f"B0{seq:08d}", product=None,
        ordered_quantity=2, unit_of_measure="Cases", unit_size=6, ordered_eaches=12,
        net_cost=Decimal("10.2500"), currency="USD",
    )  # fmt: skip
    values.update(kw)
    return tuple(values[name] for name in COLUMNS)


def test_rows_are_stored_with_their_values_and_the_model_defaults(order):
    insert_values(OrderLine, COLUMNS, [_row(order, 1), _row(order, 2, net_cost=None)])

    lines = list(OrderLine.objects.filter(order=order).order_by("item_sequence_number"))
    assert [
        (ln.item_sequence_number, ln.asin, ln.unit_size, ln.ordered_eaches) for ln in lines
    ] == [
        ("1", "B000000001", 6, 12),
        ("2", "B000000002", 6, 12),
    ]
    assert [ln.net_cost for ln in lines] == [Decimal("10.2500"), None]
    # Not named: the model's defaults.
    assert [(ln.scanned_eaches, ln.over_scanned, ln.is_back_order_allowed) for ln in lines] == [
        (0, False, False),
        (0, False, False),
    ]
    assert [(ln.ack_accepted, ln.ack_rejection_reason, ln.list_price) for ln in lines] == [
        (None, "", None),
        (None, "", None),
    ]


def test_json_and_datetimes_round_trip(order):
    at = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)
    insert_rows(
        OrderEvent,
        [
            {"organization": order.organization_id, "order": order.id, "kind": "imported",
             "data": {"po": "PO-BULK", "lines": [1, 2], "note": "ünïcode"}},
            {"organization": order.organization_id, "order": order.id, "kind": "imported",
             "data": JsonText('{"as": "received", "n": 1}')},
        ],
    )  # fmt: skip
    events = list(OrderEvent.objects.filter(order=order).order_by("id"))
    assert [e.data for e in events] == [
        {"po": "PO-BULK", "lines": [1, 2], "note": "ünïcode"},
        {"as": "received", "n": 1},
    ]
    # auto_now_add: the time of the write, the same for every row of it.
    assert events[0].created_at == events[1].created_at
    assert events[0].created_at.tzinfo is not None
    assert events[0].created_at > at


def test_a_duplicate_row_is_an_integrity_error_and_writes_nothing(order):
    insert_values(OrderLine, COLUMNS, [_row(order, 1)])

    with pytest.raises(IntegrityError), transaction.atomic():
        insert_values(OrderLine, COLUMNS, [_row(order, 2), _row(order, 3), _row(order, 1)])

    assert list(
        OrderLine.objects.filter(order=order).values_list("item_sequence_number", flat=True)
    ) == ["1"]


def test_a_check_constraint_is_enforced(order):
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_values(OrderLine, COLUMNS, [_row(order, 1, unit_size=0)])

    assert not OrderLine.objects.filter(order=order).exists()
