"""An import of Amazon's change meets a manager's confirm of the same order, on PostgreSQL.

The confirm holds the order's lock while it writes the acknowledgement. The import must wait for
it and then see the order as acknowledged: it records the change and keeps the lines as
acknowledged, and never writes the order back as it was before the confirm.
"""

import threading
import time

import pytest
from django.db import connection

from tests.importing.builders import changed, channel_with_customer, po_line, purchase_order
from vendorflow.accounts import audit
from vendorflow.orders import acknowledging
from vendorflow.orders.choices import EventKind, OrderStatus
from vendorflow.orders.importing import import_purchase_orders
from vendorflow.orders.models import Acknowledgement, Order, OrderEvent

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _on_thread(target, errors: list) -> threading.Thread:
    def run():
        try:
            target()
        except Exception as exc:  # reported by the test
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _wait_for_a_lock_wait(timeout: float = 10) -> bool:
    """True once another connection is waiting for a row lock."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.02)
    return False


def test_an_import_waits_for_the_confirm_and_keeps_the_order_acknowledged(org, monkeypatch):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order("PO-RACE", lines=[po_line(1), po_line(2)])
    import_purchase_orders(channel=channel, purchase_orders=[po])
    order = Order.objects.get(po_number="PO-RACE")
    locked, release = threading.Event(), threading.Event()
    record = audit.record

    def record_then_hold(**kw):
        record(**kw)
        locked.set()  # the confirm holds the order's lock, its writes not yet committed
        release.wait(timeout=20)

    monkeypatch.setattr(audit, "record", record_then_hold)
    errors: list = []

    def confirm():
        plan = acknowledging.build_plan(order)
        acknowledging.confirm_acknowledgement(order=order, plan=plan, user=None, payload={})

    def import_the_change():
        locked.wait(timeout=20)
        cut = changed(po, lines=[po_line(1, ordered_quantity=4), po_line(2)])
        import_purchase_orders(channel=channel, purchase_orders=[cut])

    threads = [_on_thread(confirm, errors)]
    assert locked.wait(timeout=20)
    threads.append(_on_thread(import_the_change, errors))
    waited = _wait_for_a_lock_wait()
    release.set()
    for thread in threads:
        thread.join(timeout=30)

    assert (errors, waited) == ([], True)
    order.refresh_from_db()
    assert Acknowledgement.objects.filter(order=order).count() == 1
    assert (order.status, order.changed_after_ack) == (OrderStatus.ACKNOWLEDGING, True)
    assert sorted(order.lines.values_list("item_sequence_number", "ordered_quantity")) == [
        ("1", 10),
        ("2", 10),
    ]
    kinds = list(OrderEvent.objects.filter(order=order).values_list("kind", flat=True))
    assert EventKind.CHANGED_AFTER_ACK in kinds
    assert EventKind.CHANGED not in kinds
