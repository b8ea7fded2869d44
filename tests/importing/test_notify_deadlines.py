from datetime import UTC, datetime, timedelta

import time_machine

from tests import factories
from tests.importing.scans import scan
from vendorflow.orders.choices import EventKind, OrderStatus
from vendorflow.orders.models import Acknowledgement, OrderEvent
from vendorflow.orders.notifications import notify_deadlines

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


def _order(channel, customer, po, due_in, **kw):
    return factories.make_order(
        channel, customer, po, lines=[{}], po_date=NOW + due_in - timedelta(hours=24), **kw
    )


def test_open_unscanned_orders_near_their_deadline_are_reported_once(org, mailoutbox):
    channel = factories.make_channel(org)
    customer = factories.make_customer(org)
    near = _order(channel, customer, "NEAR", timedelta(hours=3))
    overdue = _order(channel, customer, "LATE", timedelta(hours=-2))
    _order(channel, customer, "FAR", timedelta(hours=10))
    _order(channel, customer, "ANCIENT", timedelta(days=-3))
    scan(_order(channel, customer, "SCANNED", timedelta(hours=1)).lines.get(), 1)
    acked = _order(channel, customer, "ACKED", timedelta(hours=1))
    Acknowledgement.objects.create(organization=org, order=acked)
    _order(channel, customer, "CLOSED", timedelta(hours=1), status=OrderStatus.CLOSED)

    with time_machine.travel(NOW, tick=False):
        assert notify_deadlines() == 2
        assert notify_deadlines() == 0

    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "  LATE (BLR7) overdue since 2025-03-20 10:00 UTC" in body
    assert "  NEAR (BLR7) due 2025-03-20 15:00 UTC" in body
    assert "FAR" not in body and "SCANNED" not in body and "ACKED" not in body
    near.refresh_from_db()
    overdue.refresh_from_db()
    assert near.deadline_notified_at == NOW == overdue.deadline_notified_at
    assert sorted(
        OrderEvent.objects.filter(kind=EventKind.DEADLINE).values_list(
            "order__po_number", flat=True
        )
    ) == [
        "LATE",
        "NEAR",
    ]


def test_each_channel_gets_its_own_email(org, mailoutbox):
    first = factories.make_channel(org, "VEND1", registered_emails=["a@example.com"])
    second = factories.make_channel(org, "VEND2", registered_emails=["b@example.com"])
    customer = factories.make_customer(org)
    _order(first, customer, "PO1", timedelta(hours=1))
    _order(second, customer, "PO2", timedelta(hours=1))

    assert notify_deadlines(now=NOW) == 2

    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.com", "b@example.com"]
