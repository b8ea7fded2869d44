"""The secret values this process has handled, and hiding them in text that leaves the process.

Code that holds a secret in plain text (a decrypted channel secret, an LWA access token, an API
token key) calls `remember(value)`. Error reports (`lib/error_reports.py`) and the log handlers
(`HideSecrets`) replace every occurrence of a remembered value with `MASK`, in the forms a value
takes on its way into a report: as is, URL-encoded, quoted by `repr` or JSON, HTML-escaped.

The registry is bounded: the `CAPACITY` most recently used values (each `remember` renews its
value). Values shorter than `MIN_LENGTH` are never kept, so an ordinary short word ("USD", a PO
state) is never hidden.
"""

import html
import json
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import quote, quote_plus

MASK = "********************"  # Django's `SafeExceptionReporterFilter.cleansed_substitute`
MIN_LENGTH = 8  # Django's shortest valid password; every token and key is longer
CAPACITY = 256
ENCODING_ERRORS = "surrogatepass"  # a lone surrogate (JSON "\ud800") must not break a report

# Names under which a value is a secret, wherever the value comes from (a POST field, a JSON key,
# a header in request.META, a setting): "client_secret", "refresh_token", "password",
# "HTTP_AUTHORIZATION", "SECRET_KEY", a DATABASES "PASSWORD" ... but not "PASSWORD_HASHERS".
SECRET_NAMES = re.compile(
    r"SECRET|PASSWORD\d?$|PASSWD|TOKEN|SIGNATURE|AUTHORIZATION|HTTP_COOKIE|(^|_)KEY$", re.I
)


def worth_hiding(value: object) -> bool:
    return isinstance(value, str) and len(value.strip()) >= MIN_LENGTH


class SecretValues:
    """A thread-safe, bounded set of secret values, the least recently used dropped first."""

    def __init__(self, capacity: int = CAPACITY):
        self.capacity = capacity
        self._values: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()
        self._snapshot: frozenset[str] = frozenset()

    def remember(self, *values: str) -> None:
        with self._lock:
            changed = False
            for value in values:
                if not worth_hiding(value):
                    continue
                if value in self._values:
                    self._values.move_to_end(value)
                    continue
                self._values[value] = None
                changed = True
                if len(self._values) > self.capacity:
                    self._values.popitem(last=False)
            if changed:
                self._snapshot = frozenset(self._values)

    def values(self) -> frozenset[str]:
        return self._snapshot

    def forget_all(self) -> None:
        with self._lock:
            self._values.clear()
            self._snapshot = frozenset()


known = SecretValues()


def remember(*values: str) -> None:
    """Note secret values this process now holds in plain text (short ones are ignored)."""
    known.remember(*values)


def forms(value: str) -> set[str]:
    """The ways `value` appears in a report: as is, URL-encoded (a form body, a query string),
    inside `repr` or JSON quotes, inside `repr` of bytes, and each of those HTML-escaped."""
    plain = {
        value,
        quote(value, safe="", errors=ENCODING_ERRORS),
        quote(value, errors=ENCODING_ERRORS),
        quote_plus(value, errors=ENCODING_ERRORS),
        repr(value)[1:-1],
        json.dumps(value)[1:-1],
        repr(value.encode(errors=ENCODING_ERRORS))[2:-1],
    }
    return plain | {html.escape(form) for form in plain}


Text = TypeVar("Text", str, bytes)


class Redactor:
    """Hides a fixed set of secret values in text or bytes."""

    def __init__(self, values: Iterable[str], mask: str = MASK):
        found = {form for value in values if worth_hiding(value) for form in forms(value)}
        self.forms = sorted(found, key=len, reverse=True)
        self._bytes_forms = [form.encode(errors=ENCODING_ERRORS) for form in self.forms]
        self.mask = mask

    def __bool__(self) -> bool:
        return bool(self.forms)

    def text(self, text: str) -> str:
        return _masked(text, _spans(text, self.forms), self.mask)

    def bytes(self, data: bytes) -> bytes:
        return _masked(data, _spans(data, self._bytes_forms), self.mask.encode())

    def any(self, value: Any) -> Any:
        """`value` with the secrets hidden if it is text or bytes; anything else unchanged."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, bytes):
            return self.bytes(value)
        return value


def _spans(text: Text, forms: list[Text]) -> list[tuple[int, int]]:
    """Where any of `forms` occurs in `text` (overlapping occurrences included)."""
    spans = []
    for form in forms:
        start = text.find(form)
        while start != -1:
            spans.append((start, start + len(form)))
            start = text.find(form, start + 1)
    return spans


def _masked(text: Text, spans: list[tuple[int, int]], mask: Text) -> Text:
    """`text` with each stretch covered by `spans` (merged where they overlap) replaced by `mask`:
    an occurrence that overlaps another is hidden whole, never left half visible."""
    if not spans:
        return text
    pieces, shown_from = [], 0
    for start, end in sorted(spans):
        if start >= shown_from:
            pieces += [text[shown_from:start], mask]
        shown_from = max(shown_from, end)
    pieces.append(text[shown_from:])
    return text[:0].join(pieces)


@lru_cache(maxsize=4)  # one report asks many times for the same one
def redactor(values: frozenset[str], mask: str = MASK) -> Redactor:
    return Redactor(values, mask)


def hide(text: str, *, also: Iterable[str] = (), mask: str = MASK) -> str:
    """`text` with every remembered secret (and the values in `also`) replaced by `mask`."""
    return redactor(known.values() | frozenset(also), mask).text(text)


def named_values(data: Any, names: re.Pattern[str] = SECRET_NAMES) -> Iterator[str]:
    """The strings in nested dicts and lists that sit under a key matching `names`."""
    yield from _named(data, names, under_secret_name=False)


def _named(data: Any, names: re.Pattern[str], *, under_secret_name: bool) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            secret = under_secret_name or bool(names.search(str(key)))
            yield from _named(value, names, under_secret_name=secret)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from _named(value, names, under_secret_name=under_secret_name)
    elif under_secret_name and isinstance(data, str):
        yield data


class HideSecrets(logging.Filter):
    """A handler filter: remembered secrets never reach the log, neither in the message nor in
    the traceback of a logged exception."""

    def filter(self, record: logging.LogRecord) -> bool:
        hiding = redactor(known.values())
        if not hiding:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: the handler reports it as usual
            return True
        if hiding.text(message) != message:
            record.msg, record.args = hiding.text(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = hiding.text(record.exc_text)
        if record.stack_info:
            record.stack_info = hiding.text(record.stack_info)
        return True
