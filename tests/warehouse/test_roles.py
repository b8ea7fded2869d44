"""Viewers read; operators scan; managers and admins acknowledge. Every view and endpoint."""

import pytest

from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.orders import acknowledging
from vendorflow.orders.models import Acknowledgement, Scan


@pytest.fixture
def order(org):
    w = world(org)
    return order_for(w, [soap_line(product=w.soap)])


def pages(order):
    line = order.lines.get()
    return {
        "list": ("get", "/orders/", {}),
        "detail": ("get", f"/orders/{order.pk}/", {}),
        "dashboard": ("get", "/", {}),
        "scan_page": ("get", f"/orders/{order.pk}/scan/", {}),
        "scan": ("post", f"/orders/{order.pk}/scan/", {"barcode": "SKU-1"}),
        "bulk": ("post", f"/orders/{order.pk}/lines/{line.pk}/bulk/", {"quantity_eaches": 2}),
        "undo": ("post", f"/orders/{order.pk}/scan/undo/", {}),
        "ack_preview": ("get", f"/orders/{order.pk}/acknowledge/", {}),
        "ack_confirm": (
            "post",
            f"/orders/{order.pk}/acknowledge/",
            {
                "scheduled_ship_date": "2026-11-29",
                "scheduled_delivery_date": "2026-12-02",
                "preview": acknowledging.build_plan(order).fingerprint,
            },
        ),
        "bulk_ack": (
            "post",
            "/orders/acknowledge/",
            {
                "orders": [order.pk],
                "confirm": "1",
                f"preview_{order.pk}": acknowledging.build_plan(order).fingerprint,
            },
        ),
    }


ALLOWED = {
    "viewer": {"list", "detail", "dashboard"},
    "operator": {"list", "detail", "dashboard", "scan_page", "scan", "bulk", "undo"},
    "manager": {
        "list",
        "detail",
        "dashboard",
        "scan_page",
        "scan",
        "bulk",
        "undo",
        "ack_preview",
        "ack_confirm",
        "bulk_ack",
    },
}
ALLOWED["admin"] = ALLOWED["manager"]
VIEWS = sorted(ALLOWED["manager"])


@pytest.mark.parametrize("role", ["viewer", "operator", "manager", "admin"])
@pytest.mark.parametrize("view", VIEWS)
def test_each_view_is_open_to_its_roles_only(member_client, order, role, view):
    client = member_client(role)
    method, url, data = pages(order)[view]
    response = getattr(client, method)(url, data)
    if view in ALLOWED[role]:
        assert response.status_code in (200, 302), (role, view, response.status_code)
    else:
        assert response.status_code == 403
        assert not Scan.objects.exists()
        assert not Acknowledgement.objects.exists()


def test_anonymous_is_sent_to_login(client, order):
    response = client.post(f"/orders/{order.pk}/scan/", {"barcode": "SKU-1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Scan.objects.exists()


@pytest.mark.parametrize(
    ("role", "scan", "read"),
    [("viewer", 403, 200), ("operator", 201, 200), ("manager", 201, 200), ("admin", 201, 200)],
)
def test_api_roles(member_client, order, role, scan, read):
    client = member_client(role)
    assert client.get(f"/api/v1/orders/{order.pk}").status_code == read
    response = client.post(
        f"/api/v1/orders/{order.pk}/scans", {"barcode": "SKU-1"}, content_type="application/json"
    )
    assert response.status_code == scan
    assert Scan.objects.count() == (0 if scan == 403 else 1)
