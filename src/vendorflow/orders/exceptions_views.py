"""The Exceptions page: held and invalid POs, grouped by FC code, with one-click reprocess."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from vendorflow.accounts.choices import Role
from vendorflow.accounts.permissions import member_required
from vendorflow.orders.choices import ExceptionReason, ExceptionStatus
from vendorflow.orders.importing import (
    normalize_code,
    reprocess_exceptions,
    unmapped_warehouse_codes,
)
from vendorflow.orders.models import ImportException

PAGE_SIZE = 100


@dataclass(frozen=True)
class Row:
    exception: ImportException
    po_date: datetime | None
    lines: int | None


@member_required(Role.VIEWER)
def exception_list(request):
    status = request.GET.get("status", ExceptionStatus.OPEN)
    if status not in ExceptionStatus.values:
        status = ExceptionStatus.OPEN
    code = normalize_code(request.GET.get("code", ""))
    page = Paginator(_exceptions(request.organization, status, code), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    unmapped = unmapped_warehouse_codes(request.organization)
    return render(
        request,
        "orders/exceptions.html",
        {
            "status": status,
            "code": code,
            "page_obj": page,
            "rows": [Row(e, e.po_date, e.line_count) for e in page],
            "unmapped": unmapped,
            "unmapped_codes": {fc for fc, _ in unmapped},
            "can_reprocess": request.membership.has_role(Role.MANAGER),
            "query_string": f"status={status}&code={code}",
            "no_customer": ExceptionReason.NO_CUSTOMER,
        },
    )


def _exceptions(organization, status: str, code: str):
    found = ImportException.objects.filter(organization=organization, status=status)
    if code:
        found = found.filter(ship_to_code=code)
    order = ("ship_to_code", "po_number") if status == ExceptionStatus.OPEN else ("-resolved_at",)
    return found.select_related("channel", "order").defer("payload").order_by(*order, "id")


@require_POST
@member_required(Role.MANAGER)
def reprocess_one(request, pk: int):
    held = get_object_or_404(ImportException, pk=pk, organization=request.organization)
    if held.status != ExceptionStatus.OPEN:
        messages.info(request, f"PO {held.po_number} was already resolved.")
    elif held.reason != ExceptionReason.NO_CUSTOMER:
        messages.warning(
            request,
            f"PO {held.po_number} is invalid; it imports when Amazon sends a valid version.",
        )
    elif reprocess_exceptions(organization=request.organization, exception_ids=[held.pk]):
        messages.success(request, f"PO {held.po_number} is imported as an order.")
    else:
        messages.warning(request, f"PO {held.po_number} is still held: {held.message}.")
    return redirect(_back(request))


@require_POST
@member_required(Role.MANAGER)
def reprocess_code(request):
    code = normalize_code(request.POST.get("code", ""))
    if not code:
        messages.error(request, "Choose a warehouse code to reprocess.")
        return redirect(_back(request))
    done = reprocess_exceptions(organization=request.organization, code=code)
    if done:
        messages.success(
            request, f"{done} held PO{'s' if done != 1 else ''} for {code} imported as orders."
        )
    else:
        messages.warning(request, f"Nothing imported for {code}: map the code to a customer first.")
    return redirect(_back(request))


def _back(request) -> str:
    return reverse("exceptions:list")
