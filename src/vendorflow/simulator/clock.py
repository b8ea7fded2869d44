"""Time helpers: the simulator speaks UTC ISO 8601 with a trailing Z, like Amazon."""

from datetime import UTC, datetime, timedelta

MAX_WINDOW = timedelta(days=7)


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(value: str) -> datetime:
    """Parse an ISO 8601 date-time; a value without a zone is taken as UTC."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def interval(start: datetime, end: datetime) -> str:
    """Amazon's DateTimeInterval: `start--end`."""
    return f"{iso(start)}--{iso(end)}"
