import pytest

from tests.warehouse.builders import line, order_for, soap_line, world
from vendorflow.orders.models import Scan


@pytest.fixture
def order(org):
    w = world(org)
    return order_for(w, [soap_line(product=w.soap, ordered_quantity=2)])


def test_scan_page_has_a_focused_barcode_field(order, member_client):
    page = member_client("operator").get(f"/orders/{order.pk}/scan/").content.decode()
    assert '<input id="barcode" name="barcode"' in page and "autofocus" in page
    assert "vendorflow/scan.js" in page


def test_htmx_scan_returns_only_the_panel_with_the_result(order, member_client):
    client = member_client("operator")
    response = client.post(
        f"/orders/{order.pk}/scan/", {"barcode": "SKU-1"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="scan-panel">')
    assert "<html" not in body
    assert 'data-ok="1"' in body and "Line 1 (SKU-1): 1 each — 1 of 2 eaches scanned" in body
    assert line(order).scanned_eaches == 1


def test_refusal_is_shown_red(order, member_client):
    client = member_client("operator")
    client.post(f"/orders/{order.pk}/scan/", {"barcode": "SKU-1"}, HTTP_HX_REQUEST="true")
    client.post(f"/orders/{order.pk}/scan/", {"barcode": "SKU-1"}, HTTP_HX_REQUEST="true")
    body = client.post(
        f"/orders/{order.pk}/scan/", {"barcode": "SKU-1"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'data-ok="0"' in body and "scan-bad" in body
    assert "Line 1 (SKU-1) is complete: 2 of 2 eaches scanned" in body
    assert Scan.objects.count() == 2


def test_without_javascript_the_whole_page_comes_back(order, member_client):
    body = (
        member_client("operator")
        .post(f"/orders/{order.pk}/scan/", {"barcode": "SKU-1"})
        .content.decode()
    )
    assert "<html" in body and "1 of 2 eaches scanned" in body


def test_bulk_and_undo_through_the_screen(order, member_client):
    client = member_client("operator")
    target = line(order)
    bad = client.post(
        f"/orders/{order.pk}/lines/{target.pk}/bulk/",
        {"quantity_eaches": 3},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Line 1 (SKU-1) has 2 eaches left to scan; 3 is too many." in bad
    client.post(
        f"/orders/{order.pk}/lines/{target.pk}/bulk/",
        {"quantity_eaches": 2},
        HTTP_HX_REQUEST="true",
    )
    assert line(order).scanned_eaches == 2
    undone = client.post(f"/orders/{order.pk}/scan/undo/", HTTP_HX_REQUEST="true").content.decode()
    assert "Undone: Line 1 (SKU-1), 2 eaches taken off" in undone
    assert line(order).scanned_eaches == 0


def test_closed_order_scan_page_says_scanning_is_closed(order, member_client):
    order.status = "closed"
    order.save()
    page = member_client("operator").get(f"/orders/{order.pk}/scan/").content.decode()
    assert "scanning is closed" in page and "disabled" in page
    assert "Ready to pack." not in page


def test_an_acknowledged_orders_scan_page_packs_instead(order, member_client):
    order.status = "acknowledging"
    order.save()
    page = member_client("operator").get(f"/orders/{order.pk}/scan/").content.decode()
    assert f"<h1>Pack PO {order.po_number}</h1>" in page
    assert "Ready to pack." in page
    assert "scanning is closed" not in page
    assert f'action="/shipments/orders/{order.pk}/pack/"' in page
