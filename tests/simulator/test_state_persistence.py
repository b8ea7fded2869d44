import json

import httpx

from tests.simulator.builders import ORDERS, ack_body, client, generate, submit
from vendorflow.simulator.store import State
from vendorflow.simulator.testing import running_simulator


def test_state_survives_a_save_and_load_round_trip(tmp_path):
    path = tmp_path / "sim.json"
    with running_simulator(seed=5, throttling=False) as sim, client(sim) as http:
        numbers = generate(sim, 4, lines_per_order=2)
        submit(http, ack_body(sim.state.get(numbers[0]).order))
        sim.change(numbers[1], cancel=["1"])
        sim.close(numbers[2])
        sim.state.save(path)
        saved = sim.state.to_dict()

    loaded = State.load(path)

    assert loaded.to_dict() == saved
    assert [r.number for r in loaded.all_orders()] == [r.number for r in sim.state.all_orders()]
    assert loaded.get(numbers[0]).state == "Acknowledged"
    assert loaded.dirty is False
    assert not (tmp_path / "sim.json.tmp").exists()


def test_running_simulator_with_a_state_file_keeps_orders_and_tokens_across_restarts(tmp_path):
    path = tmp_path / "sim.json"
    with running_simulator(state_file=str(path), orders=3) as sim:
        numbers = sorted(sim.state.orders)
        token = sim.access_token()

    with running_simulator(state_file=str(path)) as again:
        response = httpx.get(again.base_url + ORDERS, headers={"x-amz-access-token": token})

    assert sorted(o["purchaseOrderNumber"] for o in response.json()["payload"]["orders"]) == numbers
    assert json.loads(path.read_text())["version"] == 1


def test_a_state_file_of_another_version_is_refused(tmp_path):
    path = tmp_path / "sim.json"
    path.write_text(json.dumps({"version": 99}))

    try:
        State.load(path)
    except ValueError as error:
        assert str(error) == "state file version 99 is not 1"
    else:
        raise AssertionError("loaded a state file of an unknown version")
