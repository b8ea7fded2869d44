"""A second sync of the same POs imports nothing new and writes nothing."""

from datetime import timedelta

from vendorflow.channels.choices import SyncStatus
from vendorflow.orders.models import ImportException, Order, OrderEvent, OrderLine


def _counts():
    return (
        Order.objects.count(),
        OrderLine.objects.count(),
        OrderEvent.objects.count(),
        ImportException.objects.count(),
    )


def test_a_second_sync_imports_nothing_new(e2e):
    recent = (
        timedelta(minutes=5),
        timedelta(seconds=2),
    )  # the next sync's overlap reads them again
    e2e.generate(4)
    e2e.generate(4, ago=recent)
    e2e.generate(2, fcs=["HYD8"], ago=recent)
    first = e2e.sync()
    before = _counts()
    updated = dict(Order.objects.values_list("po_number", "updated_at"))

    second = e2e.sync()

    assert (first.pos_new, first.pos_held) == (8, 2)
    assert (second.status, second.pos_new, second.pos_changed, second.pos_held) == (
        SyncStatus.SUCCEEDED,
        0,
        0,
        2,
    )
    assert second.pos_unchanged == 4
    assert _counts() == before == (8, before[1], 8, 2)
    assert dict(Order.objects.values_list("po_number", "updated_at")) == updated


def test_a_resweep_after_the_sync_imports_nothing_new(e2e):
    e2e.generate(5)
    e2e.sync()
    before = _counts()

    run = e2e.sync("resweep")

    assert (run.status, run.pos_new, run.pos_changed, run.pos_unchanged) == (
        SyncStatus.SUCCEEDED,
        0,
        0,
        5,
    )
    assert _counts() == before
