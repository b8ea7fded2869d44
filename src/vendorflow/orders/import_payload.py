"""A held PO's data, kept as JSON on its import exception so it can be imported later unchanged.

The payload holds Amazon's raw PO (for people and audit) and the mapped purchase order (for the
importer), so reprocessing needs neither Amazon nor the integration code.
"""

from dataclasses import asdict, fields
from datetime import datetime
from decimal import Decimal
from typing import Any

from vendorflow.orders import dto


def payload_for(po: dto.PurchaseOrder) -> dict[str, Any]:
    data = {f.name: getattr(po, f.name) for f in fields(po) if f.name not in ("raw", "lines")}
    data["lines"] = [asdict(line) for line in po.lines]
    return {"raw": po.raw, "purchase_order": to_json(data)}


def purchase_order_from_payload(payload: dict[str, Any]) -> dto.PurchaseOrder:
    data = dict(payload["purchase_order"])
    lines = tuple(_line(item) for item in data.pop("lines"))
    return dto.PurchaseOrder(
        **{
            **data,
            "po_date": _datetime(data["po_date"]),
            "changed_date": _datetime(data["changed_date"]),
            "state_changed_date": _datetime(data["state_changed_date"]),
            "ship_window": _window(data["ship_window"]),
            "delivery_window": _window(data["delivery_window"]),
        },
        lines=lines,
        raw=payload.get("raw") or {},
    )


def _line(item: dict[str, Any]) -> dto.PurchaseOrderLine:
    return dto.PurchaseOrderLine(
        **{
            **item,
            "net_cost": _decimal(item["net_cost"]),
            "list_price": _decimal(item["list_price"]),
        }
    )


def to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _window(value: list[str] | None) -> tuple[datetime, datetime] | None:
    if not value:
        return None
    start, end = value
    return datetime.fromisoformat(start), datetime.fromisoformat(end)


def held_summary(payload: dict[str, Any]) -> tuple[datetime | None, int | None]:
    """(PO date, number of lines) of a held PO, for lists; (None, None) when unknown."""
    data = payload.get("purchase_order") if isinstance(payload, dict) else None
    if not data:
        return None, None
    return _datetime(data.get("po_date")), len(data.get("lines") or [])
