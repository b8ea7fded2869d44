"""Query windows, filters and opaque `nextToken`s for the list operations.

A page resumes strictly after the last PO of the previous one (by purchaseOrderDate, then PO
number), so paging yields every matching PO exactly once even while POs are added or changed.
The token carries the query it belongs to; a request that repeats query parameters must repeat
them unchanged.
"""

import base64
import binascii
import json
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Protocol, TypeVar

from vendorflow.simulator import clock
from vendorflow.simulator.errors import invalid_input

PAGE_PARAMETERS = ("nextToken", "limit", "includeDetails")
Window = tuple[datetime | None, datetime | None]


class Keyed(Protocol):
    @property
    def key(self) -> tuple[datetime, str]: ...  # the order pages resume in


Record = TypeVar("Record", bound=Keyed)


def window(filters: dict, after_name: str, before_name: str) -> Window:
    """The [after, before) window; an open end is resolved (and written back to `filters`)."""
    after = filters.get(after_name)
    before = filters.get(before_name)
    if after is None and before is None:
        return None, None
    start = clock.parse(after) if after else None
    end = clock.parse(before) if before else clock.now()
    if start is None:
        start = end - clock.MAX_WINDOW
    if end <= start:
        raise invalid_input(f"{before_name} must be later than {after_name}.", before_name)
    if end - start > clock.MAX_WINDOW:
        message = f"The date range between {after_name} and {before_name} must not exceed 7 days."
        raise invalid_input(message, after_name)
    filters[after_name], filters[before_name] = clock.iso(start), clock.iso(end)
    return start, end


def within(moment: datetime | None, bounds: Window) -> bool:
    start, end = bounds
    if start is None or end is None:
        return True
    return moment is not None and start <= moment < end


def encode(filters: dict, key: tuple[datetime, str]) -> str:
    raw = json.dumps({"f": filters, "k": [clock.iso(key[0]), key[1]]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode()


def resume(query: Mapping[str, str]) -> tuple[dict, tuple[datetime, str] | None]:
    """(filters, key to resume after) from a request: its own filters, or its nextToken's."""
    filters = {k: _normal(k, v) for k, v in query.items() if k not in PAGE_PARAMETERS}
    token = query.get("nextToken")
    if token is None:
        return filters, None
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
        saved, key = data["f"], (clock.parse(data["k"][0]), data["k"][1])
    except (ValueError, KeyError, TypeError, IndexError, binascii.Error):
        raise invalid_input("The nextToken is invalid.", "nextToken") from None
    changed = sorted(k for k, v in filters.items() if saved.get(k) != v)
    if changed:
        raise invalid_input(
            f"{changed[0]} differs from the query the nextToken belongs to.", changed[0]
        )
    return saved, key


def _normal(name: str, value: str) -> str:
    """Date-times in one spelling (UTC, Z) so a repeated query compares equal to its token's."""
    if name.endswith(("After", "Before")):
        return clock.iso(clock.parse(value))
    return value


def take(
    records: Iterable[Record], keep: Callable[[Record], bool], limit: int
) -> tuple[list[Record], tuple[datetime, str] | None]:
    """Up to `limit` kept records, and the key to resume after when more may follow."""
    page: list[Record] = []
    for record in records:
        if not keep(record):
            continue
        if len(page) == limit:
            return page, page[-1].key
        page.append(record)
    return page, None
