"""Requests breaking the model or Amazon's rules get Amazon-shaped 400s naming the field."""

import pytest

from tests.simulator.builders import (
    ACKS,
    NOW,
    ORDERS,
    STATUS,
    TRANSACTIONS,
    ack_body,
    client,
    generate,
    iso,
    order,
    window,
)
from vendorflow.simulator.testing import running_simulator


@pytest.fixture(scope="module")
def sim():
    with running_simulator(seed=2, throttling=False) as running:
        generate(running, 2)
        yield running


def error_of(response):
    assert response.status_code == 400, response.text
    assert response.headers["x-amzn-RateLimit-Limit"] == "10.0"
    (error,) = response.json()["errors"]
    assert error["code"] == "InvalidInput"
    return error


@pytest.mark.parametrize(
    ("path", "params", "named"),
    [
        (ORDERS, {"limit": "101"}, "limit: 101 is greater than the maximum of 100"),
        (ORDERS, {"limit": "0"}, "limit: 0 is less than the minimum of 1"),
        (ORDERS, {"limit": "ten"}, "limit: 'ten' is not an integer"),
        (ORDERS, {"sortOrder": "UP"}, "sortOrder: 'UP' is not one of ['ASC', 'DESC']"),
        (
            ORDERS,
            {"createdAfter": "yesterday"},
            "createdAfter: 'yesterday' is not an ISO 8601 date-time",
        ),
        (ORDERS, {"includeDetails": "yes"}, "includeDetails: 'yes' is not true or false"),
        (ORDERS, {"purchaseOrderState": "Open"}, "purchaseOrderState: 'Open' is not one of"),
        (ORDERS, {"orderStatus": "New"}, "orderStatus: not a parameter of this operation"),
        (STATUS, {"limit": "1000"}, "limit: 1000 is greater than the maximum of 100"),
        (
            STATUS,
            {"itemConfirmationStatus": "DONE"},
            "itemConfirmationStatus: 'DONE' is not one of",
        ),
        (f"{ORDERS}/ABCD1234", {"limit": "5"}, "limit: not a parameter of this operation"),
        (f"{TRANSACTIONS}/abc", {"verbose": "1"}, "verbose: not a parameter of this operation"),
    ],
)
def test_query_that_breaks_the_model_is_refused_naming_the_parameter(sim, path, params, named):
    with client(sim) as http:
        error = error_of(http.get(path, params=params))

    assert named in error["message"]


@pytest.mark.parametrize(
    ("path", "after", "before"),
    [
        (ORDERS, "createdAfter", "createdBefore"),
        (ORDERS, "changedAfter", "changedBefore"),
        (STATUS, "createdAfter", "createdBefore"),
        (STATUS, "updatedAfter", "updatedBefore"),
    ],
)
def test_window_longer_than_7_days_is_refused(sim, path, after, before):
    with client(sim) as http:
        too_long = http.get(
            path, params={after: "2026-11-01T00:00:00Z", before: "2026-11-08T00:00:01Z"}
        )
        seven_days = http.get(
            path, params={after: "2026-11-01T00:00:00Z", before: "2026-11-08T00:00:00Z"}
        )

    error = error_of(too_long)
    assert (
        error["message"] == f"The date range between {after} and {before} must not exceed 7 days."
    )
    assert error["details"] == after
    assert seven_days.status_code == 200


def test_open_ended_window_reaching_back_more_than_7_days_is_refused(sim):
    with client(sim) as http:
        error = error_of(http.get(ORDERS, params={"createdAfter": "2020-01-01T00:00:00Z"}))

    assert "createdAfter" in error["message"]


def test_reversed_window_is_refused(sim):
    with client(sim) as http:
        error = error_of(
            http.get(ORDERS, params={**window(), "createdBefore": iso(NOW.replace(year=2025))})
        )

    assert error["message"] == "createdBefore must be later than createdAfter."


def test_acknowledgement_that_breaks_the_model_is_refused_and_nothing_recorded(sim):
    body = ack_body(order(sim, sim.state.all_orders()[0].number))
    del body["acknowledgements"][0]["acknowledgementDate"]
    body["acknowledgements"][0]["items"][0]["itemAcknowledgements"][0]["acknowledgementCode"] = (
        "Yes"
    )

    with client(sim) as http:
        error = error_of(http.post(ACKS, json=body))

    assert "acknowledgements.0: 'acknowledgementDate' is a required property" in error["message"]
    assert (
        "acknowledgements.0.items.0.itemAcknowledgements.0.acknowledgementCode: 'Yes' is not one of"
        in error["message"]
    )
    assert sim.state.acknowledgements == [] and sim.state.transactions == {}


def test_acknowledgement_body_that_is_not_json_is_refused(sim):
    with client(sim) as http:
        error = error_of(
            http.post(ACKS, content=b"{not json", headers={"content-type": "application/json"})
        )
        wrong_type = http.post(ACKS, content=b"<xml/>", headers={"content-type": "application/xml"})

    assert error["message"].startswith("body: not valid JSON")
    assert wrong_type.status_code == 415
    assert wrong_type.json()["errors"][0]["code"] == "UnsupportedMediaType"


def test_unknown_po_and_unknown_transaction_are_404_not_found(sim):
    with client(sim) as http:
        missing = http.get(f"{ORDERS}/NOSUCHPO")
        route = http.get("/vendor/orders/v2/whatever")

    assert missing.status_code == 404
    assert missing.json()["errors"][0]["code"] == "NotFound"
    assert route.status_code == 404
