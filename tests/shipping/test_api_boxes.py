"""Boxes over the API: list, open, close with measures, reopen, discard, pack, unpack, move."""

import pytest

from tests import factories
from tests.customers.builders import api_client
from tests.shipping import builders
from vendorflow.accounts.models import AuditLog
from vendorflow.shipping import packing
from vendorflow.shipping.models import Box, BoxItem, PackEvent


@pytest.fixture
def w(org):
    return builders.world(org)


def _acknowledged(w, user, po_number="PO1", *, soap=3, brush=2):
    order = builders.two_line_order(w, po_number)
    builders.scan(order, user, soap=soap, brush=brush)
    return builders.acknowledge(order, user)


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_a_pos_boxes_list_with_their_contents(w):
    user = builders.packer(w.org)
    order = _acknowledged(w, user)
    box = order.boxes.get()
    packing.close_box(box=box, user=user, measures=packing.Measures(weight_kg=2))
    response = api_client(w.org, "viewer").get(f"/api/v1/orders/{order.pk}/boxes")
    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "id": box.pk,
                "order_id": order.pk,
                "number": 1,
                "state": "closed",
                "carton_id": "C0000000001",
                "carton_id_type": "CID",
                "weight_kg": "2.000",
                "length_cm": None,
                "width_cm": None,
                "height_cm": None,
                "closed_at": response.json()["items"][0]["closed_at"],
                "closed_by": "packer",
                "items": [
                    {
                        "line_id": builders.line(order, 1).pk,
                        "item_sequence_number": "1",
                        "sku": "SKU-1",
                        "quantity_eaches": 3,
                    },
                    {
                        "line_id": builders.line(order, 2).pk,
                        "item_sequence_number": "2",
                        "sku": "SKU-2",
                        "quantity_eaches": 2,
                    },
                ],
            }
        ],
    }
    assert response.json()["items"][0]["closed_at"] is not None
    too_many = api_client(w.org, "viewer").get(f"/api/v1/orders/{order.pk}/boxes?limit=501")
    assert too_many.status_code == 422
    assert too_many.json()["detail"][0]["loc"] == ["query", "limit"]


def test_open_close_with_measures_and_reopen_with_a_reason(w):
    user = builders.packer(w.org)
    order = _acknowledged(w, user)
    client = api_client(w.org, "operator")
    opened = _post(client, f"/api/v1/orders/{order.pk}/boxes")
    assert (opened.status_code, opened.json()["number"], opened.json()["state"]) == (201, 2, "open")
    first = order.boxes.get(number=1)
    bad = _post(client, f"/api/v1/boxes/{first.pk}/close", {"weight_kg": "-1", "height_cm": "x"})
    assert bad.status_code == 422
    assert [e["loc"] for e in bad.json()["detail"]] == [
        ["body", "body", "weight_kg"],
        ["body", "body", "height_cm"],
    ]
    assert Box.objects.get(pk=first.pk).state == "open"
    closed = _post(
        client,
        f"/api/v1/boxes/{first.pk}/close",
        {"weight_kg": "4.25", "length_cm": "40", "width_cm": "30", "height_cm": "20.5"},
    )
    assert closed.status_code == 200
    body = closed.json()
    assert (body["state"], body["weight_kg"], body["height_cm"], body["closed_by"]) == (
        "closed",
        "4.250",
        "20.5",
        client.user.username,
    )
    empty = _post(client, f"/api/v1/boxes/{opened.json()['id']}/close")
    assert (empty.status_code, empty.json()) == (
        422,
        {"detail": {"box": ["Box 2 is empty: pack something first."]}},
    )
    no_reason = _post(client, f"/api/v1/boxes/{first.pk}/reopen", {"reason": " "})
    assert (no_reason.status_code, no_reason.json()) == (
        422,
        {"detail": {"reason": ["Say why the box is reopened."]}},
    )
    reopened = _post(client, f"/api/v1/boxes/{first.pk}/reopen", {"reason": "wrong weight"})
    assert (reopened.status_code, reopened.json()["state"], reopened.json()["weight_kg"]) == (
        200,
        "open",
        "4.250",
    )
    audit = AuditLog.objects.filter(action="box.reopened").get()
    assert audit.changes == {"po": "PO1", "number": 1, "reason": "wrong weight"}


def test_discard_only_an_empty_open_box(w):
    user = builders.packer(w.org)
    order = _acknowledged(w, user)
    client = api_client(w.org, "operator")
    full = order.boxes.get()
    refused = client.delete(f"/api/v1/boxes/{full.pk}")
    assert (refused.status_code, refused.json()) == (
        422,
        {"detail": {"box": ["Box 1 is not empty: move its units first."]}},
    )
    spare = packing.new_box(order=order, user=user)
    assert client.delete(f"/api/v1/boxes/{spare.pk}").status_code == 204
    assert list(order.boxes.values_list("number", flat=True)) == [1]


def test_pack_by_line_and_by_barcode_within_the_accepted_eaches(w):
    user = builders.packer(w.org)
    order = _acknowledged(w, user)
    client = api_client(w.org, "operator")
    first = order.boxes.get()
    soap = builders.line(order, 1)
    packing.unpack(box=first, line=soap, eaches=2, user=user)
    second = packing.new_box(order=order, user=user)
    by_line = _post(
        client, f"/api/v1/boxes/{second.pk}/items", {"line_id": soap.pk, "quantity_eaches": 1}
    )
    assert by_line.status_code == 201
    assert [(i["sku"], i["quantity_eaches"]) for i in by_line.json()["items"]] == [("SKU-1", 1)]
    by_code = _post(client, f"/api/v1/boxes/{second.pk}/items", {"barcode": "8901000000011"})
    assert [(i["sku"], i["quantity_eaches"]) for i in by_code.json()["items"]] == [("SKU-1", 2)]
    full = _post(client, f"/api/v1/boxes/{second.pk}/items", {"barcode": "8901000000011"})
    assert (full.status_code, full.json()) == (
        422,
        {
            "code": "pack_full",
            "message": "Line 1 has 0 accepted eaches left to pack; 1 is too many.",
        },
    )
    unknown = _post(client, f"/api/v1/boxes/{second.pk}/items", {"barcode": "999"})
    assert (unknown.status_code, unknown.json()["code"]) == (422, "unknown_code")
    nothing = _post(client, f"/api/v1/boxes/{second.pk}/items", {})
    assert nothing.json() == {
        "detail": {"barcode": ["Send a barcode, or a line_id and quantity_eaches."]}
    }
    assert BoxItem.objects.get(box=second).quantity_eaches == 2


def test_packing_before_the_acknowledgement_is_refused_with_its_code(w):
    user = builders.packer(w.org)
    order = builders.two_line_order(w)
    builders.scan(order, user, soap=1)
    box = order.boxes.get()
    response = _post(
        api_client(w.org, "operator"), f"/api/v1/boxes/{box.pk}/items", {"barcode": "8901000000011"}
    )
    assert (response.status_code, response.json()["code"]) == (422, "not_acknowledged")
    assert BoxItem.objects.get(box=box).quantity_eaches == 1


def test_unpack_and_move(w):
    user = builders.packer(w.org)
    order = _acknowledged(w, user)
    client = api_client(w.org, "operator")
    first = order.boxes.get()
    second = packing.new_box(order=order, user=user)
    brush = builders.line(order, 2)
    moved = _post(
        client,
        f"/api/v1/boxes/{first.pk}/moves",
        {"target_box_id": second.pk, "line_id": brush.pk, "quantity_eaches": 1},
    )
    assert moved.status_code == 200
    assert [(i["sku"], i["quantity_eaches"]) for i in moved.json()["items"]] == [
        ("SKU-1", 3),
        ("SKU-2", 1),
    ]
    too_many = _post(
        client,
        f"/api/v1/boxes/{first.pk}/moves",
        {"target_box_id": second.pk, "line_id": brush.pk, "quantity_eaches": 5},
    )
    assert too_many.json() == {
        "detail": {"quantity_eaches": ["Box 1 holds 1 of that line; 5 cannot move."]}
    }
    out = client.delete(f"/api/v1/boxes/{second.pk}/items/{brush.pk}?quantity_eaches=1")
    assert (out.status_code, out.json()["items"]) == (200, [])
    missing = client.delete(f"/api/v1/boxes/{second.pk}/items/{brush.pk}")
    assert (missing.status_code, missing.json()) == (
        422,
        {"detail": {"quantity_eaches": ["Say how many eaches to take out."]}},
    )
    kinds = list(PackEvent.objects.filter(line=brush).values_list("kind", flat=True))
    assert kinds[-3:] == ["moved_out", "moved_in", "unpacked"]


def test_viewers_read_boxes_but_do_not_pack(w):
    user = builders.packer(w.org)
    order = _acknowledged(w, user)
    box = order.boxes.get()
    viewer = api_client(w.org, "viewer")
    assert viewer.get(f"/api/v1/orders/{order.pk}/boxes").status_code == 200
    for response in (
        _post(viewer, f"/api/v1/orders/{order.pk}/boxes"),
        _post(viewer, f"/api/v1/boxes/{box.pk}/close"),
        viewer.delete(f"/api/v1/boxes/{box.pk}"),
    ):
        assert (response.status_code, response.json()) == (
            403,
            {"detail": "This needs the Operator role or higher; you are Viewer."},
        )
    assert (order.boxes.count(), Box.objects.get(pk=box.pk).state) == (1, "open")


def test_another_organizations_boxes_are_not_found(w, other_org):
    user = builders.packer(w.org)
    order = _acknowledged(w, user)
    box = order.boxes.get()
    stranger = api_client(other_org, "admin")
    assert stranger.get(f"/api/v1/orders/{order.pk}/boxes").status_code == 404
    assert _post(stranger, f"/api/v1/orders/{order.pk}/boxes").status_code == 404
    assert _post(stranger, f"/api/v1/boxes/{box.pk}/close").status_code == 404
    assert stranger.delete(f"/api/v1/boxes/{box.pk}").status_code == 404
    assert (order.boxes.count(), Box.objects.get(pk=box.pk).state) == (1, "open")


def test_a_move_to_another_organizations_box_is_refused(w, other_org):
    user = builders.packer(w.org)
    order = _acknowledged(w, user)
    stranger = factories.make_member(other_org, "operator")
    theirs = _acknowledged(builders.world(other_org), stranger, "PO9")
    foreign = packing.new_box(order=theirs, user=None)
    box = order.boxes.get()
    response = _post(
        api_client(w.org, "operator"),
        f"/api/v1/boxes/{box.pk}/moves",
        {"target_box_id": foreign.pk, "line_id": builders.line(order, 1).pk, "quantity_eaches": 1},
    )
    assert (response.status_code, response.json()) == (
        422,
        {"detail": {"target_box_id": [f"No box {foreign.pk}."]}},
    )
    assert list(BoxItem.objects.filter(box=foreign)) == []
