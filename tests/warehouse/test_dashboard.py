from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests import factories
from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.channels.models import SyncRun
from vendorflow.orders.models import Acknowledgement, ImportException
from vendorflow.orders.totals import refresh_totals

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def acknowledged(order, state, accepted, amazon_accepted=None):
    """The acknowledgement in `state`, with the kept totals moved as the ack's steps move them."""
    Acknowledgement.objects.create(organization=order.organization, order=order, state=state)
    order.lines.update(ack_accepted=accepted, amazon_accepted=amazon_accepted)
    refresh_totals(order_ids=[order.pk])


@pytest.fixture
def data(org, other_org):
    w = world(org)
    order_for(
        w, [soap_line(product=w.soap)], po_number="OVERDUE1", ack_due_at=NOW - timedelta(hours=1)
    )
    order_for(
        w,
        [soap_line(product=w.soap)],
        po_number="SOON0001",
        ack_due_at=NOW + timedelta(hours=3),
        needs_mapping=True,
    )
    order_for(
        w, [soap_line(product=w.soap)], po_number="LATER001", ack_due_at=NOW + timedelta(hours=12)
    )
    sent = order_for(
        w,
        [soap_line(product=w.soap, ordered_quantity=3, unit_of_measure="Cases", unit_size=10)],
        po_number="SENT0001",
        status="acknowledging",
    )
    acknowledged(sent, "submitted", accepted=2)  # 20 of 30 eaches
    other_customer = factories.make_customer(org, "AMZ-DEL4", name="Amazon Delhi")
    confirmed = order_for(
        w,
        [soap_line(product=w.soap)],
        po_number="CONF0001",
        status="acknowledged",
        customer=other_customer,
    )
    acknowledged(confirmed, "confirmed", accepted=10, amazon_accepted=5)  # Amazon's 5 count
    pending = order_for(
        w, [soap_line(product=w.soap)], po_number="PEND0001", status="acknowledging"
    )
    acknowledged(pending, "pending", accepted=10)  # not sent yet: not in the fill rate
    ImportException.objects.create(
        organization=org,
        channel=w.channel,
        po_number="X1",
        reason="no_customer",
        message="no customer for DEL9",
    )
    SyncRun.objects.create(
        organization=org, channel=w.channel, kind="created", status="succeeded", pos_new=4
    )
    SyncRun.objects.create(
        organization=org, channel=w.channel, kind="resweep", status="succeeded", closed=3
    )
    theirs = world(other_org)
    order_for(theirs, [soap_line()], po_number="THEIRS01", ack_due_at=NOW - timedelta(hours=1))
    return w, other_customer


def test_dashboard_numbers(data, member_client):
    w, other_customer = data
    with time_machine.travel(NOW, tick=False):
        response = member_client("viewer").get("/")
    ctx = response.context
    assert {name: str(n) for name, n in ctx["deadlines"].items()} == {
        "overdue": "1",
        "due_soon": "1",
    }
    assert {v: str(n) for v, _, n in ctx["status_counts"]} == {
        "open": "3",
        "acknowledging": "2",
        "acknowledged": "1",
        "closed": "0",
        "cancelled": "0",
    }
    assert str(ctx["open_exceptions"]) == "1"
    assert str(ctx["needs_mapping"]) == "1"
    assert [(r["obj"], r["accepted"], r["ordered"], r["rate"]) for r in ctx["channel_rates"]] == [
        (w.channel, 25, 40, 62.5)
    ]
    rates = {r["obj"]: (r["accepted"], r["ordered"], r["rate"]) for r in ctx["customer_rates"]}
    assert rates == {w.customer: (20, 30, 66.7), other_customer: (5, 10, 50.0)}
    assert [(run.kind, run.pos_new, run.closed) for run in ctx["sync_runs"]] == [
        ("resweep", 0, 3),
        ("created", 4, 0),
    ]


def test_recent_syncs_show_closed_pos_and_link_to_their_channel(data, member_client):
    w, _ = data
    with time_machine.travel(NOW, tick=False):
        page = member_client("viewer").get("/").content.decode()
    assert '<th class="num">Closed</th>' in page
    assert f'<a href="/channels/{w.channel.pk}/">{w.channel}</a>' in page
    assert '<td class="num">3</td><td class="small bad">' in page


def test_cards_link_to_the_filtered_list(data, member_client):
    with time_machine.travel(NOW, tick=False):
        page = member_client("viewer").get("/").content.decode()
    assert 'href="/orders/?deadline=overdue"' in page
    assert 'href="/orders/?deadline=due_soon"' in page
    assert 'href="/orders/?status=acknowledging"' in page
    assert 'href="/orders/exceptions/"' in page
    assert f'href="/orders/?customer={data[1].pk}"' in page
