"""A wrong bulk quantity on the scan screen says which line it is about and what to enter;
nothing is counted."""

import pytest

from tests.warehouse.builders import line, order_for, soap_line, world
from vendorflow.orders.models import Scan


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Line 1 (SKU-1): Enter the eaches to add."),
        ("abc", "Line 1 (SKU-1): Enter the eaches to add as a whole number."),
        ("1.5", "Line 1 (SKU-1): Enter the eaches to add as a whole number."),
        ("0", "Line 1 (SKU-1): Enter a quantity of at least 1 each."),
        ("-4", "Line 1 (SKU-1): Enter a quantity of at least 1 each."),
        ("11", "Line 1 (SKU-1) has 10 eaches left to scan; 11 is too many."),
    ],
)
def test_bad_quantity_names_the_line(org, member_client, value, message):
    w = world(org)
    order = order_for(w, [soap_line(product=w.soap, ordered_quantity=10)])
    response = member_client("operator").post(
        f"/orders/{order.pk}/lines/{line(order).pk}/bulk/",
        {"quantity_eaches": value},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert 'data-ok="0"' in page and message in page
    assert not Scan.objects.exists()
    assert line(order).scanned_eaches == 0
