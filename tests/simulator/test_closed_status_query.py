"""Closing POs at a given time and finding them with getPurchaseOrdersStatus, as the status pass
asks: updatedAfter/updatedBefore, purchaseOrderStatus, orderingVendorCode, limit, nextToken."""

from datetime import timedelta

import httpx

from tests.simulator.builders import NOW, STATUS, ack_body, all_pages, client, generate, iso, submit
from vendorflow.integrations.amazon import spec
from vendorflow.simulator.testing import running_simulator

CLOSED_AT = NOW + timedelta(days=30)


def _closed_query(after, before, **extra) -> dict:
    return {
        "updatedAfter": iso(after),
        "updatedBefore": iso(before),
        "purchaseOrderStatus": "CLOSED",
        "orderingVendorCode": "ACMEB",
        **extra,
    }


def _numbers(statuses) -> list[str]:
    return [s["purchaseOrderNumber"] for s in statuses]


def test_a_po_closed_at_a_given_time_is_found_by_its_last_update():
    with running_simulator(seed=21, throttling=False) as sim, client(sim) as http:
        number, still_open = generate(sim, 2, vendor_code="ACMEB", lines_per_order=1)
        [foreign] = generate(sim, 1, vendor_code="OTHERV", lines_per_order=1)
        submit(http, ack_body(sim.state.get(number).order))
        closed = httpx.post(f"{sim.control_url}/orders/{number}/close", json={"at": iso(CLOSED_AT)})
        sim.close(foreign, at=CLOSED_AT)

        def status(**params):
            response = http.get(STATUS, params=params)
            assert response.status_code == 200, response.text
            return response.json()["payload"]["ordersStatus"]

        around = status(**_closed_query(CLOSED_AT - timedelta(hours=1), CLOSED_AT + timedelta(1)))
        ending_at_it = status(**_closed_query(CLOSED_AT - timedelta(days=1), CLOSED_AT))
        after_it = status(
            **_closed_query(CLOSED_AT + timedelta(seconds=1), CLOSED_AT + timedelta(2))
        )
        any_vendor = status(
            updatedAfter=iso(CLOSED_AT), updatedBefore=iso(CLOSED_AT + timedelta(hours=1)),
            purchaseOrderStatus="CLOSED",
        )  # fmt: skip
        still_open_ones = status(purchaseOrderStatus="OPEN", orderingVendorCode="ACMEB")

    assert closed.status_code == 200
    assert closed.json()["orderDetails"]["purchaseOrderStateChangedDate"] == iso(CLOSED_AT)
    assert _numbers(around) == [number]
    assert around[0]["purchaseOrderStatus"] == "CLOSED"
    assert around[0]["lastUpdatedDate"] == iso(CLOSED_AT)
    assert spec.problems(spec.ORDERS, "OrderStatus", around[0]) == []
    item = around[0]["itemStatus"][0]
    assert item["acknowledgementStatus"]["confirmationStatus"] == "ACCEPTED"
    assert item["receivingStatus"]["receiveStatus"] == "RECEIVED"
    assert item["receivingStatus"]["lastReceiveDate"] == iso(CLOSED_AT)
    assert ending_at_it == []  # the window is half-open: [updatedAfter, updatedBefore)
    assert after_it == []
    assert sorted(_numbers(any_vendor)) == sorted([number, foreign])
    assert _numbers(still_open_ones) == [still_open]


def test_closed_pos_are_paged_through_once_each_keeping_the_filters():
    with running_simulator(seed=22, throttling=False) as sim, client(sim) as http:
        numbers = generate(sim, 5, vendor_code="ACMEB", lines_per_order=1)
        generate(sim, 2, vendor_code="ACMEB", lines_per_order=1)  # stay open
        for number in numbers:
            sim.close(number, at=CLOSED_AT)
        query = _closed_query(CLOSED_AT - timedelta(days=6), CLOSED_AT + timedelta(days=1))
        pages = all_pages(http, STATUS, {**query, "limit": 2}, key="ordersStatus")
        changed_filter = http.get(STATUS, params={**query, "limit": 2})
        token = changed_filter.json()["payload"]["pagination"]["nextToken"]
        refused = http.get(
            STATUS, params={**query, "purchaseOrderStatus": "OPEN", "nextToken": token}
        )

    in_creation_order = [r.number for r in sim.state.all_orders() if r.number in numbers]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert [n for page in pages for n in _numbers(page)] == in_creation_order
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["details"] == "purchaseOrderStatus"


def test_status_queries_are_checked_against_the_official_model():
    with running_simulator(seed=23, throttling=False) as sim, client(sim) as http:
        lower_case = http.get(STATUS, params={"purchaseOrderStatus": "closed"})
        too_wide = http.get(
            STATUS,
            params=_closed_query(CLOSED_AT - timedelta(days=8), CLOSED_AT),
        )
        unknown = http.get(STATUS, params={"closedAfter": iso(CLOSED_AT)})

    assert [r.status_code for r in (lower_case, too_wide, unknown)] == [400, 400, 400]
    assert [r.json()["errors"][0]["code"] for r in (lower_case, too_wide, unknown)] == [
        "InvalidInput"
    ] * 3
    assert lower_case.json()["errors"][0]["details"] == "purchaseOrderStatus"
    assert too_wide.json()["errors"][0]["message"] == (
        "The date range between updatedAfter and updatedBefore must not exceed 7 days."
    )
    assert unknown.json()["errors"][0]["details"] == "closedAfter"


def test_a_close_or_change_at_a_bad_time_is_refused_and_changes_nothing():
    with running_simulator(seed=24, throttling=False) as sim:
        [number] = generate(sim, 1, lines_per_order=1)
        placed = sim.state.get(number).details["purchaseOrderDate"]
        before = sim.state.get(number).to_dict()
        close = f"{sim.control_url}/orders/{number}/close"
        too_early = httpx.post(close, json={"at": "2020-01-01T00:00:00Z"})
        not_a_time = httpx.post(close, json={"at": "yesterday"})
        not_text = httpx.post(close, json={"at": 1700000000})
        unknown = httpx.post(close, json={"when": iso(CLOSED_AT)})
        change_only_at = httpx.post(
            f"{sim.control_url}/orders/{number}/change", json={"at": iso(CLOSED_AT)}
        )
        after = sim.state.get(number).to_dict()

    assert [r.status_code for r in (too_early, not_a_time, not_text, unknown)] == [400] * 4
    assert too_early.json() == {
        "error": f"2020-01-01T00:00:00Z is before purchase order {number!r} was placed ({placed})"
    }
    assert not_a_time.json() == {"error": "'yesterday' is not an ISO 8601 date-time"}
    assert not_text.json() == {"error": "at must be an ISO 8601 date-time string"}
    assert change_only_at.status_code == 400
    assert after == before


def test_a_change_at_a_given_time_sets_the_changed_and_last_updated_dates():
    with running_simulator(seed=25, throttling=False) as sim:
        [number] = generate(sim, 1, lines_per_order=2)
        changed = httpx.post(
            f"{sim.control_url}/orders/{number}/change",
            json={"cancel": ["2"], "at": iso(CLOSED_AT)},
        )
        record = sim.state.get(number)

    assert changed.status_code == 200
    assert changed.json()["orderDetails"]["purchaseOrderChangedDate"] == iso(CLOSED_AT)
    assert record.last_updated == iso(CLOSED_AT)
