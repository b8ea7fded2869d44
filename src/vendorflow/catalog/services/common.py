"""Pieces shared by the catalog services: import results and errors, audit shorthand."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from vendorflow.accounts import audit
from vendorflow.lib.csvio import RowError


class CsvImportError(Exception):
    """An import rejected as a whole; `errors` lists every bad row ("line N: reason")."""

    def __init__(self, errors: list[RowError]):
        self.errors = sorted(errors, key=lambda error: error.line)
        super().__init__("; ".join(str(error) for error in self.errors))

    @property
    def messages(self) -> list[str]:
        return [str(error) for error in self.errors]


@dataclass
class ImportResult:
    created: list[Any] = field(default_factory=list)
    updated: list[Any] = field(default_factory=list)
    unchanged: int = 0

    @property
    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, {self.unchanged} unchanged"
        )


def error_text(error: ValidationError) -> str:
    """One line for a (field) ValidationError: "field: message; other: message"."""
    if not hasattr(error, "error_dict"):
        return "; ".join(message.rstrip(".") for message in error.messages)
    parts: list[str] = []
    for name, errors in error.message_dict.items():
        prefix = "" if name == "__all__" else f"{name}: "
        parts.extend(prefix + message.rstrip(".") for message in errors)
    return "; ".join(parts)


def log(*, organization, actor, action: str, obj=None, changes: dict | None = None) -> None:
    audit.record(organization=organization, actor=actor, action=action, obj=obj, changes=changes)


def changed_fields(instance, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set `values` on `instance`; return {field: [old, new]} for those that changed."""
    changes: dict[str, list[Any]] = {}
    for name, value in values.items():
        old = getattr(instance, name)
        if old != value:
            changes[name] = [_plain(old), _plain(value)]
            setattr(instance, name, value)
    return changes


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, bool | int | str) else str(value)
