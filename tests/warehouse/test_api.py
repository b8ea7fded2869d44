import pytest

from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.orders.models import Scan


@pytest.fixture
def order(org):
    w = world(org)
    return order_for(
        w, [soap_line(product=w.soap, ordered_quantity=2), {"asin": "B0UNMAPPED", "product": None}]
    )


@pytest.fixture
def api(member_client):
    return member_client("operator")


def post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_get_order_with_lines(order, api):
    data = api.get(f"/api/v1/orders/{order.pk}").json()
    assert data["po_number"] == "4Z32PABC"
    assert [
        (li["item_sequence_number"], li["sku"], li["needs_mapping"], li["remaining_eaches"])
        for li in data["lines"]
    ] == [("1", "SKU-1", False, 2), ("2", None, True, 10)]


def test_scan_then_refusal(order, api):
    ok = post(api, f"/api/v1/orders/{order.pk}/scans", {"barcode": "8901000000011"})
    assert ok.status_code == 201
    assert ok.json()["line"]["scanned_eaches"] == 1 and ok.json()["code"] == "ok"
    post(api, f"/api/v1/orders/{order.pk}/scans", {"barcode": "8901000000011"})
    refused = post(api, f"/api/v1/orders/{order.pk}/scans", {"barcode": "8901000000011"})
    assert refused.status_code == 422
    assert refused.json() == {
        "ok": False,
        "code": "line_complete",
        "scan_id": None,
        "line": None,
        "message": "Line 1 (SKU-1) is complete: 2 of 2 eaches scanned",
        "warning": "",
    }
    assert Scan.objects.count() == 2


def test_bulk_and_undo(order, api):
    target = order.lines.get(item_sequence_number="1")
    too_many = post(
        api, f"/api/v1/orders/{order.pk}/scans/bulk", {"line_id": target.pk, "quantity_eaches": 3}
    )
    assert too_many.status_code == 422
    assert too_many.json() == {
        "detail": {"quantity_eaches": ["Line 1 (SKU-1) has 2 eaches left to scan; 3 is too many."]}
    }
    done = post(
        api, f"/api/v1/orders/{order.pk}/scans/bulk", {"line_id": target.pk, "quantity_eaches": 2}
    )
    assert done.status_code == 201 and done.json()["line"]["scanned_eaches"] == 2
    undone = post(api, f"/api/v1/orders/{order.pk}/scans/undo")
    assert undone.status_code == 200 and undone.json()["line"]["scanned_eaches"] == 0
    nothing = post(api, f"/api/v1/orders/{order.pk}/scans/undo")
    assert nothing.status_code == 422


def test_list_filters_by_status_and_search(order, api):
    assert [o["po_number"] for o in api.get("/api/v1/orders/?q=SKU-1").json()] == ["4Z32PABC"]
    assert api.get("/api/v1/orders/?status=closed").json() == []
