"""A member of another organization gets 404 for our orders, scans and acknowledgements."""

import pytest

from tests import factories
from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.orders.models import Acknowledgement, Scan


@pytest.fixture
def order(org):
    w = world(org)
    return order_for(w, [soap_line(product=w.soap)])


@pytest.fixture
def stranger(member_client, other_org):
    return member_client("admin", organization=other_org)


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/orders/{pk}/", {}),
        ("get", "/orders/{pk}/scan/", {}),
        ("post", "/orders/{pk}/scan/", {"barcode": "SKU-1"}),
        ("post", "/orders/{pk}/scan/undo/", {}),
        ("post", "/orders/{pk}/lines/{line}/bulk/", {"quantity_eaches": 1}),
        ("get", "/orders/{pk}/acknowledge/", {}),
        (
            "post",
            "/orders/{pk}/acknowledge/",
            {"scheduled_ship_date": "2026-11-29", "scheduled_delivery_date": "2026-12-02"},
        ),
    ],
)
def test_pages_are_404_across_organizations(stranger, order, method, path, data):
    url = path.format(pk=order.pk, line=order.lines.get().pk)
    assert getattr(stranger, method)(url, data).status_code == 404
    assert not Scan.objects.exists()
    assert not Acknowledgement.objects.exists()


def test_list_and_bulk_acknowledge_do_not_reach_other_organizations(stranger, order):
    assert order.po_number not in stranger.get("/orders/").content.decode()
    stranger.post("/orders/acknowledge/", {"orders": [order.pk], "confirm": "1"})
    assert not Acknowledgement.objects.exists()


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/api/v1/orders/{pk}", None),
        ("post", "/api/v1/orders/{pk}/scans", {"barcode": "SKU-1"}),
        ("post", "/api/v1/orders/{pk}/scans/undo", {}),
        ("post", "/api/v1/orders/{pk}/scans/bulk", {"line_id": 0, "quantity_eaches": 1}),
    ],
)
def test_api_is_404_across_organizations(stranger, order, method, path, body):
    url = path.format(pk=order.pk)
    kwargs = {"content_type": "application/json"} if body is not None else {}
    response = (
        getattr(stranger, method)(url, body, **kwargs) if body is not None else stranger.get(url)
    )
    assert response.status_code == 404
    assert not Scan.objects.exists()


def test_api_list_shows_only_own_orders(stranger, order, other_org):
    mine = order_for(world(other_org), [soap_line()], po_number="MINE0001")
    assert [o["po_number"] for o in stranger.get("/api/v1/orders/").json()] == [mine.po_number]


def test_a_line_of_another_order_cannot_be_bulk_entered(member_client, org, order):
    other = order_for(world(factories.make_org()), [soap_line()], po_number="THEIRS01")
    client = member_client("operator")
    response = client.post(
        f"/orders/{order.pk}/lines/{other.lines.get().pk}/bulk/", {"quantity_eaches": 1}
    )
    assert response.status_code == 404
    assert not Scan.objects.exists()
