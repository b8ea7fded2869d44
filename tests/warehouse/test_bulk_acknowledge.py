import pytest

from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.orders import acknowledging
from vendorflow.orders.models import Acknowledgement


@pytest.fixture
def orders(org):
    w = world(org)
    return [
        order_for(w, [soap_line(product=w.soap, scanned_eaches=10)], po_number="READY001"),
        order_for(w, [soap_line(product=w.soap, scanned_eaches=2)], po_number="READY002"),
        order_for(w, [soap_line(product=w.soap)], po_number="DONE0001", status="acknowledged"),
    ]


def confirm_data(orders) -> dict:
    """The bulk preview form as the page fills it: the orders and each plan's fingerprint."""
    data = {"orders": [o.pk for o in orders], "confirm": "1"}
    for order in orders:
        data[f"preview_{order.pk}"] = acknowledging.build_plan(order).fingerprint
    return data


def test_preview_lists_ready_and_skipped_orders_and_writes_nothing(orders, member_client, sent):
    response = member_client("manager").post(
        "/orders/acknowledge/", {"orders": [o.pk for o in orders]}
    )
    assert [o.po_number for o, plan in response.context["ready"]] == ["READY001", "READY002"]
    assert [(o.po_number, reason) for o, reason in response.context["skipped"]] == [
        ("DONE0001", "Acknowledged: only open orders can be acknowledged.")
    ]
    assert not Acknowledgement.objects.exists()


def test_confirm_makes_one_ack_per_order_in_one_batch(
    orders, member_client, sent, django_capture_on_commit_callbacks
):
    client = member_client("manager")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/orders/acknowledge/", confirm_data(orders))
    assert response.status_code == 302
    acks = list(Acknowledgement.objects.order_by("order__po_number"))
    assert [a.order.po_number for a in acks] == ["READY001", "READY002"]
    assert acks[0].batch_id and acks[0].batch_id == acks[1].batch_id
    assert sorted(sent) == sorted(a.pk for a in acks)
    assert [
        a.payload["items"][0]["itemAcknowledgements"][0]["acknowledgedQuantity"]["amount"]
        for a in acks
    ] == [10, 2]


def test_nothing_ticked_is_an_error(member_client, sent):
    response = member_client("manager").post("/orders/acknowledge/", {}, follow=True)
    assert "Tick at least one order to acknowledge." in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_the_preview_carries_each_orders_fingerprint(orders, member_client):
    page = (
        member_client("manager")
        .post("/orders/acknowledge/", {"orders": [o.pk for o in orders]})
        .content.decode()
    )
    for order in orders[:2]:
        fingerprint = acknowledging.build_plan(order).fingerprint
        assert f'name="preview_{order.pk}" value="{fingerprint}"' in page


def test_if_one_order_changed_since_the_preview_none_is_sent(orders, member_client, sent):
    data = confirm_data(orders)
    # Another operator scanned READY002 further while the preview was open.
    orders[1].lines.update(scanned_eaches=5)

    response = member_client("manager").post("/orders/acknowledge/", data)

    assert response.status_code == 200
    assert not Acknowledgement.objects.exists() and sent == []
    page = response.content.decode()
    assert (
        "READY002 changed since this preview (scans, Amazon&#x27;s quantities or item mappings); "
        "nothing was sent." in page
    )
    # The page shows the plans as they are now, ready to be confirmed again.
    fresh = acknowledging.build_plan(orders[1])
    assert f'name="preview_{orders[1].pk}" value="{fresh.fingerprint}"' in page
    assert [plan.accepted_eaches for _, plan in response.context["ready"]] == [10, 5]
