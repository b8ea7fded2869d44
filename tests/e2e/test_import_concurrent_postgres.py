"""Two workers syncing the same channel at once never import a PO twice (real concurrency)."""

import pytest

from tests.concurrency import in_threads
from vendorflow.channels import sync
from vendorflow.channels.choices import SyncStatus
from vendorflow.channels.models import SyncState
from vendorflow.orders.choices import EventKind
from vendorflow.orders.models import Order, OrderEvent, OrderLine

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_workers_syncing_one_channel_never_double_import(e2e, monkeypatch):
    numbers = e2e.generate(15)
    monkeypatch.setattr(sync, "PAGE_SIZE", 4)
    e2e.sim.faults.configure(slow={"rate": 1}, delay_ms=50)  # keep both runs in flight together

    runs = in_threads(e2e.sync, e2e.sync)

    assert sorted(run.status for run in runs) == [SyncStatus.SKIPPED, SyncStatus.SUCCEEDED]
    assert sorted(Order.objects.values_list("po_number", flat=True)) == sorted(numbers)
    lines = sum(len(e2e.sim.state.get(n).details["items"]) for n in numbers)
    assert OrderLine.objects.count() == lines
    assert OrderEvent.objects.filter(kind=EventKind.IMPORTED).count() == 15


def test_two_page_imports_racing_past_the_lease_still_import_once(e2e, monkeypatch):
    """Even two runs that both hold a lease (one took over a stale one) write each PO once."""
    numbers = e2e.generate(15)
    SyncState.objects.create(channel=e2e.channel)
    monkeypatch.setattr(sync, "acquire_lease", lambda **kwargs: True)
    monkeypatch.setattr(sync, "_checkpoint", lambda *args: None)

    runs = in_threads(e2e.sync, e2e.sync)

    assert [run.status for run in runs] == [SyncStatus.SUCCEEDED] * 2
    assert sum(run.pos_new for run in runs) == 15
    assert sorted(Order.objects.values_list("po_number", flat=True)) == sorted(numbers)
    assert OrderEvent.objects.filter(kind=EventKind.IMPORTED).count() == 15
