"""Scanning against a batch pick list: each read goes to the batch's PO due first with room,
the answer names it, a full line passes to the next PO, undo takes back the user's last one."""

from datetime import timedelta

import pytest

from tests.warehouse.builders import PO_DATE, order_for, soap_line, world
from vendorflow.orders.models import Scan

pytestmark = pytest.mark.django_db
URL = "/orders/pick-list/scan/"


@pytest.fixture
def w(org):
    return world(org)


@pytest.fixture
def batch(w):
    """PO-LATE (due later) and PO-SOON (due first) both want SKU-2; only PO-LATE wants SKU-1."""
    late = order_for(
        w,
        [
            {"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": 2},
            soap_line(product=w.soap, ordered_quantity=1),
        ],
        po_number="PO-LATE",
        ack_due_at=PO_DATE + timedelta(hours=20),
    )
    soon = order_for(
        w,
        [{"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": 1}],
        po_number="PO-SOON",
        ship_to_code="DEL4",
        ack_due_at=PO_DATE + timedelta(hours=2),
    )
    return late, soon


def _scan(client, batch, code):
    data = {"orders": [o.pk for o in batch], "barcode": code}
    return client.post(URL, data, HTTP_HX_REQUEST="true").content.decode()


def _scanned(order):
    return list(order.lines.order_by("id").values_list("scanned_eaches", flat=True))


def test_reads_go_to_the_po_due_first_then_the_next(batch, member_client):
    late, soon = batch
    client = member_client("operator")
    first = _scan(client, batch, "8901000000028")
    assert '<div class="put-in">PO PO-SOON <span class="muted">· FC DEL4</span></div>' in first
    assert "Put it in PO PO-SOON (FC DEL4). Line 1 (SKU-2): 1 each — 1 of 1 each" in first
    second = _scan(client, batch, "SKU-2")
    assert "Put it in PO PO-LATE (FC BLR7). Line 1 (SKU-2): 1 each — 1 of 2 eaches" in second
    assert (_scanned(soon), _scanned(late)) == ([1], [1, 0])
    _scan(client, batch, "SKU-2")
    done = _scan(client, batch, "SKU-2")
    assert 'data-ok="0"' in done
    assert "SKU-2 is complete on every PO of this batch." in done
    assert Scan.objects.count() == 3


def test_a_product_on_no_po_of_the_batch_and_an_unknown_code_are_refused(w, batch, member_client):
    from tests import factories

    factories.make_product(w.org, "SKU-9", barcodes=["8901000000097"])
    client = member_client("operator")
    assert "SKU-9 is not on any PO of this batch." in _scan(client, batch, "SKU-9")
    assert "Unknown barcode NOPE: no product, SKU or ASIN has this code." in _scan(
        client, batch, "NOPE"
    )
    assert not Scan.objects.exists()


def test_undo_takes_back_the_users_last_scan_on_the_batch(batch, member_client):
    late, soon = batch
    client = member_client("operator")
    _scan(client, batch, "SKU-2")
    _scan(client, batch, "SKU-1")
    undone = client.post(
        f"{URL}undo/", {"orders": [o.pk for o in batch]}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Undone: PO PO-LATE, Line 2 (SKU-1), 1 each taken off" in undone
    assert (_scanned(soon), _scanned(late)) == ([1], [0, 0])


def test_the_page_lists_what_is_left_by_po(batch, member_client):
    late, soon = batch
    page = member_client("operator").get(f"{URL}?orders={late.pk}&orders={soon.pk}")
    body = page.content.decode()
    assert page.status_code == 200
    assert "<li>PO-SOON: 1 each</li><li>PO-LATE: 2 eaches</li>" in body
    assert " style=" not in body


def test_a_viewer_may_not_and_another_organizations_order_is_refused(
    batch, member_client, other_org
):
    late, _ = batch
    assert member_client("viewer").get(f"{URL}?orders={late.pk}").status_code == 403
    other = world(other_org)
    theirs = order_for(other, [soap_line(product=other.soap)], po_number="THEIRS")
    client = member_client("operator")
    response = client.post(URL, {"orders": [late.pk, theirs.pk], "barcode": "SKU-1"})
    assert response.status_code == 422
    assert response.context["errors"] == ["Some of the chosen orders do not exist."]
    assert not Scan.objects.exists()


def test_the_api_names_the_po(batch, member_client):
    late, soon = batch
    api = member_client("operator")
    body = {"orders": [late.pk, soon.pk], "barcode": "SKU-2"}
    answer = api.post("/api/v1/orders/pick-list/scans", body, content_type="application/json")
    assert answer.status_code == 201
    assert (answer.json()["po_number"], answer.json()["order_id"]) == ("PO-SOON", soon.pk)
    refused = api.post(
        "/api/v1/orders/pick-list/scans",
        {"orders": [late.pk, soon.pk], "barcode": "NOPE"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert (refused.json()["code"], refused.json()["po_number"]) == ("unknown_barcode", None)
    undo = api.post(
        "/api/v1/orders/pick-list/scans/undo",
        {"orders": [late.pk, soon.pk]},
        content_type="application/json",
    )
    assert undo.status_code == 200 and undo.json()["line"]["scanned_eaches"] == 0
