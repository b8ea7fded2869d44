"""Fault injection: each fault fires for the next `count` eligible requests, then at `rate`.

Faults apply to SP-API operations only (never to LWA or the control API), optionally restricted to
some operations. `shipment_failure` is Amazon refusing a valid shipment confirmation: the request
is taken (202) and its transaction ends in `Failure` with `shipment_errors`. With a seed, which
requests get a rate-based fault is reproducible for a given request order. `injected` counts what
was actually injected, per fault.
"""

import random
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass

KINDS = (
    "throttle", "server_error", "slow", "drop", "malformed", "empty_payload", "next_token_invalid",
    "role_missing",
    "shipment_failure",
)  # fmt: skip
SETTINGS = (
    "server_error_status", "delay_ms", "operations", "token_expiry_every", "seed",
    "shipment_errors",
)  # fmt: skip
# What a `shipment_failure` transaction reports unless `shipment_errors` says otherwise.
SHIPMENT_ERRORS = (
    {
        "code": "INVALID_SHIPMENT_CONFIRMATION",
        "message": "The shipment confirmation could not be processed.",
        "details": "",
    },
)


@dataclass
class Trigger:
    rate: float = 0.0
    count: int = 0

    def validate(self, kind: str) -> None:
        if not 0 <= self.rate <= 1:
            raise ValueError(f"{kind}.rate must be between 0 and 1")
        if self.count < 0:
            raise ValueError(f"{kind}.count must not be negative")


class Faults:
    def __init__(self, seed: int | None = None, **settings):
        self._lock = threading.Lock()
        self.started = time.time()
        self.reset(seed)
        if settings:
            self.configure(**settings)

    def reset(self, seed: int | None = None) -> None:
        """Switch every fault off and zero the counters."""
        with self._lock:
            self.seed = seed
            self.rng = random.Random(seed)
            self.triggers = {kind: Trigger() for kind in KINDS}
            self.server_error_status = 503
            self.delay_ms = 0
            self.operations: list[str] = []
            self.token_expiry_every: float = 0
            self.shipment_errors: list[dict] = [dict(error) for error in SHIPMENT_ERRORS]
            self.injected: Counter[str] = Counter()

    def configure(self, **changes) -> None:
        """Set faults: `drop={"count": 1}`, `server_error={"rate": 0.1}`, `delay_ms=250`, ...

        All or nothing: an unknown name or bad value raises ValueError and changes nothing.
        """
        triggers = {k: self._trigger(k, v) for k, v in changes.items() if k in KINDS}
        unknown = sorted(set(changes) - set(KINDS) - set(SETTINGS))
        if unknown:
            raise ValueError(
                f"unknown fault setting(s): {', '.join(unknown)}; known: {KINDS + SETTINGS}"
            )
        settings = {k: v for k, v in changes.items() if k in SETTINGS}
        self._check_settings(settings)
        with self._lock:
            self.triggers.update(triggers)
            if "seed" in settings:
                self.seed, self.rng = settings.pop("seed"), random.Random(changes["seed"])
            for name, value in settings.items():
                setattr(self, name, value)

    @staticmethod
    def _trigger(kind: str, value) -> Trigger:
        trigger = value if isinstance(value, Trigger) else Trigger(**(value or {}))
        trigger.validate(kind)
        return trigger

    @staticmethod
    def _check_settings(settings: dict) -> None:
        if settings.get("server_error_status", 500) not in (500, 503):
            raise ValueError("server_error_status must be 500 or 503")
        for name in ("delay_ms", "token_expiry_every"):
            if settings.get(name, 0) < 0:
                raise ValueError(f"{name} must not be negative")
        if "shipment_errors" in settings:
            _check_errors(settings["shipment_errors"])

    def fire(self, kind: str, operation: str) -> bool:
        """Whether this request gets fault `kind` (and count it if so)."""
        with self._lock:
            if self.operations and operation not in self.operations:
                return False
            trigger = self.triggers[kind]
            hit = trigger.count > 0 or (trigger.rate > 0 and self.rng.random() < trigger.rate)
            if trigger.count > 0:
                trigger.count -= 1
            if hit:
                self.injected[kind] += 1
            return hit

    def shipment_refusal(self, operation: str) -> list[dict] | None:
        """The errors a shipment confirmation fails with if `shipment_failure` fires, else None."""
        if not self.fire("shipment_failure", operation):
            return None
        with self._lock:
            return [dict(error) for error in self.shipment_errors]

    def snapshot(self) -> dict:
        with self._lock:
            return {
                **{kind: asdict(trigger) for kind, trigger in self.triggers.items()},
                "server_error_status": self.server_error_status,
                "delay_ms": self.delay_ms,
                "operations": list(self.operations),
                "token_expiry_every": self.token_expiry_every,
                "shipment_errors": [dict(error) for error in self.shipment_errors],
                "seed": self.seed,
                "injected": dict(self.injected),
            }


def _check_errors(errors) -> None:
    """Amazon's error shape: a non-empty list of {code, message[, details]} strings."""
    if not isinstance(errors, list) or not errors:
        raise ValueError("shipment_errors must be a non-empty list of {code, message, details}")
    for index, error in enumerate(errors):
        if not isinstance(error, dict) or set(error) - {"code", "message", "details"}:
            raise ValueError(f"shipment_errors[{index}] must have only code, message, details")
        if not all(isinstance(error.get(k), str) and error[k] for k in ("code", "message")):
            raise ValueError(f"shipment_errors[{index}] needs a code and a message")
        if not isinstance(error.get("details", ""), str):
            raise ValueError(f"shipment_errors[{index}].details must be a string")
