"""Eaches that are not a whole case on a case-ordered line are counted, with a warning at once:
on the scan screen (amber), over the API, for a read and for a bulk quantity."""

import pytest

from tests.warehouse.builders import line, order_for, soap_line, world

WARNING_7 = (
    "Not a whole case: 7 eaches on Line 1 (SKU-1), ordered in cases of 6. Only 1 case can be "
    "accepted: scan 5 eaches more to finish the case, or undo 1."
)


@pytest.fixture
def w(org):
    return world(org)


@pytest.fixture
def cases_order(w):
    return order_for(
        w,
        [
            soap_line(product=w.soap, ordered_quantity=2, unit_of_measure="Cases", unit_size=6),
            {"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": 5},
        ],
    )


def _scan(client, order, code):
    return client.post(f"/orders/{order.pk}/scan/", {"barcode": code}, HTTP_HX_REQUEST="true")


def test_a_bulk_7_on_a_case_of_6_line_warns_in_amber_and_counts(cases_order, member_client):
    client = member_client("operator")
    target = line(cases_order)
    body = client.post(
        f"/orders/{cases_order.pk}/lines/{target.pk}/bulk/",
        {"quantity_eaches": 7},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert 'class="scan-result scan-warn"' in body and 'data-warn="1"' in body
    assert f'<div class="scan-warning">{WARNING_7}</div>' in body
    assert '<div class="badge badge-warn loose">not a whole case</div>' in body
    assert line(cases_order).scanned_eaches == 7


def test_one_each_after_a_case_warns_and_the_next_whole_case_clears_it(cases_order, member_client):
    client = member_client("operator")
    client.post(
        f"/orders/{cases_order.pk}/lines/{line(cases_order).pk}/bulk/",
        {"quantity_eaches": 6},
        HTTP_HX_REQUEST="true",
    )
    one = _scan(client, cases_order, "8901000000011").content.decode()
    assert "Not a whole case: 7 eaches on Line 1 (SKU-1)" in one
    for _ in range(5):
        last = _scan(client, cases_order, "8901000000011").content.decode()
    assert 'class="scan-result scan-ok"' in last
    assert "Not a whole case" not in last and "loose" not in last
    assert line(cases_order).scanned_eaches == 12


def test_an_eaches_line_never_warns(cases_order, member_client):
    body = _scan(member_client("operator"), cases_order, "8901000000028").content.decode()
    assert 'class="scan-result scan-ok"' in body and 'data-warn=""' in body
    assert "Not a whole case" not in body


def test_the_api_gives_the_warning_for_a_read_and_a_bulk_quantity(cases_order, member_client):
    api = member_client("operator")
    url = f"/api/v1/orders/{cases_order.pk}/scans"
    bulk = api.post(
        f"{url}/bulk",
        {"line_id": line(cases_order).pk, "quantity_eaches": 6},
        content_type="application/json",
    ).json()
    assert (bulk["ok"], bulk["warning"]) == (True, "")
    read = api.post(url, {"barcode": "SKU-1"}, content_type="application/json")
    assert read.status_code == 201
    assert read.json()["warning"] == WARNING_7
    assert read.json()["line"]["scanned_eaches"] == 7
