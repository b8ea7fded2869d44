"""Amazon closes a PO weeks after it was placed: the re-sweep's status pass closes the order.

getPurchaseOrders only finds POs by creation or change date, so the regular sync never sees such a
close; getPurchaseOrdersStatus (CLOSED, by last update) does.
"""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import time_machine

from tests import factories
from vendorflow.channels import sync
from vendorflow.channels.choices import SyncStatus
from vendorflow.channels.models import SyncState
from vendorflow.integrations.amazon import outbox
from vendorflow.orders import closing
from vendorflow.orders.choices import AckState, EventKind, OrderStatus
from vendorflow.orders.models import ImportException, Order, OrderEvent

from .conftest import VENDOR, amazon_lines

DAYS_TO_CLOSE = timedelta(days=30)


@contextmanager
def _days_later(order):
    """Thirty days after the PO was placed (plus an hour): when Amazon closes it."""
    closing_at = order.po_date + DAYS_TO_CLOSE
    with time_machine.travel(closing_at + timedelta(hours=1), tick=True):
        yield closing_at


def _acknowledged(e2e, number: str) -> Order:
    """Line 1 scanned in full and line 2 not at all, acknowledged and confirmed by Amazon."""
    order = e2e.order(number)
    e2e.scan(order, "1", order.lines.get(item_sequence_number="1").ordered_eaches)
    ack = e2e.confirm(order)
    outbox.send(ack_id=ack.pk)
    ack.refresh_from_db()
    with time_machine.travel(ack.submitted_at + timedelta(minutes=16), tick=True):
        assert outbox.check(ack_id=ack.pk) == AckState.CONFIRMED
    order.refresh_from_db()
    assert order.status == OrderStatus.ACKNOWLEDGED
    return order


def _quantities(order) -> dict[str, int]:
    return dict(order.lines.values_list("item_sequence_number", "ordered_quantity"))


def _receiving(order) -> dict[str, str]:
    return dict(order.lines.values_list("item_sequence_number", "amazon_receiving_status"))


def _history(*orders) -> list[tuple]:
    return list(
        OrderEvent.objects.filter(order__in=orders)
        .order_by("id")
        .values_list("order__po_number", "kind", "message")
    )


def test_an_acknowledged_po_closed_30_days_later_closes_its_order_with_amazons_figures(e2e):
    number, other = e2e.generate(2, lines=(2, 2))
    e2e.sync()
    order = _acknowledged(e2e, number)
    ordered = _quantities(order)

    with _days_later(order) as closed_at:
        e2e.sim.close(number, at=closed_at)
        regular = [e2e.sync("created"), e2e.sync("changed")]
        order.refresh_from_db()
        assert order.status == OrderStatus.ACKNOWLEDGED  # the regular sync cannot see the close
        assert [(r.status, r.pos_changed, r.closed) for r in regular] == [
            (SyncStatus.SUCCEEDED, 0, 0)
        ] * 2

        run = e2e.sync("resweep")

    assert run.status == SyncStatus.SUCCEEDED
    assert (run.closed, run.closed_unknown, run.pos_new, run.pos_changed) == (1, 0, 0, 0)
    order.refresh_from_db()
    assert (order.status, order.amazon_state) == (OrderStatus.CLOSED, "Closed")
    event = OrderEvent.objects.get(order=order, kind=EventKind.CLOSED)
    assert event.message == (
        f"Closed on Amazon: item 1 {ordered['1']} accepted, 0 rejected, received; "
        f"item 2 0 accepted, {ordered['2']} rejected, not received."
    )
    assert event.data == {
        "source": "getPurchaseOrdersStatus",
        "purchase_order_status": "CLOSED",
        "last_updated": closed_at.isoformat(),
        "lines": [
            {"item": "1", "accepted": ordered["1"], "rejected": 0, "receiving_status": "RECEIVED"},
            {
                "item": "2",
                "accepted": 0,
                "rejected": ordered["2"],
                "receiving_status": "NOT_RECEIVED",
            },
        ],
    }
    assert amazon_lines(order) == {"1": (ordered["1"], 0), "2": (0, ordered["2"])}
    assert _receiving(order) == {"1": "RECEIVED", "2": "NOT_RECEIVED"}
    assert e2e.order(other).status == OrderStatus.OPEN
    assert (
        not OrderEvent.objects.filter(order=e2e.order(other))
        .exclude(kind=EventKind.IMPORTED)
        .exists()
    )
    state = SyncState.objects.get(channel=e2e.channel)
    assert state.closed_cursor == run.window_end
    assert state.closed_cursor > closed_at


def test_running_the_status_pass_again_changes_nothing_more(e2e):
    [number] = e2e.generate(1, lines=(2, 2))
    e2e.sync()
    order = _acknowledged(e2e, number)

    with _days_later(order) as closed_at:
        e2e.sim.close(number, at=closed_at)
        e2e.sync("resweep")
        order.refresh_from_db()
        history, updated_at = _history(order), order.updated_at
        figures, receiving = amazon_lines(order), _receiving(order)

        next_day = e2e.sync("resweep")
        SyncState.objects.filter(channel=e2e.channel).update(closed_cursor=None)
        from_scratch = e2e.sync("resweep")

    assert (next_day.status, next_day.closed, next_day.pos_unchanged) == (
        SyncStatus.SUCCEEDED,
        0,
        0,
    )
    assert (from_scratch.status, from_scratch.closed, from_scratch.pos_unchanged) == (
        SyncStatus.SUCCEEDED,
        0,
        1,
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED
    assert order.updated_at == updated_at
    assert _history(order) == history
    assert [kind for _, kind, _ in history].count(EventKind.CLOSED) == 1
    assert (amazon_lines(order), _receiving(order)) == (figures, receiving)


def test_closed_and_cancelled_orders_are_left_as_they_are(e2e):
    cancelled_number, closed_number = e2e.generate(2, lines=(2, 2))
    e2e.sync()
    e2e.change(cancelled_number, cancel=["1", "2"])
    e2e.sync("changed")
    e2e.close(closed_number)
    first = e2e.sync("resweep")  # its created phase sees the close first and closes the order
    cancelled, closed = e2e.order(cancelled_number), e2e.order(closed_number)
    assert (cancelled.status, closed.status) == (OrderStatus.CANCELLED, OrderStatus.CLOSED)
    assert (first.pos_changed, first.closed, first.pos_unchanged) == (1, 0, 2)
    history = _history(cancelled, closed)
    assert [kind for _, kind, _ in history].count(EventKind.CLOSED) == 1

    with _days_later(cancelled) as closed_at:
        e2e.sim.close(cancelled_number, at=closed_at)
        run = e2e.sync("resweep")

    assert (run.status, run.closed, run.closed_unknown, run.pos_unchanged) == (
        SyncStatus.SUCCEEDED,
        0,
        0,
        2,
    )
    for before in (cancelled, closed):
        after = Order.objects.get(pk=before.pk)
        assert (after.status, after.amazon_state, after.updated_at) == (
            before.status,
            before.amazon_state,
            before.updated_at,
        )
        assert amazon_lines(after) == {}
    assert _history(cancelled, closed) == history


def test_closed_pos_of_another_vendor_code_or_unknown_to_us_change_nothing(e2e, other_org):
    [mine] = e2e.generate(1)
    now = datetime.now(UTC)
    [foreign] = e2e.sim.generate(
        count=1,
        vendor_code="OTHERV",
        fcs=["BLR7"],
        items=[item["asin"] for item in e2e.items],
        created_from=(now - timedelta(days=2)).isoformat(),
        created_to=(now - timedelta(hours=1)).isoformat(),
    )
    [unknown] = e2e.generate(1, ago=(timedelta(days=40), timedelta(days=39)))
    e2e.sync()
    order = e2e.order(mine)
    assert sorted(Order.objects.values_list("po_number", flat=True)) == [mine]

    with _days_later(order) as closed_at:
        for number in (mine, foreign, unknown):
            e2e.sim.close(number, at=closed_at)
        run = e2e.sync("resweep")

    assert (run.status, run.closed, run.closed_unknown, run.pos_new) == (
        SyncStatus.SUCCEEDED,
        1,
        1,
        0,
    )
    assert sorted(Order.objects.values_list("po_number", flat=True)) == [mine]
    assert ImportException.objects.count() == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED
    assert _history(order)[-1] == (mine, EventKind.CLOSED, "Closed on Amazon.")
    assert amazon_lines(order) == {}  # Amazon holds no acknowledgement: no figures to show
    assert e2e.sim.state.get(foreign).state == "Closed"  # never asked for: another vendor code


def test_orders_of_another_organization_or_channel_with_the_same_po_number_are_untouched(
    e2e, other_org
):
    [number] = e2e.generate(1)
    e2e.sync()
    order = e2e.order(number)
    theirs_channel = factories.make_channel(other_org, vendor_code=VENDOR)
    theirs = factories.make_order(
        theirs_channel,
        factories.make_customer(other_org, "AMZ-BLR7"),
        number,
        lines=[{}],
        status=OrderStatus.ACKNOWLEDGED,
    )
    sibling_channel = factories.make_channel(e2e.org, vendor_code="OTHERV")
    sibling = factories.make_order(
        sibling_channel,
        e2e.customers["BLR7"],
        number,
        lines=[{}],
        status=OrderStatus.ACKNOWLEDGED,
    )

    with _days_later(order) as closed_at:
        e2e.sim.close(number, at=closed_at)
        run = e2e.sync("resweep")

    assert (run.closed, run.closed_unknown) == (1, 0)
    assert e2e.order(number).status == OrderStatus.CLOSED
    for other in (theirs, sibling):
        after = Order.objects.get(pk=other.pk)
        assert (after.status, after.amazon_state, after.updated_at) == (
            OrderStatus.ACKNOWLEDGED,
            "",
            other.updated_at,
        )
        assert not OrderEvent.objects.filter(order=other).exists()
        assert amazon_lines(after) == {}


def test_a_crash_inside_a_page_loses_nothing_and_the_cursor_waits_for_the_commit(e2e, monkeypatch):
    numbers = e2e.generate(3)
    e2e.sync()
    orders = [e2e.order(number) for number in numbers]
    by_amazon = sorted(numbers, key=lambda n: e2e.sim.state.get(n).key)  # the pages' order
    monkeypatch.setattr(sync, "PAGE_SIZE", 2)
    real_insert = closing.insert_rows
    calls = {"pages": 0}

    def crash_on_the_second_page(model, rows):
        calls["pages"] += bool(rows)  # pages with closed POs on them
        if calls["pages"] == 2:
            raise RuntimeError("worker killed")
        real_insert(model, rows)

    monkeypatch.setattr(closing, "insert_rows", crash_on_the_second_page)
    with _days_later(min(orders, key=lambda o: o.po_date)) as closed_at:
        for number in numbers:
            e2e.sim.close(number, at=closed_at)
        crashed = e2e.sync("resweep")
        statuses = dict(Order.objects.values_list("po_number", "status"))
        cursor = SyncState.objects.get(channel=e2e.channel).closed_cursor

        monkeypatch.setattr(closing, "insert_rows", real_insert)
        rerun = e2e.sync("resweep")

    assert (crashed.status, crashed.error, crashed.closed) == (
        SyncStatus.FAILED,
        "RuntimeError: worker killed",
        2,
    )
    assert statuses == {
        by_amazon[0]: OrderStatus.CLOSED,
        by_amazon[1]: OrderStatus.CLOSED,
        by_amazon[2]: OrderStatus.OPEN,
    }
    # The first pass went back to the oldest open order, 31 days: its four empty weekly windows
    # were committed, the fifth, holding the closed POs, was not.
    assert cursor is not None and cursor < closed_at
    # one (empty) page of POs created in the last 7 days, then the window of the closed POs from
    # its second page (the first is not asked for again), then the (empty) rest up to now
    assert (rerun.status, rerun.closed, rerun.pos_unchanged, rerun.pages) == (
        SyncStatus.SUCCEEDED,
        1,
        0,
        3,
    )
    assert rerun.resumed_after_pages == 1
    assert set(Order.objects.values_list("status", flat=True)) == {OrderStatus.CLOSED}
    closed_events = OrderEvent.objects.filter(kind=EventKind.CLOSED)
    assert sorted(closed_events.values_list("order__po_number", flat=True)) == sorted(numbers)
    assert SyncState.objects.get(channel=e2e.channel).closed_cursor == rerun.window_end
