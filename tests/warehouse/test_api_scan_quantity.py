"""A quantity scanned by barcode over the API: no line id needed, same checks as a bulk entry."""

import pytest

from tests.warehouse.builders import line, order_for, soap_line, world
from vendorflow.accounts.models import AuditLog
from vendorflow.orders.models import Scan


@pytest.fixture
def order(org):
    w = world(org)
    return order_for(
        w,
        [
            soap_line(product=w.soap, ordered_quantity=30),
            {"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": 4},
        ],
    )


@pytest.fixture
def api(member_client):
    return member_client("operator")


def scan(api, order, body):
    return api.post(f"/api/v1/orders/{order.pk}/scans", body, content_type="application/json")


def test_a_quantity_of_each_barcodes_goes_on_the_products_line(order, api):
    response = scan(api, order, {"barcode": "8901000000028", "quantity": 3})
    assert response.status_code == 201
    body = response.json()
    assert (body["ok"], body["code"], body["message"]) == (
        True,
        "ok",
        "Line 2 (SKU-2): 3 eaches added — 3 of 4 eaches scanned",
    )
    assert body["line"]["id"] == line(order, 2).pk and body["line"]["scanned_eaches"] == 3
    assert list(Scan.objects.values_list("kind", "quantity_eaches")) == [("bulk", 3)]
    assert list(AuditLog.objects.values_list("action", flat=True)) == ["order.scan_bulk"]


def test_a_case_barcode_counts_cases_and_an_asin_or_vendor_id_resolves_too(order, api):
    assert (
        scan(api, order, {"barcode": "18901000000018", "quantity": 2}).json()["line"][
            "scanned_eaches"
        ]
        == 24
    )
    assert (
        scan(api, order, {"barcode": "B0SOAP0001", "quantity": 6}).json()["line"]["scanned_eaches"]
        == 30
    )
    assert (
        scan(api, order, {"barcode": "BRUSH-V", "quantity": 1}).json()["line"]["scanned_eaches"]
        == 1
    )


def test_more_than_is_left_is_refused_and_writes_nothing(order, api):
    response = scan(api, order, {"barcode": "8901000000028", "quantity": 5})
    assert response.status_code == 422
    assert response.json() == {
        "ok": False,
        "code": "no_room",
        "message": "Line 2 (SKU-2) has room for 4 more eaches; this code counts 5.",
        "scan_id": None,
        "line": None,
        "warning": "",
    }
    unknown = scan(api, order, {"barcode": "0000000000000", "quantity": 1})
    assert (unknown.status_code, unknown.json()["code"]) == (422, "unknown_barcode")
    assert not Scan.objects.exists() and line(order, 2).scanned_eaches == 0


def test_a_quantity_below_one_is_a_422_naming_it(order, api):
    response = scan(api, order, {"barcode": "8901000000028", "quantity": 0})
    assert response.status_code == 422
    assert [error["loc"][-1] for error in response.json()["detail"]] == ["quantity"]
    assert not Scan.objects.exists()


def test_a_closed_order_refuses_the_quantity(order, api):
    order.status = "acknowledged"
    order.save()
    response = scan(api, order, {"barcode": "8901000000028", "quantity": 1})
    assert (response.status_code, response.json()["code"]) == (422, "order_locked")
    assert not Scan.objects.exists()
