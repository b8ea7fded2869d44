"""Shipments over the API: list and filters, shippable POs, create, read, edit, POs in and out,
ready, ship, the ASN, cancel; roles and other organizations."""

import pytest

from tests.customers.builders import api_client
from tests.shipping import builders
from vendorflow.accounts.models import AuditLog
from vendorflow.shipping import asn, packing
from vendorflow.shipping.models import Asn, Shipment, ShipmentOrder


@pytest.fixture
def w(org):
    return builders.world(org)


@pytest.fixture
def queued(monkeypatch):
    calls = []
    monkeypatch.setattr(asn, "enqueue_submit", calls.append)
    monkeypatch.setattr(asn, "build_payload", lambda notice: {"id": notice.shipment_identifier})
    return calls


def _packed(w, user, po_number="PO1", *, soap=2, brush=1, close=True, **kw):
    order = builders.two_line_order(w, po_number, **kw)
    builders.scan(order, user, soap=soap, brush=brush)
    if close:
        packing.close_box(box=order.boxes.get(), user=user, measures=packing.Measures(weight_kg=2))
    return builders.acknowledge(order, user)


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def _create(client, order_ids, **details):
    return _post(client, "/api/v1/shipments", {"order_ids": order_ids, **details})


def test_create_and_read_a_shipment_with_its_packing(w):
    user = builders.packer(w.org)
    order = _packed(w, user)
    client = api_client(w.org, "manager")
    created = _create(client, [order.pk], appointment_id="ARN-1", carrier="Blue Dart")
    assert created.status_code == 201
    body = created.json()
    assert (body["reference"], body["state"], body["state_label"], body["ship_to_code"]) == (
        "SHP0000001",
        "draft",
        "Draft",
        "BLR7",
    )
    assert (body["appointment_id"], body["carrier"], body["shipment_type"]) == (
        "ARN-1",
        "Blue Dart",
        "SmallParcel",
    )
    assert body["orders"] == [
        {
            "order_id": order.pk,
            "po_number": "PO1",
            "accepted": 3,
            "closed": 3,
            "short": 0,
            "lines": [
                {
                    "line_id": builders.line(order, 1).pk,
                    "item_sequence_number": "1",
                    "sku": "SKU-1",
                    "accepted": 2,
                    "packed": 2,
                    "closed": 2,
                    "short": 0,
                },
                {
                    "line_id": builders.line(order, 2).pk,
                    "item_sequence_number": "2",
                    "sku": "SKU-2",
                    "accepted": 1,
                    "packed": 1,
                    "closed": 1,
                    "short": 0,
                },
            ],
        }
    ]
    assert [(b["number"], b["state"], b["carton_id"]) for b in body["boxes"]] == [
        (1, "closed", "C0000000001")
    ]
    assert body["asn"] is None
    read = api_client(w.org, "viewer").get(f"/api/v1/shipments/{body['id']}")
    assert read.json() == body
    assert AuditLog.objects.filter(action="shipment.created").count() == 1


def test_create_refuses_unacknowledged_pos_and_other_fcs_by_field(w):
    user = builders.packer(w.org)
    first = _packed(w, user)
    other = _packed(w, user, "PO2", ship_to_code="DEL4")
    open_po = builders.two_line_order(w, "PO3")
    client = api_client(w.org, "manager")
    assert _create(client, [first.pk, open_po.pk]).json() == {
        "detail": {
            "orders": ["PO PO3 is not acknowledged to Amazon yet; only acknowledged POs ship."]
        }
    }
    assert _create(client, [first.pk, other.pk]).json() == {
        "detail": {"orders": ["A shipment goes to one FC; these POs go to BLR7, DEL4."]}
    }
    empty = _create(client, [])
    assert (empty.status_code, empty.json()["detail"][0]["loc"]) == (
        422,
        ["body", "body", "order_ids"],
    )
    bad_type = _create(client, [first.pk], shipment_type="Pigeon")
    assert bad_type.status_code == 422
    assert not Shipment.objects.exists()


def test_the_list_filters_by_state_and_fc_newest_first(w):
    user = builders.packer(w.org)
    client = api_client(w.org, "manager")
    one = _create(client, [_packed(w, user, "PO1").pk]).json()
    two = _create(client, [_packed(w, user, "PO2", ship_to_code="DEL4").pk]).json()
    _post(client, f"/api/v1/shipments/{one['id']}/ready")
    viewer = api_client(w.org, "viewer")

    def refs(query=""):
        page = viewer.get(f"/api/v1/shipments{query}").json()
        return page["count"], [s["reference"] for s in page["items"]]

    assert refs() == (2, [two["reference"], one["reference"]])
    assert refs("?state=ready") == (1, [one["reference"]])
    assert refs("?fc=del4") == (1, [two["reference"]])
    assert refs("?limit=1&offset=1") == (2, [one["reference"]])
    over = viewer.get("/api/v1/shipments?limit=501")
    assert (over.status_code, over.json()["detail"][0]["loc"]) == (422, ["query", "limit"])
    assert viewer.get("/api/v1/shipments?state=lost").status_code == 422


def test_shippable_orders_are_acknowledged_pos_not_yet_in_a_shipment(w):
    user = builders.packer(w.org)
    first = _packed(w, user, "PO1")
    second = _packed(w, user, "PO2", ship_to_code="DEL4")
    builders.two_line_order(w, "PO3")
    client = api_client(w.org, "manager")
    _create(client, [first.pk])
    page = api_client(w.org, "viewer").get("/api/v1/shipments/shippable-orders").json()
    assert [(o["id"], o["po_number"], o["ship_to_code"]) for o in page["items"]] == [
        (second.pk, "PO2", "DEL4")
    ]
    assert page["items"][0]["accepted_eaches"] == 3
    assert api_client(w.org, "viewer").get("/api/v1/shipments/shippable-orders?fc=BLR7").json() == {
        "count": 0,
        "items": [],
    }


def test_patch_changes_only_the_details_sent(w):
    user = builders.packer(w.org)
    client = api_client(w.org, "manager")
    shipment = _create(client, [_packed(w, user).pk], carrier="DHL", tracking_number="LR1").json()
    patched = client.patch(
        f"/api/v1/shipments/{shipment['id']}",
        {"tracking_number": "LR2", "ship_date": "2026-12-02"},
        content_type="application/json",
    ).json()
    assert (patched["carrier"], patched["tracking_number"], patched["ship_date"]) == (
        "DHL",
        "LR2",
        "2026-12-02",
    )
    audit = AuditLog.objects.get(action="shipment.updated")
    assert audit.changes == {"tracking_number": ["LR1", "LR2"], "ship_date": ["", "2026-12-02"]}


def test_add_and_remove_pos(w):
    user = builders.packer(w.org)
    first, second = _packed(w, user, "PO1"), _packed(w, user, "PO2")
    client = api_client(w.org, "manager")
    shipment = _create(client, [first.pk]).json()
    added = _post(client, f"/api/v1/shipments/{shipment['id']}/orders", {"order_ids": [second.pk]})
    assert [o["po_number"] for o in added.json()["orders"]] == ["PO1", "PO2"]
    removed = client.delete(f"/api/v1/shipments/{shipment['id']}/orders/{first.pk}")
    assert [o["po_number"] for o in removed.json()["orders"]] == ["PO2"]
    last = client.delete(f"/api/v1/shipments/{shipment['id']}/orders/{second.pk}")
    assert (last.status_code, last.json()) == (
        422,
        {"detail": {"order": ["A shipment needs at least one PO: cancel the shipment instead."]}},
    )
    assert list(ShipmentOrder.objects.values_list("order__po_number", flat=True)) == ["PO2"]


def test_ready_and_ship_check_the_packing_and_a_short_needs_a_note(w, queued):
    user = builders.packer(w.org)
    order = _packed(w, user, close=False)
    client = api_client(w.org, "manager")
    shipment = _create(client, [order.pk]).json()
    url = f"/api/v1/shipments/{shipment['id']}"
    assert _post(client, f"{url}/ready").json() == {
        "detail": {"__all__": ["PO PO1: close box 1 first."]}
    }
    box = order.boxes.get()
    packing.unpack(box=box, line=builders.line(order, 2), eaches=1, user=user)
    packing.close_box(box=box, user=user, measures=packing.Measures())
    assert _post(client, f"{url}/ready").json()["state"] == "ready"
    assert _post(client, f"{url}/ship").json() == {
        "detail": {
            "short_note": [
                "1 accepted each is not in a closed box: pack them, or say why they stay behind."
            ]
        }
    }
    shipped = _post(client, f"{url}/ship", {"short_note": "brush damaged"}).json()
    assert (shipped["state"], shipped["short_shipped_eaches"], shipped["short_shipped_note"]) == (
        "shipped",
        1,
        "brush damaged",
    )
    assert queued == []  # the channel does not send ASNs on its own
    assert client.delete(url).json() == {
        "detail": {"__all__": ["Shipment SHP0000001 is Shipped; it cannot change."]}
    }


def test_send_the_asn_now_and_replace_a_failed_one(w, queued, django_capture_on_commit_callbacks):
    user = builders.packer(w.org)
    client = api_client(w.org, "manager")
    shipment = _create(client, [_packed(w, user).pk]).json()
    url = f"/api/v1/shipments/{shipment['id']}"
    early = _post(client, f"{url}/asn")
    assert early.json() == {
        "detail": {"__all__": ["Shipment SHP0000001 is Draft; an ASN goes once it has shipped."]}
    }
    assert _post(client, f"{url}/asn/replace").json() == {
        "detail": {"__all__": ["Shipment SHP0000001 has no ASN to replace."]}
    }
    _post(client, f"{url}/ship")
    with django_capture_on_commit_callbacks(execute=True):
        sent = _post(client, f"{url}/asn")
    row = Asn.objects.get()
    assert (sent.status_code, sent.json()["state"], sent.json()["confirmation_type"]) == (
        202,
        "pending",
        "Original",
    )
    assert queued == [row.pk]
    assert _post(client, f"{url}/asn").json() == {
        "detail": {"__all__": ["This shipment's ASN is already queued."]}
    }
    assert _post(client, f"{url}/asn/replace").json() == {
        "detail": {
            "__all__": ["The ASN is queued; wait for Amazon's answer before sending a correction."]
        }
    }
    asn.claim(asn_id=row.pk, worker="w1")
    asn.record_failed(asn_id=row.pk, errors=[{"code": "InvalidInput", "message": "bad carton"}])
    failed = client.get(url).json()
    assert (failed["state"], failed["asn"]["state"], failed["asn"]["errors"]) == (
        "failed",
        "failed",
        [{"code": "InvalidInput", "message": "bad carton"}],
    )
    with django_capture_on_commit_callbacks(execute=True):
        replaced = _post(client, f"{url}/asn/replace").json()
    # Amazon never held it: the correction is the Original again, on the same row.
    assert (replaced["state"], replaced["confirmation_type"], replaced["revision"]) == (
        "pending",
        "Original",
        2,
    )
    assert queued == [row.pk, row.pk]
    assert Asn.objects.count() == 1


def test_cancel_a_draft_keeps_its_pos_and_boxes(w):
    user = builders.packer(w.org)
    order = _packed(w, user)
    client = api_client(w.org, "manager")
    shipment = _create(client, [order.pk]).json()
    assert client.delete(f"/api/v1/shipments/{shipment['id']}").status_code == 204
    assert (Shipment.objects.count(), ShipmentOrder.objects.count(), order.boxes.count()) == (
        0,
        0,
        1,
    )


def test_operators_and_viewers_do_not_change_shipments(w):
    user = builders.packer(w.org)
    order = _packed(w, user)
    shipment = _create(api_client(w.org, "manager"), [order.pk]).json()
    for role in ("viewer", "operator"):
        client = api_client(w.org, role)
        assert client.get(f"/api/v1/shipments/{shipment['id']}").status_code == 200
        for response in (
            _create(client, [order.pk]),
            _post(client, f"/api/v1/shipments/{shipment['id']}/ready"),
            client.delete(f"/api/v1/shipments/{shipment['id']}"),
        ):
            assert (response.status_code, response.json()["detail"]) == (
                403,
                f"This needs the Manager role or higher; you are {role.title()}.",
            )
    assert list(Shipment.objects.values_list("state", flat=True)) == ["draft"]


def test_another_organizations_shipments_and_orders_are_not_found(w, other_org):
    user = builders.packer(w.org)
    order = _packed(w, user)
    shipment = _create(api_client(w.org, "manager"), [order.pk]).json()
    stranger = api_client(other_org, "admin")
    url = f"/api/v1/shipments/{shipment['id']}"
    assert stranger.get(url).status_code == 404
    assert _post(stranger, f"{url}/ship").status_code == 404
    assert stranger.delete(url).status_code == 404
    assert stranger.get("/api/v1/shipments").json() == {"count": 0, "items": []}
    foreign = _create(stranger, [order.pk])
    assert foreign.json() == {"detail": {"orders": [f"No such order: {order.pk}."]}}
    assert list(Shipment.objects.values_list("state", flat=True)) == ["draft"]
