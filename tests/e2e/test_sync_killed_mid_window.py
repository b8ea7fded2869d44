"""kill -9 of a running `vendorflow sync` mid-window: the channel is free again once the lease
runs out (nothing renews it), and the next sync goes on at the page after the last one committed,
ending with every PO exactly once."""

import os
import signal
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.e2e import killed_sync
from vendorflow.simulator.testing import running_simulator

FCS = ["BLR7", "DEL4", "BOM5"]
PO_COUNT = 450  # five pages of 100: 100, 100, 100, 100, 50
HELD_REQUEST = 4  # the simulator holds the answer for page 4; pages 1-3 get written
LEASE_SECONDS = 12  # renewed every 4 s: still held for 8 s or more after the kill
WAIT = 120  # seconds any step may take before the test fails
LIST_PATH = "/vendor/orders/v1/purchaseOrders"


class ListingGate:
    """Records every getPurchaseOrders query the simulator gets, and holds the answer to the
    HELD_REQUEST-th one until released (the sync waits for page 4 while pages 1-3 are in)."""

    def __init__(self, app):
        self.queries: list[dict] = []
        self.held = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._dispatch = app.dispatch
        app.dispatch = self.dispatch

    def dispatch(self, request):
        if request.path == LIST_PATH and request.method == "GET":
            with self._lock:
                self.queries.append(dict(request.query))
                number = len(self.queries)
            if number == HELD_REQUEST:
                self.held.set()
                self.release.wait(WAIT)
        return self._dispatch(request)


@pytest.fixture
def world(tmp_path):
    with running_simulator(seed=11, throttling=False) as sim:
        now = datetime.now(UTC)
        numbers = sim.generate(
            count=PO_COUNT,
            vendor_code=killed_sync.VENDOR,
            fcs=FCS,
            lines_per_order=[1, 3],
            created_from=(now - timedelta(days=2)).isoformat(),
            created_to=(now - timedelta(hours=1)).isoformat(),
        )
        env = killed_sync.environment(tmp_path, LEASE_SECONDS)
        channel_id = killed_sync.seed(env, sim, FCS)
        yield sim, numbers, env, channel_id, tmp_path


def test_a_sync_killed_mid_window_is_followed_by_one_that_goes_on_at_the_next_page(world):
    sim, numbers, env, channel_id, data_dir = world
    gate = ListingGate(sim.app)
    command = killed_sync.sync_command(channel_id)

    worker = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert gate.held.wait(WAIT), "the sync never asked for page 4"
        resume = _wait_for_resume_point(data_dir, pages=3)
        os.kill(worker.pid, signal.SIGKILL)
        assert worker.wait(WAIT) == -signal.SIGKILL
    finally:
        worker.kill()
        gate.release.set()

    phase, start, end, token, pages = resume
    assert (phase, pages) == ("created_cursor", 3)
    assert token == _next_token_of_page(gate, 3)
    assert _count(data_dir, "orders_order") == 300
    assert _one(data_dir, "SELECT created_cursor FROM channels_syncstate") is None

    # At once: the dead worker's lease still holds the channel, and nothing is asked of Amazon.
    asked = len(gate.queries)
    skipped = _sync(command, env)
    assert "Skipped" in skipped
    assert len(gate.queries) == asked

    # The lease runs out (no heartbeat renews it): the next sync takes the channel.
    _sleep_past(_one(data_dir, "SELECT locked_until FROM channels_syncstate"))
    finished = _sync(command, env)
    assert "Succeeded" in finished
    assert "150 new, 0 changed, 0 unchanged, 0 held" in finished
    assert "went on at page 4 of an interrupted window" in finished

    rerun = gate.queries[asked:]
    first = rerun[0]
    assert first["nextToken"] == token  # page 4 of the interrupted window, not its first page
    assert (first["createdAfter"], first["createdBefore"]) == (
        gate.queries[0]["createdAfter"],
        gate.queries[0]["createdBefore"],
    )
    interrupted_window = [q for q in rerun if q["createdAfter"] == first["createdAfter"]]
    assert all("nextToken" in q for q in interrupted_window)

    resumed = "SELECT resumed_after_pages FROM channels_syncrun WHERE status = 'succeeded'"
    assert _one(data_dir, resumed) == 3
    assert _count(data_dir, "orders_order") == PO_COUNT
    assert _one(data_dir, "SELECT COUNT(DISTINCT po_number) FROM orders_order") == PO_COUNT
    imported = killed_sync.query(data_dir, "SELECT po_number FROM orders_order")
    assert sorted(number for (number,) in imported) == sorted(numbers)
    lines = sum(len(sim.state.get(number).details["items"]) for number in numbers)
    assert _count(data_dir, "orders_orderline") == lines
    assert _count(data_dir, "orders_importexception") == 0
    state = killed_sync.query(
        data_dir, "SELECT resume_phase, resume_token, lock_owner FROM channels_syncstate"
    )
    assert state == [("", "", "")]


def _wait_for_resume_point(data_dir, *, pages: int) -> tuple:
    """The channel's resume point once `pages` pages of the window are committed."""
    sql = (
        "SELECT resume_phase, resume_window_start, resume_window_end, resume_token, "
        "resume_pages FROM channels_syncstate"
    )
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        rows = killed_sync.query(data_dir, sql)
        if rows and rows[0][4] == pages:
            return rows[0]
        time.sleep(0.05)
    raise AssertionError(f"page {pages} was never committed")


def _next_token_of_page(gate: ListingGate, page: int) -> str:
    """The token the sync sent for page `page + 1`: the one Amazon gave with page `page`."""
    return gate.queries[page]["nextToken"]


def _sync(command: list[str], env: dict) -> str:
    completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=WAIT)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def _sleep_past(locked_until: str) -> None:
    until = datetime.fromisoformat(locked_until).replace(tzinfo=UTC)
    time.sleep(max(0.0, (until - datetime.now(UTC)).total_seconds()) + 0.2)


def _count(data_dir, table: str) -> int:
    return _one(data_dir, f"SELECT COUNT(*) FROM {table}")


def _one(data_dir, sql: str):
    return killed_sync.query(data_dir, sql)[0][0]
