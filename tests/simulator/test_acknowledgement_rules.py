"""Acknowledgements that break Amazon's rules are taken (202) and fail as a transaction."""

import pytest

from tests.simulator.builders import ACKS, ack_body, client, generate, order, submit
from vendorflow.simulator.testing import running_simulator


@pytest.fixture
def sim():
    with running_simulator(seed=6, throttling=False) as running:
        generate(running, 2, lines_per_order=3)
        yield running


def first(sim):
    return sim.state.all_orders()[0]


def failed(sim, body):
    with client(sim) as http:
        transaction = submit(http, body)
    assert transaction["status"] == "Failure"
    assert first(sim).state == "New" and first(sim).acks == {}
    assert [a["status"] for a in sim.state.acknowledgements] == ["Failure"]
    return transaction["errors"]


def test_acknowledging_more_than_ordered_fails(sim):
    body = ack_body(order(sim, first(sim).number))
    quantity = body["acknowledgements"][0]["items"][1]["itemAcknowledgements"][0][
        "acknowledgedQuantity"
    ]
    quantity["amount"] += 1

    errors = failed(sim, body)

    assert [e["code"] for e in errors] == ["QUANTITY_EXCEEDS_ORDERED"]
    assert errors[0]["details"] == "acknowledgements[0].items[1]"
    assert "for item 2" in errors[0]["message"]


def test_missing_net_cost_fails(sim):
    body = ack_body(order(sim, first(sim).number))
    del body["acknowledgements"][0]["items"][0]["netCost"]

    errors = failed(sim, body)

    assert errors == [
        {
            "code": "MISSING_NET_COST",
            "message": "netCost is required for item 1.",
            "details": "acknowledgements[0].items[0]",
        }
    ]


def test_unknown_po_fails(sim):
    errors = failed(sim, ack_body(order(sim, first(sim).number), purchaseOrderNumber="UNKNOWN1"))

    assert errors == [
        {
            "code": "INVALID_ORDER_ID",
            "message": "Invalid order ID UNKNOWN1.",
            "details": "acknowledgements[0]",
        }
    ]


def test_unknown_line_fails(sim):
    body = ack_body(order(sim, first(sim).number))
    body["acknowledgements"][0]["items"][2]["itemSequenceNumber"] = "99"

    errors = failed(sim, body)

    assert [(e["code"], e["details"]) for e in errors] == [
        ("INVALID_ITEM", "acknowledgements[0].items[2]")
    ]


def test_other_selling_party_fails(sim):
    errors = failed(sim, ack_body(order(sim, first(sim).number), sellingParty={"partyId": "OTHER"}))

    assert [e["code"] for e in errors] == ["INVALID_SELLING_PARTY"]


def test_backorder_where_not_allowed_fails(sim):
    body = ack_body(order(sim, first(sim).number))
    body["acknowledgements"][0]["items"][0]["itemAcknowledgements"][0]["acknowledgementCode"] = (
        "Backordered"
    )

    errors = failed(sim, body)

    assert [e["code"] for e in errors] == ["BACKORDER_NOT_ALLOWED"]


def test_one_bad_acknowledgement_fails_the_whole_request(sim):
    good, bad = (ack_body(order(sim, r.number)) for r in sim.state.all_orders())
    bad["acknowledgements"][0]["purchaseOrderNumber"] = "UNKNOWN1"

    errors = failed(sim, {"acknowledgements": good["acknowledgements"] + bad["acknowledgements"]})

    assert [e["details"] for e in errors] == ["acknowledgements[1]"]


def test_line_first_rejected_cannot_be_accepted_later(sim):
    record = first(sim)
    line_one = record.details["items"][0]["orderedQuantity"]["amount"]
    rejected = ack_body(
        record.order, accept={"1": line_one}, acknowledgementDate="2026-11-20T10:00:00Z"
    )
    with client(sim) as http:
        assert submit(http, rejected)["status"] == "Processing"
        accepted_later = submit(http, ack_body(record.order))

    assert accepted_later["status"] == "Failure"
    assert [(e["code"], e["details"]) for e in accepted_later["errors"]] == [
        ("REJECTED_ITEM_CANNOT_BE_ACCEPTED", "acknowledgements[0].items[1]"),
        ("REJECTED_ITEM_CANNOT_BE_ACCEPTED", "acknowledgements[0].items[2]"),
    ]
    assert {s: a["accepted"] for s, a in record.acks.items()} == {"1": line_one, "2": 0, "3": 0}
    assert [a["status"] for a in sim.state.acknowledgements] == ["Processing", "Failure"]


def test_empty_acknowledgement_list_fails(sim):
    with client(sim) as http:
        response = http.post(ACKS, json={"acknowledgements": []})
        transaction_id = response.json()["payload"]["transactionId"]

    assert response.status_code == 202
    assert sim.state.transactions[transaction_id]["status"] == "Failure"
