"""Acknowledging several orders over the API: one batch, or nothing when a plan changed."""

import pytest

from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.orders import acknowledging
from vendorflow.orders.models import Acknowledgement, OrderLine


@pytest.fixture
def orders(org):
    w = world(org)
    return [
        order_for(w, [soap_line(product=w.soap, scanned_eaches=10)], po_number="READY001"),
        order_for(w, [soap_line(product=w.soap, scanned_eaches=2)], po_number="READY002"),
        order_for(w, [soap_line(product=w.soap)], po_number="DONE0001", status="acknowledged"),
    ]


@pytest.fixture
def api(member_client):
    return member_client("manager")


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _entries(orders) -> list[dict]:
    return [
        {"order_id": o.pk, "fingerprint": acknowledging.build_plan(o).fingerprint} for o in orders
    ]


def test_preview_lists_ready_plans_and_skipped_orders(orders, api, sent):
    response = post(
        api, "/api/v1/orders/acknowledgements/preview", {"order_ids": [o.pk for o in orders]}
    )
    assert response.status_code == 200
    body = response.json()
    assert [(p["po_number"], p["accepted_eaches"]) for p in body["ready"]] == [
        ("READY001", 10),
        ("READY002", 2),
    ]
    assert body["skipped"] == [
        {
            "order_id": orders[2].pk,
            "po_number": "DONE0001",
            "reason": "Acknowledged: only open orders can be acknowledged.",
        }
    ]
    assert not Acknowledgement.objects.exists()


def test_confirm_makes_one_batch_and_skips_what_cannot_go(
    orders, api, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(api, "/api/v1/orders/acknowledgements", {"orders": _entries(orders)})
    assert response.status_code == 202
    body = response.json()
    acks = list(Acknowledgement.objects.order_by("order__po_number"))
    assert [a["po_number"] for a in body["acknowledgements"]] == ["READY001", "READY002"]
    assert {a.batch_id for a in acks} == {body["batch_id"]} and body["batch_id"]
    assert [s["po_number"] for s in body["skipped"]] == ["DONE0001"]
    assert sorted(sent) == sorted(a.pk for a in acks)


def test_one_changed_plan_sends_nothing(orders, api, sent, django_capture_on_commit_callbacks):
    entries = _entries(orders)
    OrderLine.objects.filter(order=orders[1]).update(scanned_eaches=3)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(api, "/api/v1/orders/acknowledgements", {"orders": entries})
    assert response.status_code == 409
    body = response.json()
    assert (body["code"], body["changed"]) == ("preview_changed", ["READY002"])
    assert body["message"].startswith("READY002 changed since the preview")
    assert [p["accepted_eaches"] for p in body["ready"]] == [10, 3]
    assert not Acknowledgement.objects.exists() and sent == []


def test_an_order_of_another_organization_is_a_field_error(orders, api, other_org, sent):
    theirs = order_for(world(other_org), [soap_line()], po_number="THEIRS01")
    response = post(
        api, "/api/v1/orders/acknowledgements/preview", {"order_ids": [orders[0].pk, theirs.pk]}
    )
    assert response.status_code == 422
    assert list(response.json()["detail"]) == ["order_ids"]
    confirm = post(
        api,
        "/api/v1/orders/acknowledgements",
        {"orders": [{"order_id": theirs.pk, "fingerprint": "x"}]},
    )
    assert confirm.status_code == 422 and list(confirm.json()["detail"]) == ["orders"]
    assert not Acknowledgement.objects.exists()
