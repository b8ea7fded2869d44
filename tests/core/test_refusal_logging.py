"""A refused request (403) logs one line with the reason, no traceback; a real fault still does."""

import logging

import pytest

from tests.warehouse.builders import order_for, soap_line, world


@pytest.fixture
def order(org):
    w = world(org)
    return order_for(w, [soap_line(product=w.soap)])


def _records(caplog):
    return [r for r in caplog.records if r.name == "django.request"]


def test_a_page_refused_for_the_role_logs_one_line(order, member_client, caplog):
    client = member_client("operator")
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(f"/orders/{order.pk}/acknowledge/")
    assert response.status_code == 403
    [record] = _records(caplog)
    assert record.getMessage() == (
        f"Forbidden (Permission denied): /orders/{order.pk}/acknowledge/ "
        "(This needs the Manager role or higher; you are Operator.)"
    )
    assert (record.exc_info, record.exc_text) == (None, None)
    assert "Traceback" not in caplog.text


def test_an_api_refusal_logs_one_line(order, member_client, caplog):
    client = member_client("viewer")
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.post(
            f"/api/v1/orders/{order.pk}/scans", {"barcode": "1"}, content_type="application/json"
        )
    assert response.status_code == 403
    assert [r.getMessage() for r in _records(caplog)] == [
        f"Forbidden: /api/v1/orders/{order.pk}/scans"
    ]
    assert "Traceback" not in caplog.text


def test_other_errors_keep_their_traceback():
    from vendorflow.lib.request_logging import RefusalsInOneLine

    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Server error",
                                   None, sys.exc_info())  # fmt: skip
    record.status_code = 500
    assert RefusalsInOneLine().filter(record) is True
    assert record.exc_info is not None and record.getMessage() == "Server error"
