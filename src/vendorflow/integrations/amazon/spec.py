"""Validation against Amazon's official SP-API models (Swagger 2.0 files in ./spec, unmodified).

Used by the simulator to check every request it receives and by the tests to check every request
the client sends and every response the simulator answers with.
"""

import json
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, FormatChecker

SPEC_DIR = Path(__file__).resolve().parent / "spec"
ORDERS = "vendorOrders"
TRANSACTIONS = "vendorTransactionStatus"
SHIPMENTS = "vendorShipments"

_formats = FormatChecker()


@_formats.checks("date-time", raises=ValueError)
def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    return True


class SpecViolation(ValueError):
    """A payload or query that does not match the official model."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@cache
def load(spec: str) -> dict[str, Any]:
    return json.loads((SPEC_DIR / f"{spec}.json").read_text())


@cache
def _validator(spec: str, definition: str) -> Draft4Validator:
    document = load(spec)
    if definition not in document["definitions"]:
        raise KeyError(f"{spec} has no definition {definition!r}")
    schema = {"$ref": f"#/definitions/{definition}", "definitions": document["definitions"]}
    return Draft4Validator(schema, format_checker=_formats)


def problems(spec: str, definition: str, instance: Any) -> list[str]:
    """Every way `instance` breaks the named definition, as 'path: message' strings."""
    found = []
    for error in sorted(
        _validator(spec, definition).iter_errors(instance), key=lambda e: list(e.path)
    ):
        where = ".".join(str(part) for part in error.absolute_path) or "(root)"
        found.append(f"{where}: {error.message}")
    return found


def validate(spec: str, definition: str, instance: Any) -> None:
    found = problems(spec, definition, instance)
    if found:
        raise SpecViolation(found)


def operation(spec: str, path: str, method: str) -> dict[str, Any]:
    return load(spec)["paths"][path][method.lower()]


def query_problems(spec: str, path: str, method: str, query: Mapping[str, str]) -> list[str]:
    """Check query parameters (strings, as received) against an operation's declared parameters."""
    declared = {
        p["name"]: p
        for p in operation(spec, path, method).get("parameters", [])
        if p["in"] == "query"
    }
    found = [f"{name}: not a parameter of this operation" for name in query if name not in declared]
    for name, param in declared.items():
        if name not in query:
            if param.get("required"):
                found.append(f"{name}: is required")
            continue
        found.extend(_check_query_value(name, param, query[name]))
    return found


def _check_query_value(name: str, param: Mapping[str, Any], raw: str) -> list[str]:
    kind, fmt = param.get("type"), param.get("format")
    if "enum" in param and raw not in param["enum"]:
        return [f"{name}: {raw!r} is not one of {param['enum']}"]
    if kind == "integer":
        try:
            value = int(raw)
        except ValueError:
            return [f"{name}: {raw!r} is not an integer"]
        if "maximum" in param and value > param["maximum"]:
            return [f"{name}: {value} is greater than the maximum of {param['maximum']}"]
        if "minimum" in param and value < param["minimum"]:
            return [f"{name}: {value} is less than the minimum of {param['minimum']}"]
    if fmt == "boolean" and raw not in ("true", "false"):
        return [f"{name}: {raw!r} is not true or false"]
    if fmt == "date-time":
        try:
            _is_datetime(raw)
        except ValueError:
            return [f"{name}: {raw!r} is not an ISO 8601 date-time with a time zone"]
    return []
