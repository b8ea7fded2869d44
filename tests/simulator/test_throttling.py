from tests.simulator.builders import ORDERS, client, generate
from vendorflow.simulator.testing import running_simulator
from vendorflow.simulator.throttle import Throttle


def test_default_plans_are_amazons_burst_10_and_20_for_get_transaction():
    throttle = Throttle()

    orders = [throttle.take("getPurchaseOrders") for _ in range(11)]
    transactions = [throttle.take("getTransaction") for _ in range(21)]

    assert orders == [True] * 10 + [False]
    assert transactions == [True] * 20 + [False]
    assert throttle.limit_header("getPurchaseOrders") == "10.0"


def test_buckets_are_per_operation():
    throttle = Throttle()
    for _ in range(10):
        throttle.take("getPurchaseOrders")

    assert throttle.take("getPurchaseOrders") is False
    assert throttle.take("getPurchaseOrder") is True


def test_throttled_call_is_429_quota_exceeded_without_the_rate_limit_header():
    with running_simulator() as sim, client(sim) as http:
        (number,) = generate(sim, 1)
        sim.throttle.configure(plans={"getPurchaseOrder": (0.01, 3)})
        responses = [http.get(f"{ORDERS}/{number}") for _ in range(5)]

    assert [r.status_code for r in responses] == [200, 200, 200, 429, 429]
    assert all(r.headers["x-amzn-RateLimit-Limit"] == "0.01" for r in responses[:3])
    for throttled in responses[3:]:
        assert "x-amzn-RateLimit-Limit" not in throttled.headers
        assert throttled.headers["x-amzn-RequestId"]
        assert throttled.json()["errors"][0]["code"] == "QuotaExceeded"


def test_throttling_off_lets_every_call_through():
    with running_simulator(throttling=False) as sim, client(sim) as http:
        statuses = {http.get(ORDERS).status_code for _ in range(30)}

    assert statuses == {200}


def test_control_api_switches_throttling():
    with running_simulator() as sim, client(sim) as http:
        off = http.post(f"{sim.control_url}/throttling", json={"enabled": False})
        statuses = {http.get(ORDERS).status_code for _ in range(15)}
        bad = http.post(
            f"{sim.control_url}/throttling", json={"plans": {"getPurchaseOrders": [0, 1]}}
        )

    assert off.json()["enabled"] is False
    assert statuses == {200}
    assert bad.status_code == 400
    assert "getPurchaseOrders" not in sim.throttle.plans
