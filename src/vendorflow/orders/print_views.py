"""Pick lists (one PO or a batch) and PO sheets: a printable page and a PDF of each; scanning
against a batch pick list."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vendorflow.accounts.choices import Role
from vendorflow.accounts.permissions import member_required
from vendorflow.lib.csvio import csv_response
from vendorflow.orders import batch_scanning, picking, printing, scanning, sheets
from vendorflow.orders.models import Order


@member_required(Role.OPERATOR)
@require_GET
def order_pick_list(request, pk):
    order = _order(request, pk)
    return _pick_list_page(request, [order.pk], pdf_url=reverse("orders:pick_list_pdf", args=[pk]))


@member_required(Role.OPERATOR)
@require_GET
def order_pick_list_pdf(request, pk):
    order = _order(request, pk)
    return _pick_list_pdf(request, [order.pk], f"pick-list-{order.po_number}.pdf")


@member_required(Role.OPERATOR)
@require_GET
def batch_pick_list(request):
    ids = _ids(request)
    query = urlencode({"orders": ids}, doseq=True) if ids else ""
    return _pick_list_page(request, ids, pdf_url=f"{reverse('orders:batch_pick_list_pdf')}?{query}")


@member_required(Role.OPERATOR)
@require_GET
def batch_pick_list_pdf(request):
    return _pick_list_pdf(request, _ids(request), "pick-list.pdf")


@member_required(Role.OPERATOR)
@require_GET
def batch_pick_list_csv(request):
    try:
        pick_list = picking.pick_list_for(
            organization=request.organization, order_ids=_ids(request)
        )
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=422, content_type="text/plain")
    return csv_response("pick-list.csv", picking.CSV_COLUMNS, picking.csv_rows(pick_list))


@member_required(Role.OPERATOR)
@require_POST
def select_for_pick_list(request):
    """The orders ticked in the list → the batch pick list's address (a page anyone can reload)."""
    ids = [value for value in request.POST.getlist("orders") if value]
    query = urlencode({"orders": ids}, doseq=True)
    return redirect(f"{reverse('orders:batch_pick_list')}?{query}")


@member_required(Role.VIEWER)
@require_GET
def order_sheet(request, pk):
    order = _order(request, pk)
    context = _sheet_context(request, order)
    context["papers"] = _papers(request, reverse("orders:sheet_pdf", args=[pk]))
    return render(request, "orders/po_sheet.html", context)


@member_required(Role.VIEWER)
@require_GET
def order_sheet_pdf(request, pk):
    order = _order(request, pk)
    pdf = printing.render_pdf(
        "orders/print/_po_sheet.html",
        _sheet_context(request, order),
        time_zone=request.membership.shown_time_zone,
    )
    return pdf_response(pdf, f"po-{order.po_number}.pdf")


# -- helpers ---------------------------------------------------------------------------------------


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _order(request, pk) -> Order:
    return get_object_or_404(Order, pk=pk, organization=request.organization)


def _ids(request) -> list[int]:
    """The `orders` ids of the query; a value that is no database id at all counts as unknown."""
    ids = []
    for value in request.GET.getlist("orders"):
        for part in value.split(","):
            part = part.strip()
            ids.append(int(part) if part.isdigit() and int(part) < 2**63 else 0)
    return ids


def _pick_list_page(request, ids: list[int], *, pdf_url: str):
    paper = printing.paper_from(request.GET.get("paper"))
    try:
        pick_list = picking.pick_list_for(organization=request.organization, order_ids=ids)
    except ValidationError as error:
        context = {"errors": error.messages, "max_batch": picking.MAX_BATCH}
        return render(request, "orders/pick_list.html", context, status=422)
    context = {"pick_list": pick_list, "paper": paper, "papers": _papers(request, pdf_url)}
    return render(request, "orders/pick_list.html", context)


def _pick_list_pdf(request, ids: list[int], filename: str) -> HttpResponse:
    try:
        pick_list = picking.pick_list_for(organization=request.organization, order_ids=ids)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=422, content_type="text/plain")
    paper = printing.paper_from(request.GET.get("paper"))
    context = {"pick_list": pick_list, "paper": paper}
    pdf = printing.render_pdf(
        "orders/print/_pick_list.html", context, time_zone=request.membership.shown_time_zone
    )
    return pdf_response(pdf, filename)


def _sheet_context(request, order: Order) -> dict:
    return {
        "sheet": sheets.po_sheet(order),
        "paper": printing.paper_from(request.GET.get("paper")),
    }


def _papers(request, pdf_url: str) -> list[dict]:
    """Per paper size: its name, this page laid out for it, and its PDF."""
    query = request.GET.copy()
    links = []
    for paper, label in printing.PAPERS.items():
        query["paper"] = paper
        joiner = "&" if "?" in pdf_url else "?"
        links.append(
            {
                "paper": paper,
                "label": label,
                "page_url": f"?{query.urlencode()}",
                "pdf_url": f"{pdf_url}{joiner}paper={paper}",
            }
        )
    return links


# -- scanning against a batch ------------------------------------------------------------------


@member_required(Role.OPERATOR)
@require_http_methods(["GET", "POST"])
def batch_scan(request):
    ids = _ids(request) if request.method == "GET" else _posted_ids(request)
    try:
        orders = batch_scanning.batch_orders(organization=request.organization, order_ids=ids)
    except ValidationError as error:
        context = {"errors": error.messages, "max_batch": picking.MAX_BATCH}
        return render(request, "orders/batch_scan.html", context, status=422)
    outcome = None
    if request.method == "POST":
        barcode = request.POST.get("barcode", "")
        outcome = batch_scanning.record_batch_scan(
            orders=orders, barcode=barcode, user=request.user
        )
    return _batch_scan_response(request, orders, outcome)


@member_required(Role.OPERATOR)
@require_POST
def batch_scan_undo(request):
    try:
        orders = batch_scanning.batch_orders(
            organization=request.organization, order_ids=_posted_ids(request)
        )
    except ValidationError as error:
        context = {"errors": error.messages, "max_batch": picking.MAX_BATCH}
        return render(request, "orders/batch_scan.html", context, status=422)
    try:
        scan = batch_scanning.undo_last_batch_scan(orders=orders, user=request.user)
    except ValidationError as error:
        result = scanning.ScanResult(ok=False, message=" ".join(error.messages), code="invalid")
        return _batch_scan_response(request, orders, batch_scanning.BatchScanResult(result))
    message = (
        f"Undone: PO {scan.order.po_number}, {scanning.line_label(scan.line)}, "
        f"{scanning.eaches_text(scan.quantity_eaches)} taken off"
    )
    result = scanning.ScanResult(ok=True, message=message, code="undone")
    return _batch_scan_response(request, orders, batch_scanning.BatchScanResult(result, scan.order))


def _posted_ids(request) -> list[int]:
    values = request.POST.getlist("orders")
    return [int(v) if v.isdigit() and int(v) < 2**63 else 0 for v in values]


def _batch_scan_response(request, orders, outcome):
    pick_list = picking.build_pick_list(
        organization=request.organization, orders=orders, barcodes=False
    )
    context = {
        "orders": orders,
        "pick_list": pick_list,
        "outcome": outcome,
        "result": outcome.result if outcome else None,
        "query": urlencode({"orders": [o.pk for o in orders]}, doseq=True),
    }
    if request.htmx:
        return render(request, "orders/batch_scan.html#scan-panel", context)
    return render(request, "orders/batch_scan.html", context)
