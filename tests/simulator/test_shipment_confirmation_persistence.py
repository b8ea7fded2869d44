"""Shipment confirmations, held shipments and still-processing transactions survive a restart."""

import json
from datetime import UTC, datetime, timedelta

from tests.simulator.builders import client, confirm, generate, order, shipment_body, transaction
from vendorflow.simulator.store import State
from vendorflow.simulator.testing import running_simulator


def test_shipments_and_a_processing_transaction_survive_a_save_and_load(tmp_path):
    path = tmp_path / "sim.json"
    with running_simulator(seed=5, throttling=False) as sim, client(sim) as http:
        first, second = generate(sim, 2, lines_per_order=2)
        held = confirm(http, shipment_body(order(sim, first), identifier="SHP-1"))
        duplicate = confirm(http, shipment_body(order(sim, second), identifier="SHP-1"))
        sim.state.save(path)
        saved = sim.state.to_dict()

    loaded = State.load(path)
    processing = {t: loaded.transactions[t]["status"] for t in (held, duplicate)}
    loaded.settle(datetime.now(UTC) + timedelta(seconds=31))

    assert loaded.to_dict()["shipments"] == saved["shipments"]
    assert saved["shipmentConfirmations"] == json.loads(path.read_text())["shipmentConfirmations"]
    assert [c["outcome"] for c in loaded.shipment_confirmations] == ["Success", "Failure"]
    assert loaded.shipments_of(first) == ["SHP-1"]
    assert loaded.shipments_of(second) == []
    assert processing == {held: "Processing", duplicate: "Processing"}
    assert loaded.transactions[held] == {"transactionId": held, "status": "Success"}
    assert loaded.transactions[duplicate]["status"] == "Failure"
    assert loaded.transactions[duplicate]["errors"][0]["code"] == "DUPLICATE_SHIPMENT"
    assert loaded.pending == {}


def test_a_restarted_simulator_answers_the_transaction_of_a_confirmation_sent_before(tmp_path):
    path = tmp_path / "sim.json"
    options = {"state_file": str(path), "throttling": False, "shipment_processing_seconds": 0}
    with running_simulator(**options, orders=1) as sim, client(sim) as http:
        (number,) = sim.state.orders
        transaction_id = confirm(http, shipment_body(order(sim, number)))

    with running_simulator(**options) as again, client(again) as http:
        status = transaction(http, transaction_id)

    assert status == {"transactionId": transaction_id, "status": "Success"}
    assert again.state.shipments_of(number) == ["SHP-1"]


def test_a_state_file_from_before_shipments_loads_without_any(tmp_path):
    path = tmp_path / "sim.json"
    document = State(seed=1).to_dict()
    for key in ("shipmentConfirmations", "shipments", "pendingTransactions"):
        del document[key]
    path.write_text(json.dumps(document))

    loaded = State.load(path)

    assert loaded.shipment_confirmations == []
    assert loaded.shipments == {}
    assert loaded.pending == {}
