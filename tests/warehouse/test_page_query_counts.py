"""Every list page, the dashboard and the API lists run a fixed number of queries, whatever the
number of orders, lines, scans, acknowledgements, exceptions and audit entries behind them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.accounts import audit
from vendorflow.channels.models import SyncRun
from vendorflow.orders.models import Acknowledgement, ImportException, Order
from vendorflow.orders.totals import refresh_totals

PAGES = [
    ("/", 19),
    ("/orders/", 15),
    ("/orders/?status=open", 15),
    ("/orders/?status=acknowledged&sort=customer", 15),
    ("/orders/?q=SKU-1", 18),
    ("/orders/?q=BLR7&sort=fc", 18),
    ("/orders/?needs_mapping=on&deadline=overdue", 10),
    ("/orders/exceptions/", 12),
    ("/customers/", 10),
    ("/customers/warehouse-codes/", 10),
    ("/catalog/products/", 10),
    ("/catalog/mappings/", 10),
    ("/catalog/locations/", 10),
    ("/channels/{channel}/", 12),
    ("/accounts/audit/", 10),
    ("/api/v1/orders/", 6),
    ("/api/v1/orders", 7),
    ("/api/v1/orders?include=lines&sku=SKU-1", 8),
    ("/api/v1/orders/?status=acknowledged&sort=deadline&offset=3", 6),
    ("/api/v1/exceptions", 6),
    ("/api/v1/customers/", 8),
    ("/api/v1/catalog/products", 7),
    ("/api/v1/accounts/audit", 6),
]


def _grow(w, user, start: int, count: int) -> None:
    """`count` more orders of two lines: half acknowledged and confirmed, one scan on each open
    one, an import exception and an audit entry each."""
    for n in range(start, start + count):
        order = order_for(
            w,
            [soap_line(product=w.soap), {"asin": "B0BRUSH002", "product": w.brush}],
            po_number=f"PO{n:06d}",
            status="acknowledged" if n % 2 else "open",
        )
        if n % 2:
            Acknowledgement.objects.create(organization=w.org, order=order, state="confirmed")
            order.lines.update(ack_accepted=5)
            refresh_totals(order_ids=[order.pk])
        ImportException.objects.create(
            organization=w.org,
            channel=w.channel,
            po_number=f"HELD{n:06d}",
            reason="no_customer",
            message="No customer is mapped to DEL9",
            ship_to_code="DEL9",
        )
        SyncRun.objects.create(organization=w.org, channel=w.channel, kind="created")
        audit.record(organization=w.org, actor=user, action="order.scan", obj=order, changes={})


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


@pytest.fixture
def site(org, member_client):
    w = world(org)
    client = member_client("admin")
    factories.make_location(org, "WH1")
    return w, client


def test_pages_run_the_same_queries_at_two_sizes(site):
    w, client = site
    _grow(w, client.user, 0, 2)
    urls = [(url.format(channel=w.channel.pk), limit) for url, limit in PAGES]
    few = {url: _queries(client, url) for url, _ in urls}
    _grow(w, client.user, 2, 40)
    many = {url: _queries(client, url) for url, _ in urls}
    assert many == few
    over = {url: many[url] for url, limit in urls if many[url] > limit}
    assert over == {}


@pytest.mark.parametrize("kind", ["orders", "scan", "acknowledge"])
def test_an_order_page_runs_the_same_queries_however_long_the_history(site, kind):
    w, client = site
    _grow(w, client.user, 0, 2)
    target = order_for(w, [soap_line(product=w.soap)], po_number="TARGET01")
    url = {
        "orders": f"/orders/{target.pk}/",
        "scan": f"/orders/{target.pk}/scan/",
        "acknowledge": f"/orders/{target.pk}/acknowledge/",
    }[kind]
    few = _queries(client, url)
    _grow(w, client.user, 2, 30)
    assert _queries(client, url) == few


def test_the_bulk_preview_reads_lines_once_however_many_orders_are_ticked(site):
    w, client = site
    _grow(w, client.user, 0, 12)
    open_ids = list(Order.objects.filter(status="open").order_by("pk").values_list("pk", flat=True))

    def preview(ids) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/orders/acknowledge/", {"orders": [str(i) for i in ids]})
        assert response.status_code == 200
        assert len(response.context["ready"]) == len(ids)
        return len(queries)

    assert preview(open_ids[:2]) == preview(open_ids) <= 12
