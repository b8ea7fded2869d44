"""The /_sim/ control API (JSON, loopback only): drive the simulated Amazon from tests and demos.

Errors answer {"error": "..."} with 400 (bad input) or 404 (unknown PO / route).
"""

import json
import re
from collections.abc import Callable
from datetime import timedelta

from vendorflow.integrations.amazon import spec
from vendorflow.simulator import changes, clock
from vendorflow.simulator.generator import GenerateSpec


class ControlError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def handle(app, request) -> tuple[int, dict]:
    for method, pattern, view in ROUTES:
        match = re.fullmatch(pattern, request.path)
        if match and method == request.method:
            try:
                return view(app, _body(request), **match.groupdict())
            except ControlError as error:
                return error.status, {"error": str(error)}
            except LookupError as error:
                return 404, {"error": str(error.args[0])}
            except (ValueError, TypeError) as error:
                return 400, {"error": str(error)}
    return 404, {"error": f"no control route {request.method} {request.path}"}


def _body(request) -> dict:
    if not request.body:
        return {}
    try:
        body = json.loads(request.body)
    except ValueError as error:
        raise ControlError(400, f"body is not valid JSON: {error}") from None
    if not isinstance(body, dict):
        raise ControlError(400, "body must be a JSON object")
    return body


def generate_spec(options: dict) -> GenerateSpec:
    """A GenerateSpec from JSON-ish options (the control API, the CLI and `running_simulator`)."""
    known = {
        "count",
        "vendor_code",
        "fcs",
        "items",
        "lines_per_order",
        "created_at",
        "created_from",
        "created_to",
        "cases_share",
    }
    unknown = sorted(set(options) - known)
    if unknown:
        raise ValueError(f"unknown generate option(s): {', '.join(unknown)}")
    lines = options.get("lines_per_order", (1, 8))
    lines = (lines, lines) if isinstance(lines, int) else tuple(lines)
    at = options.get("created_at")
    return GenerateSpec(
        count=_positive(options.get("count", 1), "count"),
        vendor_code=options.get("vendor_code", ""),
        fcs=tuple(options.get("fcs", ())),
        items=tuple(options.get("items", ())),
        lines_per_order=(
            _positive(lines[0], "lines_per_order"),
            _positive(lines[-1], "lines_per_order"),
        ),
        created_from=_when(options.get("created_from") or at),
        created_to=_when(options.get("created_to") or at),
        cases_share=float(options.get("cases_share", 0.6)),
    )


def _positive(value, name: str) -> int:
    if not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive integer")
    return value


def _when(value):
    if value is None or not isinstance(value, str):
        return value
    try:
        return clock.parse(value)
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 date-time") from None


# views ------------------------------------------------------------------------------------


def summary(app, body):
    state = app.state
    with state.lock:
        counts = {
            "orders": len(state.orders),
            "acknowledgements": len(state.acknowledgements),
            "shipmentConfirmations": len(state.shipment_confirmations),
            "shipments": len(state.shipments),
            "transactions": len(state.transactions),
        }
        return 200, {
            **counts,
            "vendors": list(state.vendors),
            "fcs": list(state.fcs),
            "items": len(state.items),
            "sandbox": app.sandbox,
            "faults": app.faults.snapshot(),
            "throttling": app.throttle.snapshot(),
            "credentials": vars(app.auth.credentials),
        }


def create_orders(app, body):
    if "generate" in body:
        return 201, {"created": app.state.generate(generate_spec(body["generate"]))}
    orders = body.get("orders")
    if not isinstance(orders, list) or not orders:
        raise ValueError('send {"orders": [Order, ...]} or {"generate": {...}}')
    problems = [
        f"orders[{i}].{p}"
        for i, o in enumerate(orders)
        for p in spec.problems(spec.ORDERS, "Order", o)
    ]
    problems += [
        f"orders[{i}]: orderDetails is required"
        for i, o in enumerate(orders)
        if "orderDetails" not in o
    ]
    if problems:
        raise ValueError("; ".join(problems))
    return 201, {"created": app.state.add_orders(orders)}


def list_orders(app, body):
    records = app.state.all_orders()
    return 200, {
        "orders": [
            {"purchaseOrderNumber": r.number, "purchaseOrderState": r.state} for r in records
        ]
    }


def show_order(app, body, number):
    with app.state.lock:
        record = app.state.get(number)
        if record is None:
            raise LookupError(f"purchase order {number!r} does not exist")
        return 200, {**record.to_dict(), "shipments": app.state.shipments_of(number)}


def change_order(app, body, number):
    known = {"quantities", "cancel", "ship_to"}
    if set(body) - known - {"at"} or not set(body) & known:
        raise ValueError(f"send any of {sorted(known)} (and optionally at)")
    record = changes.change_order(
        app.state,
        number,
        quantities=body.get("quantities"),
        cancel=body.get("cancel", ()),
        ship_to=body.get("ship_to", ""),
        at=_at(body),
    )
    return 200, record.order


def close_order(app, body, number):
    if set(body) - {"at"}:
        raise ValueError('send nothing, or {"at": "<ISO 8601 date-time>"}')
    return 200, changes.close_order(app.state, number, at=_at(body)).order


def _at(body: dict):
    """The moment Amazon makes the change ("at", ISO 8601); now when it is not given."""
    at = body.get("at")
    if at is not None and not isinstance(at, str):
        raise ValueError("at must be an ISO 8601 date-time string")
    return _when(at)


def list_acknowledgements(app, body):
    with app.state.lock:
        return 200, {"acknowledgements": list(app.state.acknowledgements)}


def list_shipment_confirmations(app, body):
    with app.state.lock:
        return 200, {"shipmentConfirmations": list(app.state.shipment_confirmations)}


def list_shipments(app, body):
    with app.state.lock:
        return 200, {"shipments": list(app.state.shipments.values())}


def set_shipment_processing(app, body):
    seconds = body.get("seconds")
    if set(body) != {"seconds"} or not isinstance(seconds, int | float) or seconds < 0:
        raise ValueError('send {"seconds": n} with n >= 0')
    app.state.shipment_processing = timedelta(seconds=seconds)
    return 200, {"seconds": seconds}


def list_transactions(app, body):
    with app.state.lock:
        app.state.settle(clock.now())
        return 200, {"transactions": list(app.state.transactions.values())}


def reset(app, body):
    app.state.reset()
    return 200, {"reset": True}


def show_faults(app, body):
    return 200, app.faults.snapshot()


def set_faults(app, body):
    app.faults.configure(**body)
    return 200, app.faults.snapshot()


def reset_faults(app, body):
    app.faults.reset(body.get("seed"))
    return 200, app.faults.snapshot()


def show_throttling(app, body):
    return 200, app.throttle.snapshot()


def set_throttling(app, body):
    app.throttle.configure(body.get("enabled"), body.get("plans"))
    return 200, app.throttle.snapshot()


def expire_tokens(app, body):
    return 200, {"expired": app.auth.expire_all()}


def issue_token(app, body):
    return 201, {"access_token": app.auth.issue()}


def seed(app, body):
    if "path" in body:
        with open(body["path"]) as handle:
            body = json.load(handle)
    return 201, {"created": app.state.seed_from(body)}


def save(app, body):
    app.state.save(body.get("path"))
    return 200, {"saved": str(body.get("path") or app.state.path)}


PO = r"(?P<number>[^/]+)"
ROUTES: list[tuple[str, str, Callable[..., tuple[int, dict]]]] = [
    ("GET", "/_sim/", summary),
    ("GET", "/_sim/orders", list_orders),
    ("POST", "/_sim/orders", create_orders),
    ("GET", f"/_sim/orders/{PO}", show_order),
    ("POST", f"/_sim/orders/{PO}/change", change_order),
    ("POST", f"/_sim/orders/{PO}/close", close_order),
    ("GET", "/_sim/acknowledgements", list_acknowledgements),
    ("GET", "/_sim/shipment-confirmations", list_shipment_confirmations),
    ("POST", "/_sim/shipment-confirmations/processing", set_shipment_processing),
    ("GET", "/_sim/shipments", list_shipments),
    ("GET", "/_sim/transactions", list_transactions),
    ("POST", "/_sim/reset", reset),
    ("GET", "/_sim/faults", show_faults),
    ("POST", "/_sim/faults", set_faults),
    ("POST", "/_sim/faults/reset", reset_faults),
    ("GET", "/_sim/throttling", show_throttling),
    ("POST", "/_sim/throttling", set_throttling),
    ("POST", "/_sim/tokens", issue_token),
    ("POST", "/_sim/tokens/expire", expire_tokens),
    ("POST", "/_sim/seed", seed),
    ("POST", "/_sim/save", save),
]
