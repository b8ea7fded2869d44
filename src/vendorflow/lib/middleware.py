"""Refuse a NUL character in a request's parameters, form fields or JSON body.

No field takes one, and PostgreSQL can neither store nor compare text containing it: left to the
database, a NUL in a search box or a scanned code is a server error. The answer names the field.
"""

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict

MESSAGE = "A NUL character (\\0) is not allowed."
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RejectNulCharacters:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = _field_with_nul(request)
        if field is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": {field: [MESSAGE]}}, status=422)
        return HttpResponse(f"{field}: {MESSAGE}", status=400, content_type="text/plain")


def _field_with_nul(request: HttpRequest) -> str | None:
    form = request.POST if request.method == "POST" and request.content_type in FORM_TYPES else None
    for data in (request.GET, form or QueryDict()):
        for key, values in data.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return _printable(key)
    if request.content_type == "application/json" and b"\\u0000" in request.body:
        try:
            path = _path_to_nul(json.loads(request.body))
        except (ValueError, RecursionError):
            return None  # not JSON, or nested too deep: the API says so itself
        return None if path is None else ".".join(path) or "body"
    return None


def _path_to_nul(value: Any, path: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """Where in a parsed JSON document a string holds a NUL, as keys and list positions."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    items: Iterable[tuple[Any, Any]] = ()
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    for key, item in items:
        if "\x00" in str(key):
            return (*path, _printable(str(key)))
        found = _path_to_nul(item, (*path, str(key)))
        if found is not None:
            return found
    return None


def _printable(name: str) -> str:
    return name.replace("\x00", "\\0")
