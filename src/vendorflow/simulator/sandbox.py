"""Static sandbox replay: the official models' `x-amzn-api-sandbox` examples, answered verbatim.

Like Amazon's sandbox, a request gets the example whose parameters it matches exactly (an example
with no parameter values matches anything), else 400 InvalidInput "Could not match input arguments".
"""

from functools import cache

from vendorflow.integrations.amazon import spec
from vendorflow.simulator.errors import invalid_input

SANDBOX_KEYS = ("x-amzn-api-sandbox", "x-amazon-spds-sandbox-behaviors")


@cache
def examples(model: str, path: str, method: str) -> list[tuple[int, dict, dict]]:
    """(status, parameters, response) for an operation, the most specific examples first."""
    found = []
    for status, response in spec.operation(model, path, method)["responses"].items():
        for key in SANDBOX_KEYS:
            behaviours = response.get(key, [])
            if isinstance(behaviours, dict):
                behaviours = behaviours.get("static", [])
            for example in behaviours:
                found.append((int(status), example["request"]["parameters"], example["response"]))
    return sorted(found, key=lambda example: -len(_values(example[1])))


def _values(parameters: dict) -> dict:
    return {
        name: p["value"] for name, p in parameters.items() if isinstance(p, dict) and "value" in p
    }


def _matches(expected: dict, received: dict) -> bool:
    for name, value in _values(expected).items():
        given = received.get(name)
        if isinstance(value, dict | list) or name == "body":
            if given != value:
                return False
        elif given is None or str(given).lower() != str(value).lower():
            return False
    return True


def replay(model: str, path: str, method: str, received: dict) -> tuple[int, dict]:
    """The status and body of the first example `received` (query, path and `body`) matches."""
    for status, parameters, response in examples(model, path, method):
        if _matches(parameters, received):
            return status, response
    raise invalid_input("Could not match input arguments")
