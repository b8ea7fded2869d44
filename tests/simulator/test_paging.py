from datetime import timedelta

import pytest

from tests.simulator.builders import NOW, ORDERS, STATUS, all_pages, client, generate, iso, window
from vendorflow.simulator.testing import running_simulator


@pytest.fixture(scope="module")
def sim():
    with running_simulator(seed=4, throttling=False) as running:
        generate(running, 230, lines_per_order=2)
        generate(running, 5, vendor_code="OTHER", lines_per_order=2)
        yield running


def numbers(pages):
    return [o["purchaseOrderNumber"] for page in pages for o in page]


def test_paging_yields_every_po_exactly_once_in_creation_order(sim):
    with client(sim) as http:
        pages = all_pages(http, ORDERS, {**window(), "limit": 100})

    expected = [r.number for r in sim.state.all_orders()]
    assert [len(p) for p in pages] == [100, 100, 35]
    assert numbers(pages) == expected


def test_descending_order_and_small_pages(sim):
    with client(sim) as http:
        pages = all_pages(http, ORDERS, {**window(), "limit": 40, "sortOrder": "DESC"})

    assert len(pages) == 6
    assert numbers(pages) == [r.number for r in reversed(sim.state.all_orders())]


def test_orders_created_during_paging_do_not_repeat_or_shift_pages():
    with running_simulator(seed=8, throttling=False) as sim, client(sim) as http:
        generate(sim, 150, lines_per_order=1)
        before = [r.number for r in sim.state.all_orders()]
        first = http.get(ORDERS, params={**window(), "limit": 100}).json()["payload"]
        early = iso(NOW - timedelta(days=6, hours=23))
        generate(sim, 3, lines_per_order=1, created_from=early, created_to=early)
        rest = all_pages(http, ORDERS, {"nextToken": first["pagination"]["nextToken"]})

    assert numbers([first["orders"], *rest]) == before


def test_include_details_false_returns_orders_without_details(sim):
    with client(sim) as http:
        page = http.get(ORDERS, params={**window(), "includeDetails": "false", "limit": 3}).json()[
            "payload"
        ]

    assert page["orders"] == [
        {"purchaseOrderNumber": r.number, "purchaseOrderState": "New"}
        for r in sim.state.all_orders()[:3]
    ]


def test_ordering_vendor_code_filter(sim):
    with client(sim) as http:
        pages = all_pages(http, ORDERS, {**window(), "orderingVendorCode": "OTHER"})

    assert len(numbers(pages)) == 5
    assert {o["orderDetails"]["sellingParty"]["partyId"] for o in pages[0]} == {"OTHER"}


def test_created_window_is_half_open(sim):
    first = sim.state.all_orders()[0]
    created = first.details["purchaseOrderDate"]

    with client(sim) as http:
        starting = http.get(
            ORDERS, params={"createdAfter": created, "createdBefore": iso(NOW)}
        ).json()
        ending = http.get(
            ORDERS, params={"createdAfter": iso(NOW - timedelta(days=7)), "createdBefore": created}
        ).json()

    assert first.number in [o["purchaseOrderNumber"] for o in starting["payload"]["orders"]]
    assert first.number not in [o["purchaseOrderNumber"] for o in ending["payload"]["orders"]]


def test_next_token_with_a_different_query_or_garbage_is_invalid_input(sim):
    with client(sim) as http:
        token = http.get(ORDERS, params={**window(), "limit": 10}).json()["payload"]["pagination"][
            "nextToken"
        ]
        same = http.get(ORDERS, params={**window(), "limit": 10, "nextToken": token})
        other = http.get(ORDERS, params={**window(days=3), "nextToken": token})
        garbage = http.get(ORDERS, params={"nextToken": "bm90IGEgdG9rZW4="})

    assert same.status_code == 200
    assert other.status_code == 400
    assert (
        other.json()["errors"][0]["message"]
        == "createdAfter differs from the query the nextToken belongs to."
    )
    assert garbage.status_code == 400
    assert garbage.json()["errors"][0] == {
        "code": "InvalidInput",
        "message": "The nextToken is invalid.",
        "details": "nextToken",
    }


def test_status_pages_cover_every_po_once(sim):
    with client(sim) as http:
        pages = all_pages(http, STATUS, {**window(), "limit": 100}, key="ordersStatus")

    assert numbers(pages) == [r.number for r in sim.state.all_orders()]
