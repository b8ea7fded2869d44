from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from vendorflow.accounts.choices import Role
from vendorflow.accounts.permissions import member_required
from vendorflow.lib import keyset
from vendorflow.lib.csvio import csv_response
from vendorflow.lib.forms import valid_filters
from vendorflow.lib.text import in_sentence
from vendorflow.orders import ack_actions, acknowledging, export, live_views, scanning, selectors
from vendorflow.orders.choices import OrderStatus, UnitOfMeasure
from vendorflow.orders.forms import (
    AckDatesForm,
    BulkQuantityForm,
    OrderFilterForm,
    OrderSelectionForm,
    ScanForm,
)
from vendorflow.orders.models import Order, OrderLine
from vendorflow.shipping.boxes_view import box_context, order_boxes

PAGE_SIZE = 50


@member_required(Role.VIEWER)
def order_list(request):
    form = OrderFilterForm(request.GET or None, organization=request.organization)
    filters = valid_filters(form)
    orders = selectors.filter_orders(
        selectors.orders_for(request.organization), filters, request.organization
    )
    # Tab counts for the whole list only: with a filter or a search they would each have to
    # read the matches, so the tabs just switch.
    narrowed = any(value for name, value in filters.items() if name not in ("status", "sort"))
    counts = None if narrowed else selectors.status_counts(orders)
    orders, sort = _status_and_sort(orders, filters)
    _, keys = selectors.SORTS[sort]
    page, cursor_error = keyset.request_page(
        request, selectors.with_list_columns(orders), keys, size=PAGE_SIZE
    )
    rows = [(order, selectors.deadline(order)) for order in page.items]
    return render(
        request,
        "orders/list.html",
        {
            "form": form,
            "page": page,
            "cursor_error": cursor_error,
            "rows": rows,
            "live_ids": live_views.moving_ids(page.items),  # orders whose ack is on its way
            "counts": counts,
            "statuses": OrderStatus.choices,
            "sort": sort,
            "export_query": _query_without(request, "after", "before"),
            "query_string": _query_without(request, "after", "before"),
            "tab_query": _query_without(request, "status", "after", "before"),
        },
    )


@member_required(Role.VIEWER)
def order_export(request):
    """The list as CSV, with its filters, status tab and sort."""
    form = OrderFilterForm(request.GET or None, organization=request.organization)
    filters = valid_filters(form)
    orders = selectors.filter_orders(
        selectors.orders_for(request.organization), filters, request.organization
    )
    orders, sort = _status_and_sort(orders, filters)
    _, keys = selectors.SORTS[sort]
    return csv_response("orders.csv", export.CSV_COLUMNS, export.export_rows(orders, keys))


def _status_and_sort(orders, filters: dict):
    status = filters.get("status") or None
    if status:
        orders = orders.filter(status=status)
    return orders, filters.get("sort") or selectors.default_sort(status)


@member_required(Role.VIEWER)
def order_detail(request, pk):
    order = _order(request, pk)
    lines = _decorate(selectors.order_lines(order))
    return render(
        request,
        "orders/detail.html",
        {
            "order": order,
            "lines": lines,
            "deadline": selectors.deadline(order),
            "ack": getattr(order, "acknowledgement", None),
            "ack_live": live_views.moving(order),  # the panel polls until the state is final
            "events": selectors.order_events(order),
            "scans": selectors.order_scans(order),
            **order_boxes(order),
        },
    )


@member_required(Role.OPERATOR)
@require_http_methods(["GET", "POST"])
def order_scan(request, pk):
    order = _order(request, pk)
    result = None
    if request.method == "POST":
        form = ScanForm(request.POST)
        barcode = form.data.get("barcode", "")
        result = scanning.record_scan(order=order, barcode=barcode, user=request.user)
    return scan_response(request, order, result)


@member_required(Role.OPERATOR)
@require_POST
def line_bulk(request, pk, line_pk):
    order = _order(request, pk)
    line = get_object_or_404(OrderLine, pk=line_pk, order=order)
    form = BulkQuantityForm(request.POST)
    try:
        if not form.is_valid():
            problem = form.errors["quantity_eaches"][0]
            raise ValidationError(f"{scanning.line_label(line)}: {problem}")
        scan = scanning.record_bulk(
            line=line, quantity_eaches=form.cleaned_data["quantity_eaches"], user=request.user
        )
        result = scanning.ScanResult(
            ok=True,
            message=f"{scanning.line_label(line)}: "
            f"{scanning.eaches_text(scan.quantity_eaches)} added",
            scan=scan,
            warning=scanning.loose_eaches_warning(scan.line),
        )
    except ValidationError as error:
        result = scanning.ScanResult(ok=False, message=" ".join(error.messages), code="invalid")
    return scan_response(request, order, result)


@member_required(Role.OPERATOR)
@require_POST
def scan_undo(request, pk):
    order = _order(request, pk)
    try:
        scan = scanning.undo_last_scan(order=order, user=request.user)
        result = scanning.ScanResult(
            ok=True,
            message=f"Undone: {scanning.line_label(scan.line)}, "
            f"{scanning.eaches_text(scan.quantity_eaches)} taken off",
            code="undone",
        )
    except ValidationError as error:
        result = scanning.ScanResult(ok=False, message=" ".join(error.messages), code="invalid")
    return scan_response(request, order, result)


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def order_acknowledge(request, pk):
    order = _order(request, pk)
    plan = acknowledging.build_plan(order)
    form = AckDatesForm(
        request.POST or None,
        initial={
            "scheduled_ship_date": plan.scheduled_ship_date.date(),
            "scheduled_delivery_date": plan.scheduled_delivery_date.date(),
            "preview": plan.fingerprint,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            ack = ack_actions.submit(
                order=order,
                user=request.user,
                previewed=form.cleaned_data["preview"],
                scheduled_ship_date=form.cleaned_data["scheduled_ship_date"],
                scheduled_delivery_date=form.cleaned_data["scheduled_delivery_date"],
            )
        except ValidationError as error:
            # The page shows the plan as it is now; sending again confirms that one. One plan for
            # both: a change caught under the lock came after the plan built above.
            plan = acknowledging.build_plan(order)
            data = request.POST.copy()
            data["preview"] = plan.fingerprint
            form = AckDatesForm(data, initial=form.initial)
            form.is_valid()
            _form_errors(form, error)
        else:
            messages.success(
                request,
                f"Acknowledgement of PO {order.po_number} is "
                f"{in_sentence(ack.get_state_display())}.",
            )
            return redirect("orders:detail", pk=order.pk)
    return render(
        request,
        "orders/acknowledge.html",
        {
            "order": order,
            "plan": plan,
            "form": form,
            "deadline": selectors.deadline(order),
            "ack": getattr(order, "acknowledgement", None),
            "can_submit": ack_actions.can_submit(order),
        },
        status=422 if form.errors else 200,
    )


@member_required(Role.MANAGER)
@require_POST
def bulk_acknowledge(request):
    form = OrderSelectionForm(request.POST, organization=request.organization)
    if not form.is_valid():
        problems = form.errors.get("orders", ["Choose orders."])
        messages.error(request, " ".join(str(problem) for problem in problems))
        return redirect("orders:list")
    batch = ack_actions.batch_preview(form.cleaned_data["orders"])
    ready, skipped = batch.ready, batch.skipped
    previews = {order.pk: request.POST.get(f"preview_{order.pk}") for order, _ in ready}
    changed = batch.changed(previews)
    if "confirm" in request.POST and ready and not changed:
        return _confirm_bulk(request, ready)
    if "confirm" in request.POST and changed:
        # Nothing is sent: the page shows the plans as they are now, to be confirmed again.
        messages.error(
            request,
            f"{', '.join(changed)} changed since this preview (scans, Amazon's quantities or "
            "item mappings); nothing was sent. Check the orders below and send again.",
        )
    return render(request, "orders/bulk_acknowledge.html", {"ready": ready, "skipped": skipped})


# -- helpers ---------------------------------------------------------------------------------------


def _order(request, pk) -> Order:
    queryset = Order.objects.select_related(
        "customer", "channel", "sales_channel", "location", "acknowledgement"
    )
    return get_object_or_404(queryset, pk=pk, organization=request.organization)


def _query_without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _decorate(lines):
    """Display helpers on each line: Amazon's quantity wording and what is left to scan."""
    lines = list(lines)
    for line in lines:
        line.ordered_text = _ordered_text(line)
        line.remaining = max(line.ordered_eaches - line.scanned_eaches, 0)
        line.percent = _percent(line.scanned_eaches, line.ordered_eaches)
        line.cases_text = _cases_text(line)
        line.loose_warning = scanning.loose_eaches_warning(line)
    return lines


def _next_to_scan(lines) -> OrderLine | None:
    """The first line (in Amazon's order) that can be scanned and still has room."""
    return next((line for line in lines if line.product_id and line.remaining), None)


def _ordered_text(line: OrderLine) -> str:
    if line.unit_of_measure == UnitOfMeasure.CASES:
        unit = "case" if line.ordered_quantity == 1 else "cases"
        return f"{line.ordered_quantity} {unit} of {line.unit_size}"
    return scanning.eaches_text(line.ordered_quantity)


def _percent(part: int, whole: int) -> int:
    return min(100, round(100 * part / whole)) if whole else 100


def _cases_text(line: OrderLine) -> str:
    if line.unit_of_measure != UnitOfMeasure.CASES:
        return ""
    return scanning.cases_scanned(line)


def scan_response(request, order, result):
    order.refresh_from_db(fields=["status"])
    lines = _decorate(selectors.order_lines(order))
    scannable = order.status in scanning.SCANNABLE_STATUSES
    context = {
        "order": order,
        "lines": lines,
        "next_line": _next_to_scan(lines),
        "result": result,
        "my_scans": order.scans.filter(user=request.user).select_related("line__product")[:5],
        "scannable": scannable,
        **box_context(order, lines, scannable=scannable),
    }
    if request.htmx:
        return render(request, "orders/scan.html#scan-panel", context)
    return render(request, "orders/scan.html", context)


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _confirm_bulk(request, ready) -> HttpResponse:
    try:
        created = ack_actions.confirm_batch(ready, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("orders:list")
    messages.success(request, f"{len(created)} acknowledgements queued as one batch.")
    return redirect("orders:list")
