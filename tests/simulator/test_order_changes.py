import httpx

from tests.simulator.builders import (
    NOW,
    ORDERS,
    STATUS,
    ack_body,
    client,
    generate,
    iso,
    submit,
    window,
)
from vendorflow.integrations.amazon import spec
from vendorflow.simulator.testing import running_simulator


def test_reducing_a_quantity_sets_the_changed_date_and_history():
    with running_simulator(seed=12, throttling=False) as sim, client(sim) as http:
        (number,) = generate(sim, 1, lines_per_order=2, cases_share=0.0)
        original = sim.state.get(number).details["items"][0]["orderedQuantity"]["amount"]
        httpx.post(
            f"{sim.control_url}/orders/{number}/change",
            json={"quantities": {"1": 0 if original == 1 else 1}},
        )
        po = http.get(f"{ORDERS}/{number}").json()["payload"]
        status = http.get(STATUS, params={"purchaseOrderNumber": number}).json()["payload"][
            "ordersStatus"
        ][0]
        changed = http.get(ORDERS, params={"isPOChanged": "true"}).json()["payload"]["orders"]
        unchanged = http.get(ORDERS, params={"isPOChanged": "false"}).json()["payload"]["orders"]

    assert po["orderDetails"]["purchaseOrderChangedDate"]
    assert spec.problems(spec.ORDERS, "Order", po) == []
    details = status["itemStatus"][0]["orderedQuantity"]["orderedQuantityDetails"]
    assert len(details) == 2
    assert (
        details[0]["cancelledQuantity"]["amount"]
        == original - po["orderDetails"]["items"][0]["orderedQuantity"]["amount"]
    )
    assert [o["purchaseOrderNumber"] for o in changed] == [number]
    assert unchanged == []


def test_cancelled_line_is_found_by_po_item_state_and_changed_window():
    with running_simulator(seed=12, throttling=False) as sim, client(sim) as http:
        numbers = generate(sim, 3, lines_per_order=2)
        sim.change(numbers[1], cancel=["2"], at=NOW)
        cancelled = http.get(ORDERS, params={"poItemState": "Cancelled"}).json()["payload"][
            "orders"
        ]
        recent = http.get(
            ORDERS, params={"changedAfter": iso(NOW), "changedBefore": iso(NOW.replace(hour=11))}
        ).json()
        earlier = http.get(
            ORDERS, params={"changedAfter": iso(NOW.replace(hour=9)), "changedBefore": iso(NOW)}
        ).json()

    assert [o["purchaseOrderNumber"] for o in cancelled] == [numbers[1]]
    assert cancelled[0]["orderDetails"]["items"][1]["orderedQuantity"]["amount"] == 0
    assert [o["purchaseOrderNumber"] for o in recent["payload"]["orders"]] == [numbers[1]]
    assert earlier["payload"]["orders"] == []


def test_ship_to_change_moves_the_po_to_another_fc():
    with running_simulator(seed=12, throttling=False) as sim, client(sim) as http:
        (number,) = generate(sim, 1, fcs=["BLR7"])
        sim.change(number, ship_to="HYD8")
        po = http.get(f"{ORDERS}/{number}").json()["payload"]

    assert po["orderDetails"]["shipToParty"]["partyId"] == "HYD8"
    assert po["orderDetails"]["shipToParty"]["address"]["city"] == "Hyderabad"
    assert po["orderDetails"]["billToParty"]["partyId"] == "BLR7"


def test_closing_an_acknowledged_po_closes_it_and_receives_the_accepted_quantity():
    with running_simulator(seed=12, throttling=False) as sim, client(sim) as http:
        (number,) = generate(sim, 1, lines_per_order=1)
        submit(http, ack_body(sim.state.get(number).order))
        closed = httpx.post(f"{sim.control_url}/orders/{number}/close")
        listed = http.get(ORDERS, params={**window(), "purchaseOrderState": "Closed"}).json()[
            "payload"
        ]["orders"]
        status = http.get(STATUS, params={"purchaseOrderStatus": "CLOSED"}).json()["payload"][
            "ordersStatus"
        ]
        change_after_close = httpx.post(
            f"{sim.control_url}/orders/{number}/change", json={"cancel": ["1"]}
        )

    assert closed.json()["purchaseOrderState"] == "Closed"
    assert [o["purchaseOrderNumber"] for o in listed] == [number]
    receiving = status[0]["itemStatus"][0]["receivingStatus"]
    assert receiving["receiveStatus"] == "RECEIVED"
    assert (
        receiving["receivedQuantity"]
        == sim.state.get(number).details["items"][0]["orderedQuantity"]
    )
    assert change_after_close.status_code == 400
    assert change_after_close.json() == {"error": f"purchase order {number!r} is closed"}


def test_bad_changes_are_refused_and_change_nothing():
    with running_simulator(seed=12) as sim:
        (number,) = generate(sim, 1, lines_per_order=1)
        before = sim.state.get(number).to_dict()
        responses = [
            httpx.post(f"{sim.control_url}/orders/{number}/change", json=body)
            for body in (
                {"quantities": {"9": 1}},
                {"quantities": {"1": -1}},
                {"ship_to": "XXX1"},
                {"colour": "red"},
            )
        ]
        missing = httpx.post(f"{sim.control_url}/orders/NOSUCHPO/close")

    assert [r.status_code for r in responses] == [400, 400, 400, 400]
    assert responses[0].json()["error"] == f"itemSequenceNumber '9' is not a line of {number}"
    assert missing.status_code == 404
    assert sim.state.get(number).to_dict() == before
