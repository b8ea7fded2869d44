from tests.simulator.builders import ORDERS, STATUS, ack_body, client, generate, submit
from vendorflow.simulator.testing import running_simulator


def test_valid_acknowledgement_stays_processing_and_shows_in_the_status_per_line():
    with running_simulator(seed=9, throttling=False) as sim, client(sim) as http:
        (number,) = generate(sim, 1, lines_per_order=3)
        record = sim.state.get(number)
        lines = record.details["items"]
        accept = {"1": lines[0]["orderedQuantity"]["amount"], "2": 1}
        body = ack_body(record.order, accept=accept)
        del body["acknowledgements"][0]["items"][2]
        transaction = submit(http, body)
        again = http.get(f"/vendor/transactions/v1/transactions/{transaction['transactionId']}")
        po = http.get(f"{ORDERS}/{number}").json()["payload"]
        status = http.get(STATUS, params={"purchaseOrderNumber": number}).json()["payload"][
            "ordersStatus"
        ][0]

    assert transaction == {"transactionId": transaction["transactionId"], "status": "Processing"}
    assert again.json()["payload"]["transactionStatus"]["status"] == "Processing"
    assert po["purchaseOrderState"] == "Acknowledged"
    assert po["orderDetails"]["purchaseOrderStateChangedDate"] == status["lastUpdatedDate"]
    assert status["purchaseOrderStatus"] == "OPEN"
    by_line = {i["itemSequenceNumber"]: i["acknowledgementStatus"] for i in status["itemStatus"]}
    ordered = [line["orderedQuantity"] for line in lines]
    assert by_line["1"]["confirmationStatus"] == "ACCEPTED"
    assert by_line["1"]["acceptedQuantity"] == ordered[0]
    assert by_line["1"]["rejectedQuantity"] == {**ordered[0], "amount": 0}
    assert by_line["2"]["confirmationStatus"] == (
        "ACCEPTED" if ordered[1]["amount"] == 1 else "PARTIALLY_ACCEPTED"
    )
    assert by_line["2"]["acceptedQuantity"] == {**ordered[1], "amount": 1}
    assert by_line["2"]["rejectedQuantity"] == {**ordered[1], "amount": ordered[1]["amount"] - 1}
    assert by_line["3"]["confirmationStatus"] == "REJECTED"
    assert by_line["3"]["rejectedQuantity"] == ordered[2]
    assert [a["status"] for a in sim.state.acknowledgements] == ["Processing"]


def test_cases_are_counted_in_cases_and_eaches_acknowledgements_convert():
    with running_simulator(seed=9, throttling=False) as sim, client(sim) as http:
        (number,) = generate(sim, 1, lines_per_order=1, cases_share=1.0, items=[_cased_item(sim)])
        record = sim.state.get(number)
        line = record.details["items"][0]
        size, cases = line["orderedQuantity"]["unitSize"], line["orderedQuantity"]["amount"]
        body = ack_body(record.order)
        body["acknowledgements"][0]["items"][0]["itemAcknowledgements"] = [
            {
                "acknowledgementCode": "Accepted",
                "acknowledgedQuantity": {"amount": size * cases, "unitOfMeasure": "Eaches"},
            }
        ]
        transaction = submit(http, body)
        status = http.get(STATUS, params={"purchaseOrderNumber": number}).json()["payload"][
            "ordersStatus"
        ][0]

    assert line["orderedQuantity"]["unitOfMeasure"] == "Cases"
    assert transaction["status"] == "Processing"
    accepted = status["itemStatus"][0]["acknowledgementStatus"]["acceptedQuantity"]
    assert accepted == {"amount": cases, "unitOfMeasure": "Cases", "unitSize": size}


def test_unacknowledged_po_is_unconfirmed():
    with running_simulator(seed=9, throttling=False) as sim, client(sim) as http:
        (number,) = generate(sim, 1, lines_per_order=2)
        status = http.get(STATUS, params={"purchaseOrderNumber": number}).json()["payload"][
            "ordersStatus"
        ][0]
        unconfirmed = http.get(STATUS, params={"itemConfirmationStatus": "UNCONFIRMED"}).json()[
            "payload"
        ]
        accepted = http.get(STATUS, params={"itemConfirmationStatus": "ACCEPTED"}).json()["payload"]

    assert {i["acknowledgementStatus"]["confirmationStatus"] for i in status["itemStatus"]} == {
        "UNCONFIRMED"
    }
    assert [s["purchaseOrderNumber"] for s in unconfirmed["ordersStatus"]] == [number]
    assert accepted["ordersStatus"] == []


def _cased_item(sim):
    return next(item["asin"] for item in sim.state.items if item["caseSize"] > 1)
