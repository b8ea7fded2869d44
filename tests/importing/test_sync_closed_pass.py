"""The re-sweep's status pass: its windows and cursor, what it closes, what it counts."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from tests.importing.builders import (
    FakeClient,
    changed,
    channel_with_customer,
    fake_source,
    purchase_order,
)
from vendorflow.channels.choices import SyncKind, SyncStatus
from vendorflow.channels.models import SyncState
from vendorflow.channels.sync import OVERLAP, run_sync
from vendorflow.orders import closing, dto
from vendorflow.orders.choices import EventKind, OrderStatus
from vendorflow.orders.importing import import_purchase_orders
from vendorflow.orders.models import Order, OrderEvent

NOW = datetime(2025, 4, 20, 12, 0, tzinfo=UTC)
UPDATED = datetime(2025, 4, 19, 8, 30, tzinfo=UTC)


def closed(po_number: str, vendor: str = "VEND1", lines=(), **kw) -> dto.PurchaseOrderStatus:
    values = {
        "po_number": po_number,
        "closed": True,
        "selling_party_id": vendor,
        "last_updated": UPDATED,
        "lines": tuple(lines),
    }
    values.update(kw)
    return dto.PurchaseOrderStatus(**values)


def _imported(channel, *numbers: str) -> dict[str, Order]:
    import_purchase_orders(channel=channel, purchase_orders=[purchase_order(n) for n in numbers])
    return {o.po_number: o for o in Order.objects.filter(channel=channel)}


def _resweep(channel, client, now=NOW):
    return run_sync(channel=channel, kind=SyncKind.RESWEEP, source=fake_source(client), now=now)


def test_the_first_pass_asks_for_closed_pos_from_the_backfill_start_in_weekly_windows(org):
    channel, _, _ = channel_with_customer(org, backfill_days=20)
    client = FakeClient()

    run = _resweep(channel, client)

    start = NOW - timedelta(days=20)
    assert client.status_calls == [
        {
            "updated_after": after,
            "updated_before": before,
            "vendor_code": "VEND1",
            "purchase_order_status": "CLOSED",
            "limit": 100,
        }
        for after, before in [
            (start, start + timedelta(days=7)),
            (start + timedelta(days=7) - OVERLAP, start + timedelta(days=14) - OVERLAP),
            (start + timedelta(days=14) - 2 * OVERLAP, NOW),
        ]
    ]
    assert client.calls[0]["created_after"] == NOW - timedelta(days=7)  # the re-sweep itself
    assert run.status == SyncStatus.SUCCEEDED
    state = SyncState.objects.get(channel=channel)
    assert (state.closed_cursor, state.created_cursor, state.changed_cursor) == (NOW, None, None)
    assert state.last_resweep_at == NOW


def test_the_first_pass_looks_back_to_the_oldest_open_order_but_not_to_closed_ones(org):
    """A channel synced before the status pass existed: Amazon may have closed its old POs since."""
    channel, _, _ = channel_with_customer(org, backfill_days=7)
    import_purchase_orders(
        channel=channel,
        purchase_orders=[
            purchase_order("OLD-OPEN", po_date=NOW - timedelta(days=30, hours=3)),
            purchase_order("OLDER-DONE", po_date=NOW - timedelta(days=90)),
        ],
    )
    Order.objects.filter(po_number="OLDER-DONE").update(status=OrderStatus.CLOSED)
    client = FakeClient()

    _resweep(channel, client)

    windows = [(c["updated_after"], c["updated_before"]) for c in client.status_calls]
    # 31 days back (the open order is 30 days and 3 hours old), not 90, not the 7 of the backfill.
    assert windows[0][0] == NOW - timedelta(days=31)
    assert windows[-1][1] == NOW
    assert len(windows) == 5
    assert SyncState.objects.get(channel=channel).closed_cursor == NOW


def test_the_first_pass_never_looks_back_more_than_180_days(org):
    channel, _, _ = channel_with_customer(org, backfill_days=7)
    import_purchase_orders(
        channel=channel,
        purchase_orders=[purchase_order("ANCIENT", po_date=NOW - timedelta(days=400))],
    )
    client = FakeClient()

    _resweep(channel, client)

    assert client.status_calls[0]["updated_after"] == NOW - timedelta(days=180)


def test_the_next_pass_starts_an_overlap_before_the_cursor(org):
    channel, _, _ = channel_with_customer(org)
    SyncState.objects.create(channel=channel, closed_cursor=NOW - timedelta(days=1))
    client = FakeClient()

    _resweep(channel, client)

    assert [(c["updated_after"], c["updated_before"]) for c in client.status_calls] == [
        (NOW - timedelta(days=1) - OVERLAP, NOW)
    ]
    assert SyncState.objects.get(channel=channel).closed_cursor == NOW


def test_only_the_resweep_runs_the_status_pass(org):
    channel, _, _ = channel_with_customer(org)
    client = FakeClient()

    for kind in (SyncKind.CREATED, SyncKind.CHANGED, SyncKind.MANUAL):
        run_sync(channel=channel, kind=kind, source=fake_source(client), now=NOW)

    assert client.status_calls == []
    assert SyncState.objects.get(channel=channel).closed_cursor is None


def test_a_page_closes_known_orders_and_counts_the_rest(org):
    channel, _, _ = channel_with_customer(org)
    orders = _imported(channel, "PO1", "PO2", "PO3")
    Order.objects.filter(po_number="PO2").update(status=OrderStatus.ACKNOWLEDGED)
    Order.objects.filter(po_number="PO3").update(status=OrderStatus.CANCELLED)
    figures = (dto.LineStatus("1", 10, 0, "RECEIVED"), dto.LineStatus("2", 4, 6, ""))
    client = FakeClient(
        status_pages_per_call=[
            [
                [closed("PO1"), closed("PO9")],
                [closed("PO2", lines=figures), closed("PO3", lines=figures)],
            ]
        ]
    )

    run = _resweep(channel, client)

    assert (run.status, run.pages, run.closed, run.closed_unknown, run.pos_unchanged) == (
        SyncStatus.SUCCEEDED,
        2,
        2,
        1,
        1,
    )
    statuses = dict(Order.objects.values_list("po_number", "status"))
    assert statuses == {
        "PO1": OrderStatus.CLOSED,
        "PO2": OrderStatus.CLOSED,
        "PO3": OrderStatus.CANCELLED,
    }
    assert Order.objects.filter(po_number__in=["PO1", "PO2"], amazon_state="Closed").count() == 2
    events = OrderEvent.objects.filter(kind=EventKind.CLOSED).order_by("order__po_number")
    assert [(e.order.po_number, e.message) for e in events] == [
        ("PO1", "Closed on Amazon."),
        ("PO2", "Closed on Amazon: item 1 10 accepted, 0 rejected, received; item 2 4 accepted, "
         "6 rejected."),
    ]  # fmt: skip
    assert events[1].data["last_updated"] == UPDATED.isoformat()
    lines = orders["PO2"].lines.order_by("item_sequence_number")
    figures_stored = lines.values_list(
        "amazon_accepted", "amazon_rejected", "amazon_receiving_status"
    )
    assert list(figures_stored) == [(10, 0, "RECEIVED"), (4, 6, "")]
    untouched = orders["PO3"].lines.values_list("amazon_accepted", "amazon_receiving_status")
    assert set(untouched) == {(None, "")}
    assert (
        not OrderEvent.objects.filter(order=orders["PO3"]).exclude(kind=EventKind.IMPORTED).exists()
    )


def test_a_status_that_is_not_closed_or_of_another_vendor_code_closes_nothing(org):
    channel, _, _ = channel_with_customer(org)
    _imported(channel, "PO1", "PO2")

    result = closing.close_purchase_orders(
        channel=channel, statuses=[closed("PO1", closed=False), closed("PO2", vendor="OTHER")]
    )

    assert result == closing.CloseResult(closed=0, unchanged=0, unknown=2)
    assert set(Order.objects.values_list("status", flat=True)) == {OrderStatus.OPEN}
    assert not OrderEvent.objects.exclude(kind=EventKind.IMPORTED).exists()


def test_the_import_seeing_the_closed_po_later_writes_no_second_close(org):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order("PO1")
    _imported(channel, "PO1")
    closing.close_purchase_orders(channel=channel, statuses=[closed("PO1")])

    later = changed(replace(po, state="Closed", state_changed_date=UPDATED))
    import_purchase_orders(channel=channel, purchase_orders=[later])

    order = Order.objects.get()
    assert (order.status, order.amazon_state) == (OrderStatus.CLOSED, "Closed")
    assert list(OrderEvent.objects.order_by("id").values_list("kind", flat=True)) == [
        EventKind.IMPORTED,
        EventKind.CLOSED,
    ]


def test_a_crash_inside_a_page_keeps_the_cursor_and_the_rerun_finishes_the_window(org, monkeypatch):
    channel, _, _ = channel_with_customer(org)
    _imported(channel, "PO1", "PO2", "PO3")
    real_update = closing.update_objects
    calls = {"pages": 0}

    def crash_on_the_second_page(objs, fields):
        real_update(objs, fields)
        calls["pages"] += 1
        if calls["pages"] == 2:
            raise RuntimeError("worker killed")

    def pages():
        return [[[closed("PO1"), closed("PO2")], [closed("PO3")]]]

    monkeypatch.setattr(closing, "update_objects", crash_on_the_second_page)
    crashed = _resweep(channel, FakeClient(status_pages_per_call=pages()))

    assert (crashed.status, crashed.error, crashed.closed) == (
        SyncStatus.FAILED,
        "RuntimeError: worker killed",
        2,
    )
    assert dict(Order.objects.values_list("po_number", "status")) == {
        "PO1": OrderStatus.CLOSED,
        "PO2": OrderStatus.CLOSED,
        "PO3": OrderStatus.OPEN,
    }
    state = SyncState.objects.get(channel=channel)
    assert (state.closed_cursor, state.last_resweep_at, state.lock_owner) == (None, None, "")
    # The pass looked back to the oldest open order; its first page is in, the second is next.
    po3_age = NOW - Order.objects.get(po_number="PO3").po_date
    window_start = NOW - timedelta(days=po3_age.days + 1)
    assert (state.resume_phase, state.resume_window_start, state.resume_token) == (
        "closed_cursor",
        window_start,
        "s1",
    )
    assert (state.resume_window_end, state.resume_pages) == (window_start + timedelta(days=7), 1)

    monkeypatch.setattr(closing, "update_objects", real_update)
    later = NOW + timedelta(minutes=15)
    client = FakeClient(status_pages_per_call=pages())
    rerun = _resweep(channel, client, now=later)

    # The rerun goes on at the second page of the interrupted window, not at its first.
    first = client.status_calls[0]
    assert (first["updated_after"], first["updated_before"], first["next_token"]) == (
        window_start,
        window_start + timedelta(days=7),
        "s1",
    )
    assert [call.get("next_token") for call in client.status_calls[1:]] == [None] * (
        len(client.status_calls) - 1
    )
    assert (rerun.status, rerun.closed, rerun.pos_unchanged) == (SyncStatus.SUCCEEDED, 1, 0)
    assert rerun.resumed_after_pages == 1
    assert set(Order.objects.values_list("status", flat=True)) == {OrderStatus.CLOSED}
    assert OrderEvent.objects.filter(kind=EventKind.CLOSED).count() == 3
    state = SyncState.objects.get(channel=channel)
    assert (state.closed_cursor, state.resume_phase, state.resume_token) == (later, "", "")


def test_a_pass_that_loses_its_lease_rolls_the_page_back(org):
    channel, _, _ = channel_with_customer(org)
    _imported(channel, "PO1")

    def steal_the_lease(status):
        SyncState.objects.filter(channel=channel).update(lock_owner="another-worker")
        return status

    source = replace(
        fake_source(FakeClient(status_pages_per_call=[[[closed("PO1")]]])),
        to_order_status=steal_the_lease,
    )
    run = run_sync(channel=channel, kind=SyncKind.RESWEEP, source=source, now=NOW)

    assert run.status == SyncStatus.FAILED
    assert run.error.startswith("LeaseLost")
    assert Order.objects.get().status == OrderStatus.OPEN
    assert not OrderEvent.objects.filter(kind=EventKind.CLOSED).exists()
    assert SyncState.objects.get(channel=channel).closed_cursor is None


def test_an_unreadable_status_is_skipped_and_counted_while_the_others_close(org, caplog):
    """Through the real client: one status of the page does not fit Amazon's model."""
    from tests.amazon.builders import FakeAmazon, json_response, make_client, po_status
    from vendorflow.channels.sync import OrderSource
    from vendorflow.integrations.amazon import acks, mapping
    from vendorflow.integrations.amazon.client import PURCHASE_ORDERS, PURCHASE_ORDERS_STATUS

    channel, _, _ = channel_with_customer(org)
    orders = _imported(channel, "PO1", "PO2")

    def status(number: str, state: str) -> dict:
        return po_status(
            number, state, placed="2025-03-03T09:00:00Z", updated="2025-04-19T08:30:00Z"
        )

    first = {"payload": {"ordersStatus": [status("PO1", "CLOSED"), status("PO2", "SHREDDED")]}}
    empty = {"payload": {"ordersStatus": []}}
    fake = FakeAmazon().queue(PURCHASE_ORDERS, json_response(200, {"payload": {"orders": []}}))
    fake.queue(PURCHASE_ORDERS_STATUS, json_response(200, first))
    fake.queue(PURCHASE_ORDERS_STATUS, *[json_response(200, empty) for _ in range(40)])
    source = OrderSource(
        client=make_client(fake),
        to_purchase_order=mapping.purchase_order_to_dto,
        to_order_status=acks.order_status_to_dto,
    )

    run = run_sync(channel=channel, kind=SyncKind.RESWEEP, source=source, now=NOW)

    assert run.status == SyncStatus.SUCCEEDED
    assert (run.closed, run.closed_unknown, run.closed_unreadable) == (1, 0, 1)
    statuses = dict(Order.objects.values_list("po_number", "status"))
    assert statuses == {"PO1": OrderStatus.CLOSED, "PO2": orders["PO2"].status}
    assert SyncState.objects.get(channel=channel).closed_cursor == NOW
    assert (
        "skipped a status: getPurchaseOrdersStatus ordersStatus.1 (PO PO2): purchaseOrderStatus: "
        "Input should be 'OPEN' or 'CLOSED' (got 'SHREDDED')" in caplog.text
    )
