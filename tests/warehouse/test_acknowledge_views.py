import pytest

from tests.warehouse.builders import WINDOWS, line, order_for, soap_line, world
from vendorflow.integrations.amazon import spec
from vendorflow.orders import acknowledging
from vendorflow.orders.models import Acknowledgement


@pytest.fixture
def order(org):
    w = world(org)
    return order_for(
        w,
        [
            soap_line(
                product=w.soap,
                ordered_quantity=3,
                unit_of_measure="Cases",
                unit_size=12,
                scanned_eaches=30,
            )
        ],
        **WINDOWS,
    )


def confirm_data(order, **dates) -> dict:
    """The preview form as the page fills it: dates and the fingerprint of the plan shown."""
    return {
        "scheduled_ship_date": dates.get("ship", "2026-12-02"),
        "scheduled_delivery_date": dates.get("delivery", "2026-12-04"),
        "preview": acknowledging.build_plan(order).fingerprint,
    }


def test_preview_shows_the_plan_warnings_and_default_dates(order, member_client):
    response = member_client("manager").get(f"/orders/{order.pk}/acknowledge/")
    page = response.content.decode()
    assert response.context["form"]["scheduled_ship_date"].value().isoformat() == "2026-12-01"
    assert "6 scanned eaches do not make a whole case of 12" in page
    assert "TemporarilyUnavailable" in page
    assert not Acknowledgement.objects.exists()


def test_confirm_queues_the_payload_once(
    order, member_client, sent, django_capture_on_commit_callbacks
):
    client = member_client("manager")
    data = confirm_data(order)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/orders/{order.pk}/acknowledge/", data)
        second = client.post(f"/orders/{order.pk}/acknowledge/", data)
    assert first.status_code == 302 and first["Location"] == f"/orders/{order.pk}/"
    assert second.status_code == 302  # a double click lands on the same, already queued ack
    ack = Acknowledgement.objects.get()
    assert sent == [ack.pk]
    assert spec.problems(spec.ORDERS, "OrderAcknowledgement", ack.payload) == []
    entry = ack.payload["items"][0]["itemAcknowledgements"][0]
    assert (entry["scheduledShipDate"], entry["scheduledDeliveryDate"]) == (
        "2026-12-02T06:00:00Z",
        "2026-12-04T09:00:00Z",
    )
    assert line(order).ack_accepted == 2


def test_a_date_outside_the_window_is_shown_next_to_the_field(order, member_client, sent):
    response = member_client("manager").post(
        f"/orders/{order.pk}/acknowledge/", confirm_data(order, ship="2026-12-20")
    )
    assert response.status_code == 422
    assert response.context["form"].errors == {
        "scheduled_ship_date": [
            "Choose a ship date within the ship window 1 Dec 2026 – 5 Dec 2026."
        ]
    }
    assert not Acknowledgement.objects.exists() and sent == []


def test_failed_ack_is_resubmitted_from_the_same_page(order, member_client, sent):
    client = member_client("manager")
    data = confirm_data(order)
    client.post(f"/orders/{order.pk}/acknowledge/", data)
    ack = Acknowledgement.objects.get()
    acknowledging.claim_for_sending(ack_id=ack.pk, worker="w")
    acknowledging.record_failed(ack_id=ack.pk, errors=[{"code": "InvalidInput", "message": "bad"}])
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert "Review and resubmit" in page and "InvalidInput" in page
    response = client.post(f"/orders/{order.pk}/acknowledge/", data)
    assert response.status_code == 302
    ack.refresh_from_db()
    assert ack.state == "pending" and Acknowledgement.objects.count() == 1


def test_the_preview_carries_the_fingerprint_of_the_plan_shown(order, member_client):
    response = member_client("manager").get(f"/orders/{order.pk}/acknowledge/")
    fingerprint = acknowledging.build_plan(order).fingerprint
    assert f'name="preview" value="{fingerprint}"' in response.content.decode()


def test_confirming_a_preview_amazon_changed_since_sends_nothing_and_shows_the_new_plan(
    order, member_client, sent, django_capture_on_commit_callbacks
):
    client = member_client("manager")
    seen = confirm_data(order)
    # Amazon cut the line from 3 cases to 2 while the preview was open (an import committed).
    type(line(order)).objects.filter(pk=line(order).pk).update(
        ordered_quantity=2, ordered_eaches=24
    )

    response = client.post(f"/orders/{order.pk}/acknowledge/", seen)

    assert response.status_code == 422
    assert response.context["form"].non_field_errors() == [acknowledging.PREVIEW_CHANGED]
    assert not Acknowledgement.objects.exists() and sent == []
    assert line(order).ack_accepted is None
    # The page now shows, and its form now confirms, the plan as it is.
    fresh = acknowledging.build_plan(order)
    assert response.context["plan"] == fresh
    assert response.context["form"]["preview"].value() == fresh.fingerprint
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            f"/orders/{order.pk}/acknowledge/",
            dict(seen, preview=response.context["form"]["preview"].value()),
        )
    assert again.status_code == 302
    ack = Acknowledgement.objects.get()
    assert sent == [ack.pk]
    assert ack.payload["items"][0]["itemAcknowledgements"][0]["acknowledgedQuantity"]["amount"] == 2


def test_a_confirm_without_the_preview_is_refused(order, member_client, sent):
    data = confirm_data(order)
    del data["preview"]
    response = member_client("manager").post(f"/orders/{order.pk}/acknowledge/", data)
    assert response.status_code == 422
    assert response.context["form"].errors == {
        "preview": ["The preview is missing; open the acknowledgement again."]
    }
    assert "The preview is missing; open the acknowledgement again." in response.content.decode()
    assert not Acknowledgement.objects.exists() and sent == []


def test_a_change_caught_under_the_lock_shows_the_plan_the_form_now_confirms(
    order, member_client, sent, monkeypatch
):
    client = member_client("manager")
    seen = confirm_data(order)
    real_build_payload = acknowledging.build_payload

    def scan_commits_meanwhile(plan):
        # Another operator's scan commits after the confirm built its plan, before the lock.
        type(line(order)).objects.filter(pk=line(order).pk).update(scanned_eaches=36)
        return real_build_payload(plan)

    monkeypatch.setattr(acknowledging, "build_payload", scan_commits_meanwhile)

    response = client.post(f"/orders/{order.pk}/acknowledge/", seen)

    assert response.status_code == 422
    assert response.context["form"].non_field_errors() == [acknowledging.PREVIEW_CHANGED]
    assert not Acknowledgement.objects.exists() and sent == []
    # What the page shows is what its form confirms: the plan as it is now, 3 cases accepted.
    fresh = acknowledging.build_plan(order)
    assert fresh.accepted_eaches == 36
    assert response.context["plan"] == fresh
    assert response.context["form"]["preview"].value() == fresh.fingerprint
    assert '<div class="big">36</div>' in response.content.decode()
