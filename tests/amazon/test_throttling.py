import threading
import time
from pathlib import Path

import pytest

from tests.amazon.builders import CREDENTIALS, FakeAmazon, json_response, make_client, po
from tests.amazon.ratelimit_helpers import FakeClock, acquire_times, conforms_to_token_bucket
from vendorflow.integrations.amazon import ratelimit
from vendorflow.integrations.amazon.client import PURCHASE_ORDERS
from vendorflow.integrations.amazon.ratelimit import (
    BucketLimiter,
    UsagePlan,
    memory_buckets,
    sqlite_buckets,
)


def memory_limiter(clock):
    return BucketLimiter(memory_buckets(), clock=clock, sleep=clock.sleep)


def test_a_burst_of_50_calls_never_exceeds_10_per_second_burst_10():
    clock = FakeClock()
    start = clock()

    times = acquire_times(memory_limiter(clock), clock, "key", "getPurchaseOrders", 50)

    assert conforms_to_token_bucket(times, rate=10, burst=10)
    assert times[:10] == [start] * 10
    assert times[10] > start + 1.0
    assert start + 4.0 < times[-1] < start + 4.1


def test_get_transaction_allows_a_burst_of_20_then_10_per_second():
    clock = FakeClock()
    start = clock()

    times = acquire_times(memory_limiter(clock), clock, "key", "getTransaction", 50)

    assert conforms_to_token_bucket(times, rate=10, burst=20)
    assert times[:20] == [start] * 20
    assert times[20] > start


def test_each_credential_and_operation_has_its_own_bucket():
    clock = FakeClock()
    start = clock()
    limiter = memory_limiter(clock)

    for key, operation in [
        ("a", "getPurchaseOrders"),
        ("a", "getPurchaseOrder"),
        ("b", "getPurchaseOrders"),
    ]:
        assert acquire_times(limiter, clock, key, operation, 10) == [start] * 10


def test_two_sqlite_limiters_on_one_file_share_the_bucket(tmp_path):
    clock = FakeClock()
    start = clock()
    path = tmp_path / "limits.sqlite"
    first = BucketLimiter(sqlite_buckets(path), clock=clock, sleep=clock.sleep)
    second = BucketLimiter(sqlite_buckets(path), clock=clock, sleep=clock.sleep)

    times = acquire_times(first, clock, "key", "getPurchaseOrders", 6)
    times += acquire_times(second, clock, "key", "getPurchaseOrders", 6)

    assert times[:10] == [start] * 10
    assert times[10] > start + 1.0
    assert conforms_to_token_bucket(times, rate=10, burst=10)


def test_sqlite_bucket_holds_under_concurrent_limiters_in_real_time(tmp_path):
    plans = {"op": UsagePlan(rate=100, burst=10)}
    path = tmp_path / "limits.sqlite"
    limiters = [BucketLimiter(sqlite_buckets(path), plans=plans) for _ in range(3)]
    times: list[float] = []

    def work(limiter):
        for _ in range(10):
            limiter.acquire("key", "op")
            times.append(time.time())

    threads = [threading.Thread(target=work, args=(limiter,)) for limiter in limiters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(times) == 30
    assert conforms_to_token_bucket(times, rate=100, burst=10)


def test_the_client_takes_a_token_for_every_api_call_but_not_for_login():
    class Spy:
        def __init__(self):
            self.taken = []

        def acquire(self, key, operation):
            self.taken.append((key, operation))

    spy = Spy()
    fake = FakeAmazon().queue(
        f"{PURCHASE_ORDERS}/PO1",
        json_response(429, {"errors": [{"code": "QuotaExceeded", "message": "slow down"}]}),
        json_response(200, {"payload": po("PO1")}),
    )

    make_client(fake, limiter=spy).get_purchase_order("PO1")

    assert spy.taken == [(CREDENTIALS.key, "getPurchaseOrder")] * 2


@pytest.mark.parametrize(
    ("configured", "redis_url", "expected"),
    [
        ("", "", "sqlite"),
        ("", "redis://127.0.0.1:6379/0", "redis"),
        ("memory", "redis://127.0.0.1:6379/0", "memory"),
        ("SQLite", "redis://127.0.0.1:6379/0", "sqlite"),
        ("disabled", "", "disabled"),
    ],
)
def test_backend_follows_the_settings(configured, redis_url, expected):
    assert ratelimit.choose_backend(configured, redis_url) == expected


def test_unknown_or_incomplete_backend_settings_are_refused():
    with pytest.raises(
        ValueError, match="must be one of memory, sqlite, redis, disabled, got 'postgres'"
    ):
        ratelimit.choose_backend("postgres", "")
    with pytest.raises(ValueError, match="needs REDIS_URL"):
        ratelimit.choose_backend("redis", "")


def test_the_default_sqlite_limiter_keeps_its_file_in_the_data_dir(tmp_path):
    limiter = ratelimit.build_limiter("sqlite", data_dir=tmp_path)
    limiter.acquire("key", "getPurchaseOrders")

    assert Path(tmp_path / "amazon-ratelimit.sqlite").exists()
    assert isinstance(
        ratelimit.build_limiter("disabled", data_dir=tmp_path), ratelimit.DisabledLimiter
    )
