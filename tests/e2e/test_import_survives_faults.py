"""Every fault the simulator can inject is survived: each PO becomes exactly one order."""

import pytest

from vendorflow.channels import sync
from vendorflow.channels.choices import SyncStatus
from vendorflow.orders.choices import EventKind
from vendorflow.orders.models import ImportException, Order, OrderEvent, OrderLine

PAGE = 3  # small pages, so a handful of POs makes several nextToken requests
COUNT = 11

FAULTS = {
    "throttled": {"throttle": {"count": 3}},
    "503": {"server_error": {"count": 3}},
    "500": {"server_error": {"count": 2}, "server_error_status": 500},
    "dropped connection": {"drop": {"count": 2}},
    "slow answer": {"slow": {"count": 2}, "delay_ms": 1500},
    "malformed JSON": {"malformed": {"count": 2}},
    "nextToken flake": {"next_token_invalid": {"count": 2}},
}


@pytest.fixture
def small_pages(monkeypatch, settings):
    monkeypatch.setattr(sync, "PAGE_SIZE", PAGE)
    settings.AMAZON_HTTP_TIMEOUT = 1  # a slow answer times out


def assert_every_po_imported_once(e2e, numbers):
    assert sorted(Order.objects.values_list("po_number", flat=True)) == sorted(numbers)
    lines = sum(len(e2e.sim.state.get(n).details["items"]) for n in numbers)
    assert OrderLine.objects.count() == lines
    assert OrderEvent.objects.filter(kind=EventKind.IMPORTED).count() == len(numbers)
    assert ImportException.objects.count() == 0


@pytest.mark.parametrize("faults", FAULTS.values(), ids=FAULTS.keys())
def test_one_sync_survives_the_fault(e2e, small_pages, faults):
    numbers = e2e.generate(COUNT)
    e2e.sim.faults.configure(**faults)

    run = e2e.sync()

    assert (run.status, run.error, run.pos_new) == (SyncStatus.SUCCEEDED, "", COUNT)
    assert sum(e2e.sim.faults.injected.values()) == sum(
        f["count"] for f in faults.values() if isinstance(f, dict)
    )
    assert_every_po_imported_once(e2e, numbers)


def test_tokens_expiring_mid_paging_are_renewed(e2e, small_pages, monkeypatch):
    numbers = e2e.generate(COUNT)
    app = e2e.sim.app
    answer = app._answer

    def then_expire(operation, request):
        """Every access token dies right after it served a page: each later page needs a new one."""
        reply = answer(operation, request)
        if operation.name == "getPurchaseOrders":
            app.auth.expire_all()
        return reply

    monkeypatch.setattr(app, "_answer", then_expire)

    run = e2e.sync()

    assert (run.status, run.pos_new) == (SyncStatus.SUCCEEDED, COUNT)
    assert e2e.calls()["token"] == run.pages  # the first token, then one renewal per later page
    assert_every_po_imported_once(e2e, numbers)


def test_failed_runs_are_retried_until_nothing_is_lost(e2e, small_pages):
    numbers = e2e.generate(2 * COUNT)
    e2e.sim.faults.configure(
        seed=3,
        next_token_invalid={"count": 3},  # more than the client retries: the first run fails
        throttle={"rate": 0.1},
        server_error={"rate": 0.1},
        drop={"rate": 0.05},
        malformed={"rate": 0.05},
    )

    runs = e2e.sync_until_it_succeeds(tries=20)
    assert runs[0].status == SyncStatus.FAILED  # a run gave up, and the next ones carried on

    assert sum(run.pos_new for run in runs) == 2 * COUNT
    assert sum(e2e.sim.faults.injected.values()) > 0
    assert_every_po_imported_once(e2e, numbers)
    e2e.sim.faults.reset()
    again = e2e.sync()
    assert (again.status, again.pos_new) == (SyncStatus.SUCCEEDED, 0)
    assert Order.objects.count() == 2 * COUNT
