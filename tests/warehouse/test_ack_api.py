"""Acknowledging over the API: preview, confirm (409 on a stale fingerprint), follow, resubmit."""

import pytest

from tests.warehouse.builders import WINDOWS, line, order_for, soap_line, world
from vendorflow.accounts.models import AuditLog
from vendorflow.integrations.amazon import spec
from vendorflow.orders import acknowledging
from vendorflow.orders.models import Acknowledgement, OrderLine


@pytest.fixture
def order(org):
    w = world(org)
    return order_for(
        w,
        [
            soap_line(product=w.soap, ordered_quantity=3, scanned_eaches=2),
            {"asin": "B0UNMAPPED", "product": None, "ordered_quantity": 4},
        ],
        **WINDOWS,
    )


@pytest.fixture
def api(member_client):
    return member_client("manager")


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_preview_gives_each_lines_quantities_and_reason_and_writes_nothing(order, api, sent):
    response = api.get(f"/api/v1/orders/{order.pk}/acknowledgement/preview")
    assert response.status_code == 200
    plan = response.json()
    assert plan["fingerprint"] == acknowledging.build_plan(order).fingerprint
    assert (plan["po_number"], plan["can_submit"], plan["accepted_eaches"]) == ("4Z32PABC", True, 2)
    assert plan["scheduled_ship_date"] == "2026-12-01T06:00:00Z"
    assert [
        (
            li["item_sequence_number"],
            li["accepted"],
            li["rejected"],
            li["rejection_reason"],
            li["rejection_reason_label"],
        )
        for li in plan["lines"]
    ] == [
        ("1", 2, 1, "TemporarilyUnavailable", "Temporarily unavailable"),
        ("2", 0, 4, "InvalidProductIdentifier", "Invalid product identifier"),
    ]
    assert plan["warnings"] == [
        "Line 2 (B0UNMAPPED) needs mapping and will be rejected as an invalid product."
    ]
    assert not Acknowledgement.objects.exists() and sent == []


def test_confirm_queues_one_acknowledgement_and_a_repeat_returns_it(
    order, api, sent, django_capture_on_commit_callbacks
):
    fingerprint = api.get(f"/api/v1/orders/{order.pk}/acknowledgement/preview").json()[
        "fingerprint"
    ]
    body = {"fingerprint": fingerprint, "scheduled_ship_date": "2026-12-02"}
    with django_capture_on_commit_callbacks(execute=True):
        first = post(api, f"/api/v1/orders/{order.pk}/acknowledgement", body)
        second = post(api, f"/api/v1/orders/{order.pk}/acknowledgement", body)
    ack = Acknowledgement.objects.get()
    assert first.status_code == 202 and second.status_code == 202
    assert first.json()["id"] == second.json()["id"] == ack.pk
    assert (first.json()["state"], first.json()["state_label"]) == ("pending", "Queued")
    assert first.json()["order_status"] == "acknowledging"
    assert sent == [ack.pk]
    assert spec.problems(spec.ORDERS, "OrderAcknowledgement", ack.payload) == []
    entry = ack.payload["items"][0]["itemAcknowledgements"][0]
    assert entry["scheduledShipDate"] == "2026-12-02T06:00:00Z"
    assert (line(order).ack_accepted, line(order).ack_rejected) == (2, 1)
    assert list(AuditLog.objects.values_list("action", flat=True)) == ["order.acknowledge"]
    followed = api.get(f"/api/v1/orders/{order.pk}/acknowledgement").json()
    assert (followed["id"], followed["state"]) == (ack.pk, "pending")


def test_a_stale_fingerprint_is_refused_with_the_new_plan_and_nothing_sent(
    order, api, sent, django_capture_on_commit_callbacks
):
    seen = api.get(f"/api/v1/orders/{order.pk}/acknowledgement/preview").json()["fingerprint"]
    OrderLine.objects.filter(pk=line(order).pk).update(scanned_eaches=3)  # another scan
    with django_capture_on_commit_callbacks(execute=True):
        response = post(api, f"/api/v1/orders/{order.pk}/acknowledgement", {"fingerprint": seen})
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "preview_changed"
    assert body["message"] == acknowledging.PREVIEW_CHANGED
    assert body["plan"]["fingerprint"] == acknowledging.build_plan(order).fingerprint != seen
    assert body["plan"]["lines"][0]["accepted"] == 3
    assert not Acknowledgement.objects.exists() and sent == []
    assert line(order).ack_accepted is None


def test_a_date_outside_the_window_is_a_422_naming_the_field(order, api, sent):
    fingerprint = acknowledging.build_plan(order).fingerprint
    body = {"fingerprint": fingerprint, "scheduled_ship_date": "2026-12-20"}
    response = post(api, f"/api/v1/orders/{order.pk}/acknowledgement", body)
    assert response.status_code == 422
    assert response.json() == {
        "detail": {
            "scheduled_ship_date": [
                "Choose a ship date within the ship window 1 Dec 2026 – 5 Dec 2026."
            ]
        }
    }
    preview = api.get(
        f"/api/v1/orders/{order.pk}/acknowledgement/preview?scheduled_delivery_date=2026-11-01"
    )
    assert preview.status_code == 422
    assert list(preview.json()["detail"]) == ["scheduled_delivery_date"]
    assert not Acknowledgement.objects.exists() and sent == []


def test_a_failed_acknowledgement_is_resubmitted_on_the_same_row(order, api, sent):
    fingerprint = acknowledging.build_plan(order).fingerprint
    post(api, f"/api/v1/orders/{order.pk}/acknowledgement", {"fingerprint": fingerprint})
    ack = Acknowledgement.objects.get()
    acknowledging.claim_for_sending(ack_id=ack.pk, worker="w")
    acknowledging.record_failed(ack_id=ack.pk, errors=[{"code": "InvalidInput", "message": "bad"}])
    failed = api.get(f"/api/v1/orders/{order.pk}/acknowledgement").json()
    assert (failed["state"], failed["errors"]) == (
        "failed",
        [{"code": "InvalidInput", "message": "bad"}],
    )
    plan = api.get(f"/api/v1/orders/{order.pk}/acknowledgement/preview").json()
    assert plan["can_submit"] is True
    again = post(api, f"/api/v1/orders/{order.pk}/acknowledgement", {"fingerprint": fingerprint})
    assert again.status_code == 202
    assert (again.json()["id"], again.json()["state"], again.json()["errors"]) == (
        ack.pk,
        "pending",
        [],
    )
    assert Acknowledgement.objects.count() == 1
    assert list(AuditLog.objects.order_by("id").values_list("action", flat=True)) == [
        "order.acknowledge",
        "order.acknowledge_resubmit",
    ]


def test_an_acknowledged_order_cannot_be_confirmed_again(order, api, sent):
    order.status = "acknowledged"
    order.save()
    fingerprint = acknowledging.build_plan(order).fingerprint
    response = post(api, f"/api/v1/orders/{order.pk}/acknowledgement", {"fingerprint": fingerprint})
    assert response.status_code == 422
    assert response.json() == {
        "detail": {"__all__": ["Order 4Z32PABC is acknowledged; it cannot be acknowledged now."]}
    }
    assert not Acknowledgement.objects.exists() and sent == []


def test_operators_cannot_preview_or_confirm(order, member_client, sent):
    operator = member_client("operator")
    assert operator.get(f"/api/v1/orders/{order.pk}/acknowledgement/preview").status_code == 403
    fingerprint = acknowledging.build_plan(order).fingerprint
    refused = post(
        operator, f"/api/v1/orders/{order.pk}/acknowledgement", {"fingerprint": fingerprint}
    )
    assert refused.status_code == 403
    assert not Acknowledgement.objects.exists()


def test_no_acknowledgement_yet_is_a_404(order, member_client):
    assert (
        member_client("viewer").get(f"/api/v1/orders/{order.pk}/acknowledgement").status_code == 404
    )


def test_a_chosen_rejection_reason_is_previewed_sent_and_checked(
    order, api, sent, django_capture_on_commit_callbacks
):
    soap = line(order)
    preview = api.get(
        f"/api/v1/orders/{order.pk}/acknowledgement/preview?reject={soap.pk}:ObsoleteProduct"
    ).json()
    assert [li["rejection_reason"] for li in preview["lines"]] == [
        "ObsoleteProduct",
        "InvalidProductIdentifier",
    ]
    assert preview["fingerprint"] != acknowledging.build_plan(order).fingerprint
    body = {
        "fingerprint": preview["fingerprint"],
        "rejection_reasons": {soap.pk: "ObsoleteProduct"},
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = post(api, f"/api/v1/orders/{order.pk}/acknowledgement", body)
    assert response.status_code == 202
    ack = Acknowledgement.objects.get()
    rejected = ack.payload["items"][0]["itemAcknowledgements"][1]
    assert (rejected["acknowledgementCode"], rejected["rejectionReason"]) == (
        "Rejected",
        "ObsoleteProduct",
    )
    assert spec.problems(spec.ORDERS, "OrderAcknowledgement", ack.payload) == []
    assert line(order).ack_rejection_reason == "ObsoleteProduct"


def test_confirming_without_the_previewed_reason_is_refused(order, api, sent):
    soap = line(order)
    preview = api.get(
        f"/api/v1/orders/{order.pk}/acknowledgement/preview?reject={soap.pk}:ObsoleteProduct"
    ).json()
    response = post(
        api, f"/api/v1/orders/{order.pk}/acknowledgement", {"fingerprint": preview["fingerprint"]}
    )
    assert response.status_code == 409
    assert response.json()["plan"]["lines"][0]["rejection_reason"] == "TemporarilyUnavailable"
    assert not Acknowledgement.objects.exists() and sent == []


@pytest.mark.parametrize(
    ("reject", "message"),
    [
        ("999999:ObsoleteProduct", "This order has no line 999999."),
        (
            "{line}:Cheaper",
            "'Cheaper' is not one of TemporarilyUnavailable, "
            "InvalidProductIdentifier, ObsoleteProduct.",
        ),  # fmt: skip
        ("nonsense", "'nonsense': give LINE_ID:REASON."),
    ],
)
def test_a_bad_reason_is_a_422_naming_it(order, api, reject, message):
    reject = reject.format(line=line(order).pk)
    response = api.get(f"/api/v1/orders/{order.pk}/acknowledgement/preview?reject={reject}")
    assert response.status_code == 422
    assert response.json() == {
        "detail": {"rejection_reasons" if ":" in reject else "reject": [message]}
    }


def test_a_line_that_rejects_nothing_needs_no_reason(order, api):
    OrderLine.objects.filter(pk=line(order).pk).update(scanned_eaches=3)
    response = api.get(
        f"/api/v1/orders/{order.pk}/acknowledgement/preview?reject={line(order).pk}:ObsoleteProduct"
    )
    assert response.json() == {
        "detail": {"rejection_reasons": ["Line 1 rejects nothing; it needs no reason."]}
    }
