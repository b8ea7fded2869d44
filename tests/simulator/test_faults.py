import time

import httpx
import pytest

from tests.simulator.builders import ORDERS, all_pages, client, generate, window
from vendorflow.simulator.testing import running_simulator


def statuses(http, count, path=ORDERS):
    return [http.get(path).status_code for _ in range(count)]


def test_throttle_fault_count_gives_exactly_that_many_429s():
    with (
        running_simulator(throttling=False, faults={"throttle": {"count": 2}}) as sim,
        client(sim) as http,
    ):
        seen = statuses(http, 4)
        sim.faults.configure(throttle={"count": 1})
        throttled = http.get(ORDERS)

    assert seen == [429, 429, 200, 200]
    assert throttled.json()["errors"][0]["code"] == "QuotaExceeded"
    assert "x-amzn-RateLimit-Limit" not in throttled.headers
    assert sim.faults.injected["throttle"] == 3


@pytest.mark.parametrize(
    ("status", "code"), [(500, "InternalFailure"), (503, "ServiceUnavailable")]
)
def test_server_error_fault_count(status, code):
    faults = {"server_error": {"count": 2}, "server_error_status": status}
    with running_simulator(throttling=False, faults=faults) as sim, client(sim) as http:
        responses = [http.get(ORDERS) for _ in range(3)]

    assert [r.status_code for r in responses] == [status, status, 200]
    assert responses[0].json()["errors"][0]["code"] == code
    assert sim.faults.injected == {"server_error": 2}


def test_slow_fault_delays_the_response():
    with (
        running_simulator(throttling=False, faults={"slow": {"count": 1}, "delay_ms": 300}) as sim,
        client(sim) as http,
    ):
        started = time.monotonic()
        slow = http.get(ORDERS)
        slow_took = time.monotonic() - started
        started = time.monotonic()
        http.get(ORDERS)
        fast_took = time.monotonic() - started

    assert slow.status_code == 200
    assert slow_took >= 0.3
    assert fast_took < 0.3


def test_dropped_connection_closes_the_socket_without_a_response():
    with (
        running_simulator(throttling=False, faults={"drop": {"count": 1}}) as sim,
        client(sim) as http,
    ):
        with pytest.raises(httpx.RemoteProtocolError):
            http.get(ORDERS)
        after = http.get(ORDERS)

    assert after.status_code == 200
    assert sim.faults.injected == {"drop": 1}


def test_malformed_fault_sends_broken_json_with_200():
    with (
        running_simulator(throttling=False, faults={"malformed": {"count": 1}}) as sim,
        client(sim) as http,
    ):
        generate(sim, 1)
        broken = http.get(ORDERS)
        fine = http.get(ORDERS)

    assert broken.status_code == 200
    with pytest.raises(ValueError):
        broken.json()
    assert len(fine.json()["payload"]["orders"]) == 1


def test_empty_payload_fault_carries_the_request_out_and_answers_without_its_fields():
    with (
        running_simulator(throttling=False, faults={"empty_payload": {"count": 1}}) as sim,
        client(sim) as http,
    ):
        generate(sim, 2)
        empty = http.get(ORDERS)
        fine = http.get(ORDERS)

    assert (empty.status_code, empty.json()) == (200, {"payload": {}})
    assert len(fine.json()["payload"]["orders"]) == 2
    assert sim.faults.injected == {"empty_payload": 1}


def test_transient_invalid_input_on_a_next_token_page_succeeds_on_retry():
    with running_simulator(seed=1, throttling=False) as sim, client(sim) as http:
        generate(sim, 25, lines_per_order=1)
        sim.faults.configure(next_token_invalid={"count": 1})
        first = http.get(ORDERS, params={**window(), "limit": 10}).json()["payload"]
        token = first["pagination"]["nextToken"]
        flake = http.get(ORDERS, params={**window(), "limit": 10, "nextToken": token})
        retry = http.get(ORDERS, params={**window(), "limit": 10, "nextToken": token})

    assert flake.status_code == 400
    assert flake.json()["errors"][0]["code"] == "InvalidInput"
    assert retry.status_code == 200
    assert len(retry.json()["payload"]["orders"]) == 10
    assert sim.faults.injected == {"next_token_invalid": 1}


def test_rate_faults_are_reproducible_with_a_seed():
    def pattern(seed):
        faults = {"server_error": {"rate": 0.5}}
        with (
            running_simulator(seed=seed, throttling=False, faults=faults) as sim,
            client(sim) as http,
        ):
            return statuses(http, 30)

    first, again = pattern(42), pattern(42)

    assert first == again
    assert 0 < first.count(503) < 30


def test_faults_can_be_limited_to_some_operations():
    faults = {"server_error": {"count": 5}, "operations": ["getTransaction"]}
    with running_simulator(throttling=False, faults=faults) as sim, client(sim) as http:
        orders = statuses(http, 2)
        transaction = http.get("/vendor/transactions/v1/transactions/nope")

    assert orders == [200, 200]
    assert transaction.status_code == 503


def test_faults_never_touch_lwa_or_the_control_api():
    with running_simulator(faults={"server_error": {"rate": 1.0}, "drop": {"rate": 1.0}}) as sim:
        token = httpx.post(
            sim.lwa_url,
            data={
                "grant_type": "refresh_token",
                "refresh_token": sim.refresh_token,
                "client_id": sim.client_id,
                "client_secret": sim.client_secret,
            },
        )
        control = httpx.get(f"{sim.control_url}/faults")

    assert token.status_code == 200
    assert control.status_code == 200


def test_faults_are_configured_and_reset_through_the_control_api():
    with running_simulator(throttling=False) as sim, client(sim) as http:
        configured = httpx.post(
            f"{sim.control_url}/faults",
            json={"server_error": {"count": 1}, "server_error_status": 500},
        )
        seen = statuses(http, 2)
        unknown = httpx.post(f"{sim.control_url}/faults", json={"explode": {"count": 1}})
        bad_rate = httpx.post(f"{sim.control_url}/faults", json={"drop": {"rate": 2}})
        httpx.post(f"{sim.control_url}/faults", json={"drop": {"rate": 1.0}})
        reset = httpx.post(f"{sim.control_url}/faults/reset", json={})
        after = statuses(http, 1)

    assert configured.json()["server_error"] == {"rate": 0.0, "count": 1}
    assert seen == [500, 200]
    assert unknown.status_code == 400 and "explode" in unknown.json()["error"]
    assert (
        bad_rate.status_code == 400
        and bad_rate.json()["error"] == "drop.rate must be between 0 and 1"
    )
    assert reset.json()["drop"] == {"rate": 0.0, "count": 0} and reset.json()["injected"] == {}
    assert after == [200]


def test_paging_through_faults_still_sees_each_po_once_after_retries():
    with running_simulator(seed=3, throttling=False) as sim, client(sim) as http:
        generate(sim, 30, lines_per_order=1)
        sim.faults.configure(next_token_invalid={"count": 1})
        with pytest.raises(AssertionError):
            all_pages(http, ORDERS, {**window(), "limit": 10})
        pages = all_pages(http, ORDERS, {**window(), "limit": 10})

    assert sum(len(p) for p in pages) == 30
