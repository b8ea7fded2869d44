"""Amazon's usage plans: a token bucket per operation (rate per second, burst)."""

import threading
import time

DEFAULT_PLAN = (10.0, 10)
PLANS = {"getTransaction": (10.0, 20)}


class Throttle:
    def __init__(self, enabled: bool = True, plans: dict[str, tuple[float, int]] | None = None):
        self.enabled = enabled
        self.plans = {**PLANS, **(plans or {})}
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def plan(self, operation: str) -> tuple[float, int]:
        return self.plans.get(operation, DEFAULT_PLAN)

    def limit_header(self, operation: str) -> str:
        """The `x-amzn-RateLimit-Limit` value Amazon sends on answered requests."""
        return str(self.plan(operation)[0])

    def take(self, operation: str) -> bool:
        """Spend one token of `operation`'s bucket; False when it is empty (→ 429)."""
        if not self.enabled:
            return True
        rate, burst = self.plan(operation)
        with self._lock:
            tokens, last = self._buckets.get(operation, (float(burst), time.monotonic()))
            current = time.monotonic()
            tokens = min(float(burst), tokens + (current - last) * rate)
            allowed = tokens >= 1
            self._buckets[operation] = (tokens - 1 if allowed else tokens, current)
            return allowed

    def configure(self, enabled: bool | None = None, plans: dict | None = None) -> None:
        checked = {}
        for operation, (rate, burst) in (plans or {}).items():
            if rate <= 0 or burst < 1:
                raise ValueError(f"plans.{operation} needs rate > 0 and burst >= 1")
            checked[operation] = (float(rate), int(burst))
        with self._lock:
            if enabled is not None:
                self.enabled = bool(enabled)
            self.plans.update(checked)
            self._buckets.clear()

    def snapshot(self) -> dict:
        return {"enabled": self.enabled, "plans": {k: list(v) for k, v in self.plans.items()}}
