"""A resume point whose nextToken Amazon refuses (expired, or from before a restart) starts the
window again at its first page: every PO is imported once, nothing is lost."""

from datetime import UTC, datetime, timedelta

from vendorflow.channels.choices import SyncKind, SyncStatus
from vendorflow.channels.models import SyncState
from vendorflow.orders.models import Order


def test_a_refused_token_starts_the_window_again_and_imports_every_po_once(e2e):
    numbers = e2e.generate(3)
    now = datetime.now(UTC).replace(microsecond=0)
    SyncState.objects.create(
        channel=e2e.channel,
        resume_phase="created_cursor",
        resume_window_start=now - timedelta(days=7),
        resume_window_end=now,
        resume_token="bm90LWEtdG9rZW4=",  # the simulator cannot read it: InvalidInput
        resume_pages=2,
    )

    run = e2e.sync(SyncKind.CREATED)

    assert (run.status, run.pos_new, run.resumed_after_pages) == (SyncStatus.SUCCEEDED, 3, 0)
    assert sorted(Order.objects.values_list("po_number", flat=True)) == sorted(numbers)
    # the refused token three times (the mid-paging flake is retried twice), the window from its
    # first page, and the rest up to now
    assert e2e.calls()["getPurchaseOrders"] == 5
    state = SyncState.objects.get(channel=e2e.channel)
    assert (state.resume_phase, state.resume_token, state.created_cursor is not None) == (
        "",
        "",
        True,
    )
