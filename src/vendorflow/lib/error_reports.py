"""Error reports that never show a secret: the DEBUG page and the report mailed to ADMINS.

`SecretHidingFilter` (DEFAULT_EXCEPTION_REPORTER_FILTER) keeps Django's rules by name
(`sensitive_variables`, `sensitive_post_parameters`, settings, headers and cookies whose names
look secret), on the DEBUG page as well, and hides every known secret *value* wherever it shows:
the local variables of every frame (httpx's as much as ours; inside strings, bytes, dicts, lists
and the reprs of objects), request.META, cookies, POST and settings. `SecretHidingReporter`
(DEFAULT_EXCEPTION_REPORTER) passes the rendered report through the same hiding once more, for
what the filter never sees: exception messages and the request's URL.

Known secret values are those `lib.redaction` remembers (decrypted channel secrets, access
tokens, API token keys) and those the request and the settings hold under secret names: the
Authorization header and its credential, session and CSRF cookies, POST fields and JSON body keys
such as `password` or `client_secret`, `SECRET_KEY`, database passwords, passwords in URLs.
"""

import json
import threading
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from django.conf import settings
from django.http import HttpRequest
from django.template.defaultfilters import pprint
from django.utils.datastructures import MultiValueDict
from django.utils.safestring import SafeString, mark_safe
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from vendorflow.lib import redaction

MAX_JSON_BODY = 1_000_000  # a larger JSON body is not searched for secret fields


class Shown:
    """A value as the report shows it, secrets hidden: its repr is that text."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


class SecretHidingFilter(SafeExceptionReporterFilter):
    cleansed_substitute = redaction.MASK

    def is_active(self, request: HttpRequest | None) -> bool:
        """Django's rules by name hold on the DEBUG page too (Django's own filter drops them)."""
        return True

    def get_safe_settings(self) -> dict[str, Any]:
        hiding = report_redactor(None)
        safe = super().get_safe_settings()
        return {name: _hidden(hiding, value) for name, value in safe.items()}

    def get_safe_request_meta(self, request: HttpRequest) -> dict[str, Any]:
        hiding = report_redactor(request)
        safe = super().get_safe_request_meta(request)
        return {name: _hidden(hiding, value) for name, value in safe.items()}

    def get_safe_cookies(self, request: HttpRequest) -> dict[str, Any]:
        hiding = report_redactor(request)
        safe = super().get_safe_cookies(request)
        return {name: _hidden(hiding, value) for name, value in safe.items()}

    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        post = super().get_post_parameters(request)
        if not isinstance(post, MultiValueDict) or not post:
            return post
        hiding = report_redactor(request)
        hidden = post.copy()
        for name, values in post.lists():
            hidden.setlist(name, [hiding.any(value) for value in values])
        return hidden

    def get_traceback_frame_variables(self, request: HttpRequest | None, tb_frame: Any) -> Any:
        """Every variable as its text (what the report shows of it), secrets hidden before the
        report cuts a long one short, so that no part of a secret is left at the cut."""
        hiding = report_redactor(request)
        variables = super().get_traceback_frame_variables(request, tb_frame)
        return [(name, Shown(hiding.text(pprint(value)))) for name, value in variables]


class SecretHidingReporter(ExceptionReporter):
    def get_traceback_html(self) -> SafeString:
        return self._hidden(super().get_traceback_html())

    def get_traceback_text(self) -> SafeString:
        return self._hidden(super().get_traceback_text())

    def _hidden(self, rendered: SafeString) -> SafeString:
        hidden = report_redactor(self.request).text(rendered)
        return mark_safe(hidden)  # noqa: S308 - Django's escaped report with asterisks put in


def _hidden(hiding: redaction.Redactor, value: Any) -> Any:
    """`value`, or its text with the secrets hidden when it shows one."""
    if isinstance(value, str | bytes):
        return hiding.any(value)
    text = pprint(value)
    hidden = hiding.text(text)
    return value if hidden == text else Shown(hidden)


def report_redactor(request: HttpRequest | None) -> redaction.Redactor:
    values = redaction.known.values() | setting_values() | request_values(request)
    return redaction.redactor(values)


def setting_values() -> frozenset[str]:
    """Values of settings with secret names, and the passwords inside URLs in any setting."""
    data = {name: getattr(settings, name) for name in dir(settings) if name.isupper()}
    found = set(redaction.named_values(data))
    found.update(password for text in _strings(data) if (password := _url_password(text)))
    return frozenset(value for value in found if redaction.worth_hiding(value))


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from _strings(value)


def _url_password(text: str) -> str | None:
    if "://" not in text:
        return None
    try:
        return urlsplit(text).password
    except ValueError:
        return None


_by_request: "WeakKeyDictionary[HttpRequest, frozenset[str]]" = WeakKeyDictionary()
_by_request_lock = threading.Lock()


def request_values(request: HttpRequest | None) -> frozenset[str]:
    """The secret values the request carries (worked out once per request)."""
    if request is None:
        return frozenset()
    with _by_request_lock:
        cached = _by_request.get(request)
    if cached is not None:
        return cached
    found = frozenset(v for v in _carried(request) if redaction.worth_hiding(v))
    with _by_request_lock:
        _by_request[request] = found
    return found


def _carried(request: HttpRequest) -> Iterator[str]:
    secret_name = redaction.SECRET_NAMES.search
    for name, value in getattr(request, "META", {}).items():
        if isinstance(value, str) and secret_name(name):
            yield value
            yield from value.split()  # "Bearer <key>": the key alone as well
    for name, value in getattr(request, "COOKIES", {}).items():
        if name == settings.SESSION_COOKIE_NAME or secret_name(name):
            yield value
    yield from _post_values(request)
    yield from _json_values(request)


def _post_values(request: HttpRequest) -> Iterable[str]:
    try:
        post = request.POST
    except Exception:  # the body could not be read: the error being reported, perhaps
        return []
    marked = getattr(request, "sensitive_post_parameters", [])
    secret_name = redaction.SECRET_NAMES.search
    return [
        value
        for name, values in post.lists()
        if marked == "__ALL__" or name in marked or secret_name(name)
        for value in values
    ]


def _json_values(request: HttpRequest) -> Iterable[str]:
    if "json" not in (getattr(request, "content_type", "") or ""):
        return []
    try:
        body = request.body
    except Exception:  # read as a stream, or too large: nothing to search
        return []
    if len(body) > MAX_JSON_BODY:
        return []
    try:
        return list(redaction.named_values(json.loads(body)))
    except (ValueError, RecursionError):  # not JSON, or nested too deep to read or walk
        return []
