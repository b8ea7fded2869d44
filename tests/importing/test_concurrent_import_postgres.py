"""Two workers on the same channel at once, each on its own database connection."""

from datetime import UTC, datetime

import pytest

from tests.concurrency import in_threads
from tests.importing.builders import FakeClient, channel_with_customer, fake_source, purchase_order
from vendorflow.channels.choices import SyncKind, SyncStatus
from vendorflow.channels.sync import run_sync
from vendorflow.orders.choices import EventKind
from vendorflow.orders.importing import import_purchase_orders
from vendorflow.orders.models import Order, OrderEvent, OrderLine

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


def _page():
    return [purchase_order(f"PO{n}") for n in range(50)]


def test_two_imports_of_the_same_page_at_once_make_each_order_once(org):
    channel, _, _ = channel_with_customer(org)
    results = []

    def work():
        results.append(import_purchase_orders(channel=channel, purchase_orders=_page()))

    in_threads(work, work)

    assert Order.objects.count() == 50
    assert OrderLine.objects.count() == 100
    assert OrderEvent.objects.filter(kind=EventKind.IMPORTED).count() == 50
    assert sorted((r.new, r.unchanged) for r in results) == [(0, 50), (50, 0)]


def test_two_workers_syncing_the_same_channel_never_double_import(org):
    channel, _, _ = channel_with_customer(org)
    runs = []

    def slow_page(_):
        import time

        time.sleep(0.3)

    def work():
        client = FakeClient([[_page()[:25], _page()[25:]]], on_page=slow_page)
        runs.append(
            run_sync(channel=channel, kind=SyncKind.CREATED, source=fake_source(client), now=NOW)
        )

    in_threads(work, work)

    assert sorted(run.status for run in runs) == [SyncStatus.SKIPPED, SyncStatus.SUCCEEDED]
    assert Order.objects.count() == 50
    assert OrderEvent.objects.filter(kind=EventKind.IMPORTED).count() == 50
