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
