"""Ids in the bulk-acknowledge form that are not order ids are refused with a message;
nothing is sent."""

import pytest

from vendorflow.orders.models import Acknowledgement


@pytest.mark.parametrize("value", ["abc", "-3", "1.5", "99999999999999999999"])
def test_not_an_order_id(member_client, org, value):
    response = member_client("manager").post(
        "/orders/acknowledge/", {"orders": [value]}, follow=True
    )
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [f"“{value}” is not a valid value."]
    assert not Acknowledgement.objects.exists()


def test_more_orders_than_one_request_takes(member_client, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ids = [str(n) for n in range(1, 202)]
    client = member_client("manager")
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/orders/acknowledge/", {"orders": ids, "confirm": "1"})
    assert response.status_code == 302
    assert not any("orders_order" in q["sql"] for q in queries.captured_queries)
    messages = [str(m) for m in client.get("/orders/").context["messages"]]
    assert messages == ["Tick at most 200 orders at a time (201 ticked)."]
    assert not Acknowledgement.objects.exists()
