"""Client-side rate limiting of SP-API calls: one bucket per (credential key, operation).

Amazon meters each operation per selling partner and application with a token bucket (rate r per
second, burst b). We keep at most b calls in any sliding window of b / r seconds, which never
exceeds Amazon's bucket: in any span of t seconds it admits at most b * ceil(t * r / b) <= b + r * t
calls. `acquire` blocks until the call may go out.

Buckets live in pyrate-limiter storage: in memory (one process), a SQLite file (all processes on a
machine) or Redis (all machines), so every worker shares the same limits.
"""

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol, cast

from pyrate_limiter import AbstractBucket, InMemoryBucket, Rate, RateItem, RedisBucket, SQLiteBucket

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class UsagePlan:
    rate: float  # requests per second
    burst: int

    def rates(self) -> list[Rate]:
        return [Rate(self.burst, int(1000 * self.burst / self.rate))]


# The official usage plans (vendorOrders.json, vendorShipments.json, vendorTransactionStatus.json).
USAGE_PLANS = {
    "getPurchaseOrders": UsagePlan(10, 10),
    "getPurchaseOrder": UsagePlan(10, 10),
    "submitAcknowledgement": UsagePlan(10, 10),
    "getPurchaseOrdersStatus": UsagePlan(10, 10),
    "submitShipmentConfirmations": UsagePlan(10, 10),
    "getTransaction": UsagePlan(10, 20),
    "getShipmentDetails": UsagePlan(10, 10),
}
# Any operation without a published plan gets a modest one.
DEFAULT_PLAN = UsagePlan(1, 5)

BACKENDS = ("memory", "sqlite", "redis", "disabled")
LEAK_EVERY = 200  # acquisitions between clean-ups of expired entries


class Limiter(Protocol):
    def acquire(self, key: str, operation: str) -> None:
        """Block until one call of `operation` for the credential `key` may be sent."""


class DisabledLimiter:
    """No limiting at all: for benchmarks against a local simulator."""

    def acquire(self, key: str, operation: str) -> None:
        return None


BucketMaker = Callable[[str, list[Rate]], AbstractBucket]


class BucketLimiter:
    """Blocking acquire over pyrate-limiter buckets created on first use by `make_bucket`."""

    def __init__(
        self,
        make_bucket: BucketMaker,
        *,
        plans: dict[str, UsagePlan] | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self._make_bucket = make_bucket
        self._plans = USAGE_PLANS if plans is None else plans
        self._clock = clock
        self._sleep = sleep
        self._buckets: dict[str, tuple[AbstractBucket, threading.Lock]] = {}
        self._lock = threading.Lock()
        self._puts = 0

    def acquire(self, key: str, operation: str) -> None:
        name = f"{key}:{operation}"
        bucket, lock = self._bucket(name, operation)
        while True:
            item = RateItem(name, self._now_ms())
            with lock:
                if bucket.put(item):
                    self._maybe_leak(bucket, item.timestamp)
                    return
                wait_ms = cast(int, bucket.waiting(item))  # sync buckets answer at once
            self._sleep(max(int(wait_ms), 1) / 1000)

    def _bucket(self, name: str, operation: str) -> tuple[AbstractBucket, threading.Lock]:
        with self._lock:
            if name not in self._buckets:
                rates = self._plans.get(operation, DEFAULT_PLAN).rates()
                self._buckets[name] = (self._make_bucket(name, rates), threading.Lock())
            return self._buckets[name]

    def _now_ms(self) -> int:
        return int(self._clock() * 1000)

    def _maybe_leak(self, bucket: AbstractBucket, now_ms: int) -> None:
        self._puts += 1
        if self._puts % LEAK_EVERY == 0:
            bucket.leak(now_ms)


# --- storage backends -----------------------------------------------------------------------


def memory_buckets() -> BucketMaker:
    return lambda name, rates: InMemoryBucket(rates)


class _AtomicSQLiteBucket(SQLiteBucket):
    """SQLiteBucket whose count-then-insert is one write transaction, so processes cannot race."""

    def put(self, item: RateItem) -> bool:
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                return super().put(item)
            finally:
                if self.conn.in_transaction:
                    self.conn.commit()


def sqlite_buckets(path: Path) -> BucketMaker:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = _sqlite_connection(path)
    lock = threading.RLock()

    def make(name: str, rates: list[Rate]) -> AbstractBucket:
        table = "bucket_" + "".join(ch if ch.isalnum() else "_" for ch in name)
        with lock:
            connection.execute(
                f'CREATE TABLE IF NOT EXISTS "{table}" (name VARCHAR, item_timestamp INTEGER)'
            )
            connection.execute(
                f'CREATE INDEX IF NOT EXISTS "idx_{table}" ON "{table}" (item_timestamp)'
            )
            connection.commit()
        return _AtomicSQLiteBucket(rates, connection, table, lock=lock)

    return make


def _sqlite_connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(
        str(path), timeout=30, isolation_level="DEFERRED", check_same_thread=False
    )
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA busy_timeout=30000")
    return connection


def redis_buckets(url: str, *, prefix: str = "vendorflow:amazon:ratelimit") -> BucketMaker:
    import redis

    client = redis.Redis.from_url(url)
    return lambda name, rates: RedisBucket.init(rates, client, f"{prefix}:{name}")


# --- the app's limiter ----------------------------------------------------------------------


def choose_backend(configured: str, redis_url: str) -> str:
    """AMAZON_RATE_LIMIT_BACKEND when set, else Redis when REDIS_URL is set, else SQLite."""
    backend = (configured or "").strip().lower()
    if backend and backend not in BACKENDS:
        raise ValueError(
            f"AMAZON_RATE_LIMIT_BACKEND must be one of {', '.join(BACKENDS)}, got {configured!r}"
        )
    if backend == "redis" and not redis_url:
        raise ValueError("AMAZON_RATE_LIMIT_BACKEND=redis needs REDIS_URL")
    return backend or ("redis" if redis_url else "sqlite")


def build_limiter(backend: str, *, data_dir: Path, redis_url: str = "") -> Limiter:
    if backend == "disabled":
        return DisabledLimiter()
    if backend == "memory":
        return BucketLimiter(memory_buckets())
    if backend == "redis":
        return BucketLimiter(redis_buckets(redis_url))
    return BucketLimiter(sqlite_buckets(data_dir / "amazon-ratelimit.sqlite"))


@lru_cache(maxsize=1)
def default_limiter() -> Limiter:
    """The process-wide limiter configured by the settings."""
    from django.conf import settings

    redis_url = getattr(settings, "REDIS_URL", "")
    backend = choose_backend(getattr(settings, "AMAZON_RATE_LIMIT_BACKEND", ""), redis_url)
    logger.info("Amazon rate limits kept in %s", backend)
    return build_limiter(backend, data_dir=Path(settings.DATA_DIR), redis_url=redis_url)
