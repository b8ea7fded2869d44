"""GET /api/v1/orders: one `{count, items}` page, exact identifiers, lines on request, and the
old bare list at /api/v1/orders/ kept one release with a Deprecation header."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests import factories
from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.api import api as ninja_api
from vendorflow.orders import selectors
from vendorflow.orders.api import LineOut, OrderListItem
from vendorflow.orders.models import Acknowledgement, Order


@pytest.fixture
def w(org):
    w = world(org)
    dock = factories.make_customer(org, "AMZ-DEL4")
    order_for(w, [soap_line(product=w.soap)], po_number="SOAP0001")
    order_for(
        w,
        [{"asin": "B0BRUSH002", "product": w.brush}],
        po_number="BRUSH001",
        customer=dock,
        ship_to_code="DEL4",
    )
    order_for(w, [soap_line(product=w.soap)], po_number="SOAP00012", status="acknowledged")
    return w


@pytest.fixture
def api(member_client):
    return member_client("viewer")


def numbers(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(order["po_number"] for order in response.json()["items"])


def test_the_page_is_count_and_items(w, api):
    response = api.get("/api/v1/orders?limit=2&sort=po_date")
    body = response.json()
    assert (body["count"], len(body["items"])) == (3, 2)
    assert response["X-Next-Cursor"] and "X-Count-Capped" not in response
    assert "Deprecation" not in response
    assert body["items"][0]["lines"] is None


def test_exact_identifiers_filter(w, api):
    assert numbers(api.get("/api/v1/orders?po_number=SOAP0001")) == ["SOAP0001"]
    assert numbers(api.get("/api/v1/orders?sku=SKU-2")) == ["BRUSH001"]
    assert numbers(api.get("/api/v1/orders?asin=b0soap0001")) == ["SOAP0001", "SOAP00012"]
    assert numbers(api.get("/api/v1/orders?fc=del4")) == ["BRUSH001"]
    assert numbers(api.get("/api/v1/orders?sku=SKU-1&status=open")) == ["SOAP0001"]
    assert numbers(api.get("/api/v1/orders?sku=SKU")) == []  # exact, not a search


def test_include_lines_gives_each_orders_lines(w, api):
    body = api.get("/api/v1/orders?include=lines&po_number=BRUSH001").json()
    [order] = body["items"]
    assert [(li["item_sequence_number"], li["sku"]) for li in order["lines"]] == [("1", "SKU-2")]


def _as_the_schema_dumps(count: int, orders, include_lines: bool) -> str:
    """The page as ninja would have validated it through `OrderListItem` and rendered it."""
    items = []
    for order in orders:
        item = OrderListItem.from_orm(order).model_dump()
        lines = order.lines.select_related("product").order_by("id")
        item["lines"] = (
            [LineOut.from_orm(li).model_dump() for li in lines] if include_lines else None
        )
        items.append(item)
    return ninja_api.renderer.render(None, {"count": count, "items": items}, response_status=200)


@pytest.mark.parametrize("include", ["", "&include=lines"])
def test_the_page_is_what_the_schema_dumps(w, api, include):
    brush = w.channel.orders.get(po_number="BRUSH001")
    brush.lines.update(scanned_eaches=12, ack_accepted=7, ack_rejected=3, amazon_accepted=6)
    soap = w.channel.orders.get(po_number="SOAP0001")
    soap.lines.create(
        item_sequence_number="2",
        asin="B0NOMAP999",
        ordered_quantity=2,
        unit_of_measure="Cases",
        unit_size=6,
        ordered_eaches=12,
        net_cost=None,
        currency="INR",
    )
    soap.lines.filter(item_sequence_number="1").update(net_cost=Decimal("12.50"))
    response = api.get(f"/api/v1/orders?sort=po_date{include}")
    assert response.status_code == 200
    orders = Order.objects.order_by("-po_date", "-id")
    assert response.content.decode() == _as_the_schema_dumps(3, orders, bool(include))
    items = response.json()["items"]
    assert [len(item["lines"] or []) for item in items] == ([1, 1, 2] if include else [0, 0, 0])
    assert [line["needs_mapping"] for line in items[2]["lines"] or []] == (
        [False, True] if include else []
    )
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_failed_acknowledgements_filter(w, api):
    order = w.channel.orders.get(po_number="SOAP0001")
    Acknowledgement.objects.create(organization=w.org, order=order, state="failed")
    assert numbers(api.get("/api/v1/orders?ack=failed")) == ["SOAP0001"]
    assert numbers(api.get("/api/v1/orders?ack=confirmed")) == []


@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=501", "limit"), ("offset=10001", "offset"), ("include=everything", "include")],
)
def test_bad_paging_is_a_422_naming_the_parameter(w, api, query, field):
    response = api.get(f"/api/v1/orders?{query}")
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["query", field]]


def test_an_id_of_another_organization_is_a_422_naming_it(w, api, other_org):
    theirs = factories.make_channel(other_org)
    response = api.get(f"/api/v1/orders?channel_id={theirs.pk}")
    assert response.status_code == 422
    assert list(response.json()["detail"]) == ["channel_id"]
    garbage = api.get("/api/v1/orders?after=garbage")
    assert (garbage.status_code, list(garbage.json()["detail"])) == (422, ["after"])


def test_the_count_stops_at_the_cap(w, api, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    response = api.get("/api/v1/orders")
    assert (response.json()["count"], response["X-Count-Capped"]) == (2, "true")
    assert len(response.json()["items"]) == 3


def test_the_old_path_answers_the_bare_list_marked_deprecated(w, api):
    response = api.get("/api/v1/orders/?q=SOAP0001&sort=po_date")
    assert response.status_code == 200
    assert sorted(o["po_number"] for o in response.json()) == ["SOAP0001", "SOAP00012"]
    assert response["Deprecation"] == "true"
    assert response["Link"] == '</api/v1/orders>; rel="successor-version"'


def test_another_organizations_orders_are_not_listed(w, member_client, other_org):
    theirs = world(other_org)
    order_for(theirs, [soap_line()], po_number="THEIRS01", po_date=timezone.now() - timedelta(1))
    assert numbers(member_client("viewer").get("/api/v1/orders?po_number=THEIRS01")) == []
