"""The live partials poll only while something can still change: each carries its htmx trigger
while an acknowledgement or a sync run is on its way, and comes back without it once final."""

import pytest

from tests import factories
from vendorflow.channels import sync
from vendorflow.channels.models import SyncRun
from vendorflow.orders.models import Acknowledgement

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(org):
    channel = factories.make_channel(org)
    return factories.make_order(channel, factories.make_customer(org), status="acknowledging")


def _ack(order, state):
    return Acknowledgement.objects.create(organization=order.organization, order=order, state=state)


def test_the_ack_panel_polls_while_submitted_and_stops_when_confirmed(member_client, order):
    ack = _ack(order, "submitted")
    client = member_client("viewer")
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert f'hx-get="/orders/{order.pk}/acknowledgement/" hx-trigger="every 3s"' in page
    Acknowledgement.objects.filter(pk=ack.pk).update(state="confirmed")
    order.status = "acknowledged"
    order.save()
    panel = client.get(f"/orders/{order.pk}/acknowledgement/").content.decode()
    assert "<h2>Acknowledgement: Confirmed by Amazon</h2>" in panel
    assert "hx-trigger" not in panel
    assert '<span id="order-status" hx-swap-oob="true"><span class="badge badge-good">' in panel


def test_the_list_polls_the_moving_orders_only(member_client, order, org):
    _ack(order, "pending")
    settled = factories.make_order(order.channel, order.customer, po_number="PO2")
    _ack(settled, "failed")
    client = member_client("viewer")
    listing = client.get("/orders/").content.decode()
    assert f'hx-get="/orders/live-status/?ids={order.pk}" hx-trigger="every 5s"' in listing
    Acknowledgement.objects.filter(order=order).update(state="confirmed")
    cells = client.get("/orders/live-status/", {"ids": f"{order.pk},{settled.pk}"})
    html = cells.content.decode()
    assert html.count('hx-swap-oob="true"') == 2
    assert 'id="orders-live"' not in html  # nothing moving: the poller is gone


def test_the_live_status_of_another_organizations_orders_is_empty(member_client, order):
    _ack(order, "pending")
    other = member_client("viewer", organization=factories.make_org())
    html = other.get("/orders/live-status/", {"ids": str(order.pk)}).content.decode()
    assert html.strip() == ""


def test_the_sync_runs_panel_polls_while_a_run_is_queued(member_client, org):
    channel = factories.make_channel(org)
    run = sync.queue_run(channel=channel, kind="manual")
    client = member_client("viewer")
    page = client.get(f"/channels/{channel.pk}/").content.decode()
    assert f'hx-get="/channels/{channel.pk}/sync-runs/" hx-trigger="every 2s"' in page
    dashboard = client.get("/").content.decode()
    assert 'hx-get="/sync-runs/" hx-trigger="every 3s"' in dashboard
    SyncRun.objects.filter(pk=run.pk).update(status="succeeded")
    panel = client.get(f"/channels/{channel.pk}/sync-runs/").content.decode()
    assert "Succeeded" in panel
    assert "hx-trigger" not in panel
    assert "hx-trigger" not in client.get("/sync-runs/").content.decode()
