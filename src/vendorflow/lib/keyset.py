"""Keyset ("seek") pagination: a page starts after the sort key of the previous page's last row,
so page 500 costs what page 1 costs — one index range of a page's length — where an OFFSET
would read and drop every row before it.

The cursor is the sort key of the row to start after (or before), as URL-safe base64 JSON. A
cursor that does not decode to the sort's field types is refused with `InvalidCursor`; it never
reaches the database.
"""

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime


class InvalidCursor(ValueError):
    pass


@dataclass(frozen=True)
class KeysetPage:
    items: list
    next_cursor: str | None  # rows after the last item, or None at the end
    previous_cursor: str | None  # rows before the first item, or None at the start


def paginate(
    queryset: QuerySet,
    keys: Sequence[str],
    *,
    size: int,
    after: str | None = None,
    before: str | None = None,
) -> KeysetPage:
    """One page of `queryset` ordered by `keys` (field names, "-" for descending, unique
    together: end with the primary key). `after` / `before` are cursors of a previous page."""
    fields = [_field(queryset.model, key) for key in keys]
    if before:
        start = _decode(before, fields)
        rows = list(
            queryset.filter(_seek(keys, start, backwards=True)).order_by(*_reversed(keys))[
                : size + 1
            ]
        )
        more = len(rows) > size
        rows = rows[:size][::-1]
        return KeysetPage(
            rows,
            next_cursor=_encode(rows[-1], keys) if rows else None,
            previous_cursor=_encode(rows[0], keys) if more else None,
        )
    if after:
        queryset = queryset.filter(_seek(keys, _decode(after, fields), backwards=False))
    rows = list(queryset.order_by(*keys)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        rows,
        next_cursor=_encode(rows[-1], keys) if more else None,
        previous_cursor=_encode(rows[0], keys) if after and rows else None,
    )


def request_page(request, queryset: QuerySet, keys: Sequence[str], *, size: int):
    """The page the request's `after` / `before` cursor names, and an error message for a cursor
    that is not valid (the first page is shown then)."""
    after, before = request.GET.get("after"), request.GET.get("before")
    try:
        return paginate(queryset, keys, size=size, after=after, before=before), ""
    except InvalidCursor as invalid:
        return paginate(queryset, keys, size=size), str(invalid)


def _seek(keys: Sequence[str], values: list, *, backwards: bool) -> Q:
    """Rows strictly after `values` in the order of `keys` (before them when `backwards`):
    (k1 > v1) or (k1 = v1 and k2 > v2) or ..., with `k1 >= v1` in front so the database reads
    one index range rather than the whole index."""
    ties = Q()
    beyond = []
    for key, value in zip(keys, values, strict=True):
        name = key.lstrip("-")
        operator = "lt" if key.startswith("-") != backwards else "gt"
        beyond.append(ties & Q(**{f"{name}__{operator}": value}))
        ties &= Q(**{name: value})
    first = keys[0].lstrip("-")
    first_operator = "lte" if keys[0].startswith("-") != backwards else "gte"
    condition = beyond[0]
    for more in beyond[1:]:
        condition |= more
    return Q(**{f"{first}__{first_operator}": values[0]}) & condition


def _reversed(keys: Sequence[str]) -> list[str]:
    return [key[1:] if key.startswith("-") else f"-{key}" for key in keys]


def _field(model: type[models.Model], key: str) -> models.Field:
    field = model._meta.get_field(key.lstrip("-"))
    assert isinstance(field, models.Field), f"{key} is not a column of {model.__name__}"
    return field


def _encode(row: models.Model, keys: Sequence[str]) -> str:
    values = [getattr(row, key.lstrip("-")) for key in keys]
    plain = [value.isoformat() if isinstance(value, datetime) else value for value in values]
    text = json.dumps(plain, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str, fields: Sequence[models.Field]) -> list:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        values = json.loads(text)
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise InvalidCursor("The page link is not valid; showing the first page.") from exc
    if not isinstance(values, list) or len(values) != len(fields):
        raise InvalidCursor("The page link is not valid; showing the first page.")
    return [_typed(field, value) for field, value in zip(fields, values, strict=True)]


def _typed(field: models.Field, value: Any) -> Any:
    problem = InvalidCursor("The page link is not valid; showing the first page.")
    if isinstance(field, models.DateTimeField):
        try:
            parsed = parse_datetime(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise problem
        return parsed
    if isinstance(field, (models.IntegerField, models.AutoField)):
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) >= 2**63:
            raise problem
        return value
    if isinstance(field, models.CharField):
        if not isinstance(value, str) or len(value) > (field.max_length or 0):
            raise problem
        return value
    raise problem
