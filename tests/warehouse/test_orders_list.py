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
    return sorted(o.po_number for o in response.context["page_obj"])


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


def test_status_counts_follow_the_other_filters_but_not_the_status_tab(w, viewer):
    order_for(w, [soap_line(product=w.soap)], po_number="OPEN0001")
    order_for(w, [soap_line(product=w.soap)], po_number="OPEN0002", needs_mapping=True)
    order_for(w, [soap_line(product=w.soap)], po_number="ACKD0001", status="acknowledged")
    counts = viewer.get("/orders/?status=acknowledged").context["counts"]
    assert counts == {"open": 2, "acknowledging": 0, "acknowledged": 1, "closed": 0, "cancelled": 0}
    assert viewer.get("/orders/?needs_mapping=on").context["counts"]["open"] == 1


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
    assert len(many) == len(one) <= 12
    first = response.context["page_obj"][0]
    assert (first.line_count, first.ordered_total, first.scanned_total) == (2, 15, 3)


def test_pagination(w, viewer):
    for n in range(51):
        order_for(w, [soap_line(product=w.soap)], po_number=f"PO{n:06d}")
    page2 = viewer.get("/orders/?page=2")
    assert len(page2.context["page_obj"]) == 1
    assert "Page 2 of 2" in page2.content.decode()


def test_checkboxes_for_bulk_acknowledge_only_for_managers(w, member_client):
    order_for(w, [soap_line(product=w.soap)])
    assert 'name="orders"' in member_client("manager").get("/orders/").content.decode()
    assert 'name="orders"' not in member_client("operator").get("/orders/").content.decode()
