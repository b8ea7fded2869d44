import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.warehouse.builders import order_for, soap_line, world


@pytest.fixture
def w(org):
    return world(org)


@pytest.fixture
def viewer(member_client):
    return member_client("viewer")


def pos(response):
    return sorted(o.po_number for o in response.context["page"].items)


def test_search_by_po_asin_sku_and_vendor_id(w, viewer):
    order_for(w, [soap_line(product=w.soap)], po_number="AAA11111")
    order_for(
        w,
        [{"asin": "B0BRUSH002", "vendor_product_id": "BRUSH-V", "product": w.brush}],
        po_number="BBB22222",
    )
    assert pos(viewer.get("/orders/?q=aaa1")) == ["AAA11111"]
    assert pos(viewer.get("/orders/?q=B0BRUSH002")) == ["BBB22222"]
    assert pos(viewer.get("/orders/?q=sku-1")) == ["AAA11111"]
    assert pos(viewer.get("/orders/?q=BRUSH-V")) == ["BBB22222"]


def test_filters(w, org, viewer):
    loc = factories.make_location(org, "WH9")
    other_customer = factories.make_customer(org, "AMZ-DEL4")
    a = order_for(w, [soap_line(product=w.soap)], po_number="A0000001", needs_mapping=True)
    b = order_for(
        w,
        [soap_line(product=w.soap)],
        po_number="B0000002",
        location=loc,
        ship_to_code="DEL4",
        customer=other_customer,
        changed_after_ack=True,
        status="acknowledged",
    )
    assert a and b
    assert pos(viewer.get("/orders/?needs_mapping=on")) == ["A0000001"]
    assert pos(viewer.get("/orders/?changed_after_ack=on")) == ["B0000002"]
    assert pos(viewer.get(f"/orders/?location={loc.pk}")) == ["B0000002"]
    assert pos(viewer.get("/orders/?fc=del4")) == ["B0000002"]
    assert pos(viewer.get(f"/orders/?customer={other_customer.pk}")) == ["B0000002"]
    assert pos(viewer.get(f"/orders/?channel={w.channel.pk}")) == ["A0000001", "B0000002"]
    assert pos(viewer.get(f"/orders/?sales_channel={w.channel.sales_channel_id}")) == [
        "A0000001",
        "B0000002",
    ]
    assert pos(viewer.get("/orders/?status=acknowledged")) == ["B0000002"]


def test_status_counts_ignore_the_status_tab_and_are_left_out_under_a_filter(w, viewer):
    order_for(w, [soap_line(product=w.soap)], po_number="OPEN0001")
    order_for(w, [soap_line(product=w.soap)], po_number="OPEN0002", needs_mapping=True)
    order_for(w, [soap_line(product=w.soap)], po_number="ACKD0001", status="acknowledged")
    counts = viewer.get("/orders/?status=acknowledged").context["counts"]
    shown = {status: str(count) for status, count in counts.items()}
    assert shown == {
        "open": "2",
        "acknowledging": "0",
        "acknowledged": "1",
        "closed": "0",
        "cancelled": "0",
    }
    filtered = viewer.get("/orders/?needs_mapping=on")
    assert filtered.context["counts"] is None
    assert 'class="count"' not in filtered.content.decode()


def test_line_totals_and_a_constant_number_of_queries(w, viewer):
    def make(n):
        order_for(
            w,
            [
                soap_line(product=w.soap, scanned_eaches=3),
                {"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": 5},
            ],
            po_number=f"PO{n:06d}",
        )

    make(0)
    with CaptureQueriesContext(connection) as one:
        viewer.get("/orders/")
    for n in range(1, 13):
        make(n)
    with CaptureQueriesContext(connection) as many:
        response = viewer.get("/orders/")
    assert len(many) == len(one) <= 15
    first = response.context["page"].items[0]
    assert (first.line_count, first.ordered_total, first.scanned_total) == (2, 15, 3)


def test_pagination_follows_next_and_previous_links(w, viewer):
    for n in range(51):
        order_for(w, [soap_line(product=w.soap)], po_number=f"PO{n:06d}")
    first = viewer.get("/orders/?status=open")
    assert len(first.context["page"].items) == 50
    assert first.context["page"].previous_cursor is None
    page2 = viewer.get(f"/orders/?status=open&after={first.context['page'].next_cursor}")
    assert [o.po_number for o in page2.context["page"].items] == ["PO000050"]
    assert page2.context["page"].next_cursor is None
    assert 'rel="next"' not in page2.content.decode()
    back = viewer.get(f"/orders/?status=open&before={page2.context['page'].previous_cursor}")
    assert back.context["page"].items == first.context["page"].items


def test_checkboxes_for_pick_lists_from_operators_and_bulk_acknowledge_for_managers(
    w, member_client
):
    order_for(w, [soap_line(product=w.soap)])
    manager = member_client("manager").get("/orders/").content.decode()
    assert 'name="orders"' in manager and "Acknowledge selected" in manager
    assert "Pick list for selected" in manager
    operator = member_client("operator").get("/orders/").content.decode()
    assert 'name="orders"' in operator and "Pick list for selected" in operator
    assert "Acknowledge selected" not in operator
    viewer = member_client("viewer").get("/orders/").content.decode()
    assert 'name="orders"' not in viewer and "Pick list for selected" not in viewer
