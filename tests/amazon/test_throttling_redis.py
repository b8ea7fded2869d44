import uuid

import pytest
import redis

from tests.amazon.ratelimit_helpers import FakeClock, acquire_times, conforms_to_token_bucket
from vendorflow.integrations.amazon.ratelimit import BucketLimiter, redis_buckets


@pytest.mark.redis
def test_two_redis_limiters_share_one_bucket(redis_url):
    prefix = f"vendorflow-test:{uuid.uuid4().hex}"
    clock = FakeClock()
    start = clock()
    first = BucketLimiter(redis_buckets(redis_url, prefix=prefix), clock=clock, sleep=clock.sleep)
    second = BucketLimiter(redis_buckets(redis_url, prefix=prefix), clock=clock, sleep=clock.sleep)
    try:
        times = acquire_times(first, clock, "key", "getPurchaseOrders", 7)
        times += acquire_times(second, clock, "key", "getPurchaseOrders", 7)
        times += acquire_times(first, clock, "key", "getPurchaseOrders", 7)
    finally:
        connection = redis.Redis.from_url(redis_url)
        for key in connection.scan_iter(f"{prefix}:*"):
            connection.delete(key)

    assert times[:10] == [start] * 10
    assert times[10] > start + 1.0
    assert conforms_to_token_bucket(times, rate=10, burst=10)
