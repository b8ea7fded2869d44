"""A bulk entry through the API for a line that is not on the order names `line_id`."""

import pytest

from tests import factories
from tests.customers.builders import api_client
from tests.warehouse.builders import line, order_for, soap_line, world
from vendorflow.orders.models import Scan


@pytest.mark.parametrize("which", ["other order", "unknown"])
def test_line_of_another_order_or_unknown(org, which):
    w = world(org)
    order = order_for(w, [soap_line(product=w.soap)])
    other = order_for(w, [soap_line(product=w.soap)], po_number="OTHER001")
    line_id = line(other).pk if which == "other order" else 999999
    response = api_client(org, "operator").post(
        f"/api/v1/orders/{order.pk}/scans/bulk",
        {"line_id": line_id, "quantity_eaches": 1},
        content_type="application/json",
    )
    assert (response.status_code, response.json()) == (
        422,
        {"detail": {"line_id": [f"Order 4Z32PABC has no line {line_id}."]}},
    )
    assert not Scan.objects.exists()


def test_unknown_order_is_still_404(org):
    factories.make_channel(org)
    response = api_client(org, "operator").post(
        "/api/v1/orders/999999/scans/bulk",
        {"line_id": 1, "quantity_eaches": 1},
        content_type="application/json",
    )
    assert response.status_code == 404
