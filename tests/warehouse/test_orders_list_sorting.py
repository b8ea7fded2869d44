"""The orders list's sorts, its search over every identifier, keyset pages and capped counts."""

from datetime import timedelta

import pytest

from tests import factories
from tests.warehouse.builders import PO_DATE, order_for, soap_line, world
from vendorflow.orders import selectors


@pytest.fixture
def w(org):
    return world(org)


@pytest.fixture
def viewer(member_client):
    return member_client("viewer")


def pos(response) -> list[str]:
    assert response.status_code == 200
    return [order.po_number for order in response.context["page"].items]


@pytest.fixture
def three(w, org):
    """Three orders: different customers, FCs, statuses, PO dates and deadlines."""
    delhi = factories.make_customer(org, "AMZ-DEL4", name="Amazon Delhi")
    zeta = factories.make_customer(org, "AMZ-BOM5", name="Zeta Retail")
    order_for(
        w,
        [soap_line(product=w.soap)],
        po_number="OLDEST01",
        po_date=PO_DATE - timedelta(days=2),
        ack_due_at=PO_DATE + timedelta(hours=5),
        customer=zeta,
        ship_to_code="BOM5",
    )
    order_for(
        w,
        [{"asin": "B0BRUSH002", "vendor_product_id": "BRUSH-V", "product": w.brush}],
        po_number="MIDDLE02",
        po_date=PO_DATE - timedelta(days=1),
        ack_due_at=PO_DATE + timedelta(hours=1),
        customer=delhi,
        ship_to_code="DEL4",
        status="acknowledged",
    )
    order_for(
        w,
        [{"asin": "B0UNMAPPED", "product": None}],
        po_number="NEWEST03",
        ack_due_at=PO_DATE + timedelta(hours=9),
    )


def test_each_sort_orders_the_list(three, viewer):
    assert pos(viewer.get("/orders/")) == ["NEWEST03", "MIDDLE02", "OLDEST01"]
    assert pos(viewer.get("/orders/?sort=po_date")) == ["NEWEST03", "MIDDLE02", "OLDEST01"]
    assert pos(viewer.get("/orders/?sort=deadline")) == ["MIDDLE02", "OLDEST01", "NEWEST03"]
    # Amazon AMZ-BLR7 (the world's customer), Amazon Delhi, Zeta Retail
    assert pos(viewer.get("/orders/?sort=customer")) == ["NEWEST03", "MIDDLE02", "OLDEST01"]
    assert pos(viewer.get("/orders/?sort=fc")) == ["NEWEST03", "OLDEST01", "MIDDLE02"]
    assert pos(viewer.get("/orders/?sort=status")) == ["MIDDLE02", "NEWEST03", "OLDEST01"]


def test_open_orders_default_to_what_is_due_first(three, viewer):
    response = viewer.get("/orders/?status=open")
    assert response.context["sort"] == "deadline"
    assert pos(response) == ["OLDEST01", "NEWEST03"]
    assert pos(viewer.get("/orders/?status=open&sort=po_date")) == ["NEWEST03", "OLDEST01"]


def test_an_unknown_sort_is_ignored_with_a_notice(three, viewer):
    response = viewer.get("/orders/?sort=price")
    assert pos(response) == ["NEWEST03", "MIDDLE02", "OLDEST01"]
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("newest03", ["NEWEST03"]),  # PO number, any case
        ("MIDDLE", ["MIDDLE02"]),  # the start of a PO number
        ("IDDLE02", []),  # not the middle of one
        ("del4", ["MIDDLE02"]),  # FC code
        ("zeta", ["OLDEST01"]),  # part of a customer's name
        ("sku-2", ["MIDDLE02"]),  # SKU
        ("B0BRUSH002", ["MIDDLE02"]),  # ASIN of a mapped line
        ("b0unmapped", ["NEWEST03"]),  # ASIN of a line waiting for its mapping
        ("BRUSH-V", ["MIDDLE02"]),  # vendor product id
        ("8901000000011", ["OLDEST01"]),  # each barcode of SKU-1
        ("00890100000011", ["OLDEST01"]),  # the same barcode as a GTIN-14
        ("18901000000018", ["OLDEST01"]),  # SKU-1's case barcode
        ("NOTHING", []),
    ],
)
def test_search_finds_every_identifier(three, viewer, text, found):
    assert sorted(pos(viewer.get("/orders/", {"q": text}))) == found


def test_search_of_a_common_item_walks_the_list(w, viewer, monkeypatch):
    """Past FEW matches the search checks orders one by one in the list's order: same result."""
    for n in range(6):
        order_for(w, [soap_line(product=w.soap)], po_number=f"SOAP{n:04d}")
    order_for(w, [{"asin": "B0BRUSH002", "product": w.brush}], po_number="BRUSH001")
    few = pos(viewer.get("/orders/?q=SKU-1"))
    monkeypatch.setattr("vendorflow.orders.search.FEW", 2)
    assert pos(viewer.get("/orders/?q=SKU-1")) == few == [f"SOAP{n:04d}" for n in range(5, -1, -1)]


def test_search_stays_in_the_organization(w, viewer, other_org):
    theirs = world(other_org)
    order_for(theirs, [soap_line(product=theirs.soap)], po_number="THEIRS01")
    assert pos(viewer.get("/orders/?q=SKU-1")) == []
    assert pos(viewer.get("/orders/?q=THEIRS01")) == []


def test_keyset_pages_under_a_sort_hold_every_order_once(w, viewer):
    for n in range(120):
        order_for(
            w,
            [soap_line(product=w.soap)],
            po_number=f"PO{n:06d}",
            ack_due_at=PO_DATE + timedelta(minutes=n % 7),  # many ties, broken by id
        )
    seen, url = [], "/orders/?sort=deadline"
    while url:
        response = viewer.get(url)
        seen += pos(response)
        cursor = response.context["page"].next_cursor
        url = f"/orders/?sort=deadline&after={cursor}" if cursor else ""
    assert sorted(seen) == [f"PO{n:06d}" for n in range(120)]
    assert len(seen) == 120


def test_a_bad_cursor_shows_the_first_page_with_a_notice(three, viewer):
    for cursor in ("garbage", "WyJub3QgYSBkYXRlIiwxXQ", "W10"):
        response = viewer.get(f"/orders/?after={cursor}")
        assert pos(response) == ["NEWEST03", "MIDDLE02", "OLDEST01"]
        assert "The page link is not valid" in response.content.decode()


def test_counts_stop_at_the_cap(w, viewer, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 3)
    for n in range(4):
        order_for(w, [soap_line(product=w.soap)], po_number=f"PO{n:06d}")
    order_for(w, [soap_line(product=w.soap)], po_number="ACKD0001", status="acknowledged")
    counts = viewer.get("/orders/").context["counts"]
    assert (str(counts["open"]), str(counts["acknowledged"])) == ("3+", "1")
    assert 'class="count">3+</span>' in viewer.get("/orders/").content.decode()
