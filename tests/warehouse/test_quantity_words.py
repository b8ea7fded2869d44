"""Quantities of one read "1 each" and "1 case", on the scan screen, in its messages, in the
order history, in the API and on the acknowledgement preview."""

import pytest

from tests.customers.builders import api_client
from tests.warehouse.builders import line, order_for, soap_line, world
from vendorflow.orders.models import OrderEvent


@pytest.fixture
def w(org):
    return world(org)


def test_one_each_in_bulk_undo_and_history(w, member_client):
    order = order_for(w, [soap_line(product=w.soap, ordered_quantity=2)])
    client = member_client("operator")
    url = f"/orders/{order.pk}/lines/{line(order).pk}/bulk/"
    added = client.post(url, {"quantity_eaches": 1}, HTTP_HX_REQUEST="true").content.decode()
    assert "Line 1 (SKU-1): 1 each added" in added
    too_many = client.post(url, {"quantity_eaches": 2}, HTTP_HX_REQUEST="true").content.decode()
    assert "Line 1 (SKU-1) has 1 each left to scan; 2 is too many." in too_many
    undone = client.post(f"/orders/{order.pk}/scan/undo/", HTTP_HX_REQUEST="true")
    assert "Undone: Line 1 (SKU-1), 1 each taken off" in undone.content.decode()
    assert list(OrderEvent.objects.order_by("id").values_list("message", flat=True))[-2:] == [
        "Line 1 (SKU-1): 1 each entered in bulk",
        "Line 1 (SKU-1): scan of 1 each undone",
    ]
    assert "eaches added" not in added and "1 eaches" not in undone.content.decode()


def test_api_bulk_of_one_each(w, org):
    order = order_for(w, [soap_line(product=w.soap, ordered_quantity=3)])
    response = api_client(org, "operator").post(
        f"/api/v1/orders/{order.pk}/scans/bulk",
        {"line_id": line(order).pk, "quantity_eaches": 1},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["message"] == "Line 1 (SKU-1): 1 each added"


def test_one_case_and_one_each_lines_on_the_screens(w, member_client):
    order = order_for(
        w,
        [
            soap_line(product=w.soap, ordered_quantity=1, unit_of_measure="Cases", unit_size=12),
            {"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": 1},
        ],
    )
    scan = member_client("manager").get(f"/orders/{order.pk}/scan/").content.decode()
    assert "0 of 1 case<" in scan and "0 of 1 cases" not in scan
    assert "1 each<" in scan and "1 eaches" not in scan
    preview = member_client("manager").get(f"/orders/{order.pk}/acknowledge/").content.decode()
    assert "1 case of 12" in preview and "1 cases of 12" not in preview
    assert "1 eaches" not in preview
