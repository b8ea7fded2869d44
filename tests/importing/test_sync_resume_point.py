from dataclasses import replace
from datetime import UTC, datetime, timedelta

from tests.importing.builders import FakeClient, channel_with_customer, fake_source, purchase_order
from vendorflow.channels.choices import SyncKind, SyncStatus
from vendorflow.channels.models import SyncState
from vendorflow.channels.sync import run_sync
from vendorflow.orders.models import Order

NOW = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)
WINDOW = (NOW - timedelta(days=7), NOW)


class Killed(Exception):
    pass


class Refused(Exception):
    pass


def _three_pages():
    return [[purchase_order("PO1")], [purchase_order("PO2")], [purchase_order("PO3")]]


def _killed_after_the_first_page(channel):
    def kill(page_number):
        if page_number == 1:
            raise Killed("worker killed")

    client = FakeClient([_three_pages()], on_page=kill)
    run = run_sync(channel=channel, kind=SyncKind.CREATED, source=fake_source(client), now=NOW)
    assert (run.status, run.pos_new) == (SyncStatus.FAILED, 1)


def test_each_committed_page_leaves_the_next_ones_token(org):
    channel, _, _ = channel_with_customer(org)
    _killed_after_the_first_page(channel)

    state = SyncState.objects.get(channel=channel)
    assert (state.resume_phase, state.resume_window_start, state.resume_window_end) == (
        "created_cursor",
        *WINDOW,
    )
    assert (state.resume_token, state.resume_pages, state.created_cursor) == ("token-1", 1, None)


def test_a_resume_point_of_another_phase_waits_for_a_run_of_that_phase(org):
    channel, _, _ = channel_with_customer(org)
    _killed_after_the_first_page(channel)

    changed_client = FakeClient([[[]]])
    changed = run_sync(
        channel=channel,
        kind=SyncKind.CHANGED,
        source=fake_source(changed_client),
        now=NOW + timedelta(minutes=1),
    )
    assert changed.status == SyncStatus.SUCCEEDED
    assert "next_token" not in changed_client.calls[0]
    state = SyncState.objects.get(channel=channel)
    assert (state.resume_phase, state.resume_token) == ("created_cursor", "token-1")

    client = FakeClient([_three_pages()])
    created = run_sync(
        channel=channel,
        kind=SyncKind.CREATED,
        source=fake_source(client),
        now=NOW + timedelta(minutes=2),
    )
    assert (created.status, created.pos_new, created.pos_unchanged) == (SyncStatus.SUCCEEDED, 2, 0)
    assert client.calls[0]["next_token"] == "token-1"
    # then on from the resumed window's end, with the usual overlap
    assert client.calls[1]["created_after"] == NOW - timedelta(minutes=10)
    assert "next_token" not in client.calls[1]
    assert sorted(Order.objects.values_list("po_number", flat=True)) == ["PO1", "PO2", "PO3"]


def test_a_refused_resume_point_starts_the_window_again_at_its_first_page(org):
    channel, _, _ = channel_with_customer(org)
    _killed_after_the_first_page(channel)

    class RefusesTokens(FakeClient):
        def iter_purchase_order_pages(self, **query):
            if query.get("next_token"):  # refused on the first request, as Amazon does
                self.calls.append(query)
                raise Refused("The nextToken is invalid.")
            yield from super().iter_purchase_order_pages(**query)

    client = RefusesTokens([_three_pages()])
    source = replace(fake_source(client), stale_token_errors=(Refused,))
    run = run_sync(channel=channel, kind=SyncKind.CREATED, source=source, now=NOW)

    assert (run.status, run.resumed_after_pages) == (SyncStatus.SUCCEEDED, 0)
    assert [call.get("next_token") for call in client.calls[:2]] == ["token-1", None]
    assert client.calls[1]["created_after"] == WINDOW[0]  # the same window, from its first page
    assert (run.pos_new, run.pos_unchanged) == (2, 1)
    state = SyncState.objects.get(channel=channel)
    assert (state.created_cursor, state.resume_phase, state.resume_pages) == (NOW, "", 0)
