"""Import exceptions over the API; mounted at /api/v1/exceptions."""

from datetime import datetime
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from pydantic import Field

from vendorflow.accounts.api_auth import member_of
from vendorflow.accounts.choices import Role
from vendorflow.lib.pagination import MAX_LIMIT, MAX_OFFSET
from vendorflow.orders.choices import ExceptionStatus
from vendorflow.orders.importing import normalize_code, reprocess_exceptions
from vendorflow.orders.models import ImportException

router = Router(tags=["exceptions"])


class ExceptionOut(Schema):
    id: int
    channel_id: int
    po_number: str
    reason: str
    message: str
    ship_to_code: str
    status: str
    order_id: int | None
    po_date: datetime | None
    lines: int | None
    created_at: datetime
    resolved_at: datetime | None


class ExceptionDetail(ExceptionOut):
    payload: dict[str, Any]


class ExceptionPage(Schema):
    count: int
    items: list[ExceptionOut]


class ExceptionFilter(Schema):
    status: ExceptionStatus = ExceptionStatus.OPEN
    code: str = ""
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ReprocessCode(Schema):
    code: str = Field(min_length=1, max_length=20)


class Reprocessed(Schema):
    reprocessed: int


def _out(exception: ImportException, detail: bool = False) -> dict:
    data = {
        "id": exception.pk,
        "channel_id": exception.channel_id,
        "po_number": exception.po_number,
        "reason": exception.reason,
        "message": exception.message,
        "ship_to_code": exception.ship_to_code,
        "status": exception.status,
        "order_id": exception.order_id,
        "po_date": exception.po_date,
        "lines": exception.line_count,
        "created_at": exception.created_at,
        "resolved_at": exception.resolved_at,
    }
    if detail:
        data["payload"] = exception.payload
    return data


@router.get("", response=ExceptionPage)
def list_exceptions(request, filters: Query[ExceptionFilter]):
    member = member_of(request, Role.VIEWER)
    found = ImportException.objects.filter(organization=member.organization, status=filters.status)
    if filters.code:
        found = found.filter(ship_to_code=normalize_code(filters.code))
    found = found.defer("payload").order_by("ship_to_code", "po_number", "id")
    page = found[filters.offset : filters.offset + filters.limit]
    return {"count": found.count(), "items": [_out(e) for e in page]}


@router.get("/{int:exception_id}", response=ExceptionDetail)
def get_exception(request, exception_id: int):
    member = member_of(request, Role.VIEWER)
    found = get_object_or_404(ImportException, pk=exception_id, organization=member.organization)
    return _out(found, detail=True)


@router.post("/{int:exception_id}/reprocess", response=Reprocessed)
def reprocess_one(request, exception_id: int):
    member = member_of(request, Role.MANAGER)
    found = get_object_or_404(ImportException, pk=exception_id, organization=member.organization)
    done = reprocess_exceptions(organization=member.organization, exception_ids=[found.pk])
    return {"reprocessed": done}


@router.post("/reprocess", response=Reprocessed)
def reprocess_code(request, payload: ReprocessCode):
    member = member_of(request, Role.MANAGER)
    return {
        "reprocessed": reprocess_exceptions(organization=member.organization, code=payload.code)
    }
