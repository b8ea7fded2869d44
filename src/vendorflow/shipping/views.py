"""Boxes on the scan screen and the order page, box labels, and shipments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import ModelMultipleChoiceField
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vendorflow.accounts.choices import Role
from vendorflow.accounts.permissions import member_required
from vendorflow.lib import keyset
from vendorflow.lib.csvio import csv_response
from vendorflow.lib.forms import form_field
from vendorflow.orders import printing, scanning
from vendorflow.orders.models import Order, OrderLine
from vendorflow.orders.print_views import pdf_response
from vendorflow.orders.views import scan_response
from vendorflow.shipping import asn, cartons, documents, packing, services, shipments, sscc
from vendorflow.shipping.choices import ShipmentState
from vendorflow.shipping.forms import (
    CloseBoxForm,
    MoveForm,
    NewShipmentForm,
    ReopenBoxForm,
    ShipForm,
    ShipmentDetailsForm,
    ShippingSettingsForm,
)
from vendorflow.shipping.models import Box, Shipment

PAGE_SIZE = 50


# -- boxes -----------------------------------------------------------------------------------------


@member_required(Role.OPERATOR)
@require_POST
def pack(request, pk):
    """A read on the pack screen of an acknowledged PO."""
    order = _order(request, pk)
    code = request.POST.get("barcode", "")
    try:
        box, item, eaches = packing.pack_code(order=order, code=code, user=request.user)
    except packing.PackRefused as refused:
        return _answer(request, order, False, refused.message)
    except ValidationError as error:
        return _answer(request, order, False, " ".join(error.messages))
    line = item.line
    message = (
        f"{scanning.line_label(line)}: {scanning.eaches_text(eaches)} into box {box.number} — "
        f"{packing.packed_eaches(line.pk)} of {packing.shippable_eaches(line, order)} packed"
    )
    return _answer(request, order, True, message)


@member_required(Role.OPERATOR)
@require_POST
def box_new(request, pk):
    order = _order(request, pk)
    try:
        box = packing.new_box(order=order, user=request.user)
    except ValidationError as error:
        return _answer(request, order, False, " ".join(error.messages))
    return _answer(request, order, True, f"Box {box.number} opened: what you pack goes in it.")


@member_required(Role.OPERATOR)
@require_POST
def box_close(request, pk):
    box = _box(request, pk)
    form = CloseBoxForm(request.POST)
    if not form.is_valid():
        return _answer(request, box.order, False, _form_problems(form))
    try:
        packing.close_box(box=box, user=request.user, measures=form.measures())
    except ValidationError as error:
        return _answer(request, box.order, False, " ".join(error.messages))
    return _answer(request, box.order, True, f"Box {box.number} closed.")


@member_required(Role.OPERATOR)
@require_POST
def box_reopen(request, pk):
    box = _box(request, pk)
    form = ReopenBoxForm(request.POST)
    if not form.is_valid():
        return _answer(request, box.order, False, _form_problems(form))
    try:
        packing.reopen_box(box=box, user=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        return _answer(request, box.order, False, " ".join(error.messages))
    return _answer(request, box.order, True, f"Box {box.number} is open again.")


@member_required(Role.OPERATOR)
@require_POST
def box_discard(request, pk):
    box = _box(request, pk)
    try:
        packing.discard_box(box=box, user=request.user)
    except ValidationError as error:
        return _answer(request, box.order, False, " ".join(error.messages))
    return _answer(request, box.order, True, f"Empty box {box.number} removed.")


@member_required(Role.OPERATOR)
@require_POST
def box_move(request, pk):
    """Move units to another open box of the PO, or (after the acknowledgement, without a
    target) take them out of the box."""
    box = _box(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _answer(request, box.order, False, _form_problems(form))
    line = get_object_or_404(OrderLine, pk=form.cleaned_data["line"], order=box.order)
    eaches = form.cleaned_data["quantity_eaches"]
    target_id = form.cleaned_data.get("target")
    try:
        if target_id:
            target = get_object_or_404(Box, pk=target_id, order=box.order)
            packing.move(source=box, target=target, line=line, eaches=eaches, user=request.user)
            message = f"{scanning.eaches_text(eaches)} moved to box {target.number}."
        else:
            packing.unpack(box=box, line=line, eaches=eaches, user=request.user)
            message = f"{scanning.eaches_text(eaches)} taken out of box {box.number}."
    except ValidationError as error:
        return _answer(request, box.order, False, " ".join(error.messages))
    return _answer(request, box.order, True, message)


@member_required(Role.VIEWER)
@require_GET
def order_labels(request, pk):
    order = _order(request, pk)
    boxes = documents.labelled_boxes(order.boxes.all())
    return _labels_page(request, boxes, reverse("shipping:order_labels_pdf", args=[pk]))


@member_required(Role.VIEWER)
@require_GET
def order_labels_pdf(request, pk):
    order = _order(request, pk)
    return _labels_pdf(request, order.boxes.all(), f"labels-{order.po_number}.pdf")


@member_required(Role.VIEWER)
@require_GET
def box_label_pdf(request, pk):
    box = _box(request, pk)
    return _labels_pdf(request, Box.objects.filter(pk=box.pk), f"label-{box.carton_id}.pdf")


# -- shipments -------------------------------------------------------------------------------------


@member_required(Role.VIEWER)
@require_GET
def shipment_list(request):
    state = request.GET.get("state", "")
    rows = Shipment.objects.filter(organization=request.organization)
    if state in ShipmentState.values:
        rows = rows.filter(state=state)
    page, cursor_error = keyset.request_page(
        request, rows.select_related("channel"), ["-created_at", "-id"], size=PAGE_SIZE
    )
    context = {
        "page": page,
        "cursor_error": cursor_error,
        "query_string": f"state={state}" if state else "",
        "state": state,
        "states": ShipmentState.choices,
        "shippable_count": shipments.shippable_orders(request.organization)[:201].count(),
    }
    return render(request, "shipping/list.html", context)


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def shipment_new(request):
    form = NewShipmentForm(request.POST or None, organization=request.organization)
    if request.method == "GET" and request.GET.getlist("orders"):
        form = NewShipmentForm(
            initial={"orders": request.GET.getlist("orders")}, organization=request.organization
        )
    if request.method == "POST" and form.is_valid():
        try:
            shipment = shipments.create_shipment(
                organization=request.organization,
                order_ids=[order.pk for order in form.cleaned_data["orders"]],
                user=request.user,
                details=form.details(),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"Shipment {shipment.reference} created.")
            return redirect("shipping:detail", shipment.pk)
    groups = _by_fc(form_field(form, "orders", ModelMultipleChoiceField).queryset)
    chosen = request.POST.getlist("orders") if request.method == "POST" else []
    selected = {str(v) for v in chosen or request.GET.getlist("orders")}
    context = {"form": form, "groups": groups, "selected": selected}
    return render(request, "shipping/new.html", context)


@member_required(Role.VIEWER)
@require_http_methods(["GET", "POST"])
def shipment_detail(request, pk):
    shipment = _shipment(request, pk)
    form = ShipmentDetailsForm(instance=shipment)
    if request.method == "POST":
        if not request.membership.has_role(Role.MANAGER):
            return HttpResponse("Only a manager changes a shipment.", status=403)
        form = ShipmentDetailsForm(request.POST, instance=Shipment.objects.get(pk=shipment.pk))
        if form.is_valid():
            try:
                shipments.update_details(
                    shipment=shipment, user=request.user, details=form.details()
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, "Shipment details saved.")
                return redirect("shipping:detail", shipment.pk)
    return render(request, "shipping/detail.html", _detail_context(request, shipment, form))


@member_required(Role.MANAGER)
@require_POST
def shipment_action(request, pk, action):
    shipment = _shipment(request, pk)
    try:
        message = _act(request, shipment, action)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
        if action == "cancel":
            return redirect("shipping:detail", shipment.pk)
    else:
        messages.success(request, message)
        if action == "cancel":
            return redirect("shipping:list")
    return redirect("shipping:detail", shipment.pk)


def _act(request, shipment: Shipment, action: str) -> str:
    user = request.user
    if action == "ready":
        shipments.mark_ready(shipment=shipment, user=user)
        return "Marked ready: every box is closed."
    if action == "ship":
        form = ShipForm(request.POST)
        note = form.data.get("short_note", "")
        shipped = shipments.mark_shipped(shipment=shipment, user=user, short_note=note)
        sent = " The ASN is on its way to Amazon." if shipment.channel.send_asn else ""
        return f"Shipment {shipped.reference} marked shipped.{sent}"
    if action == "send-asn":
        asn.send_now(shipment=shipment, user=user)
        return "ASN queued for Amazon."
    if action == "replace-asn":
        asn.replace(shipment=shipment, user=user)
        return "Corrected ASN queued as a Replace."
    if action == "cancel":
        shipments.cancel_shipment(shipment=shipment, user=user)
        return f"Shipment {shipment.reference} cancelled; its POs and boxes stay as they are."
    if action == "remove-order":
        order_id = int(request.POST.get("order") or 0)
        shipments.remove_order(shipment=shipment, order_id=order_id, user=user)
        return "PO taken out of the shipment."
    if action == "add-orders":
        ids = [int(v) for v in request.POST.getlist("orders") if v.isdigit()]
        shipments.add_orders(shipment=shipment, order_ids=ids, user=user)
        return "POs added."
    raise ValidationError(f"Unknown action {action!r}.")


@member_required(Role.VIEWER)
@require_GET
def packing_list(request, pk):
    shipment = _shipment(request, pk)
    paper = printing.paper_from(request.GET.get("paper"))
    context = {
        "sheet": documents.packing_list(shipment),
        "paper": paper,
        "papers": _papers(request, reverse("shipping:packing_list_pdf", args=[pk])),
    }
    return render(request, "shipping/packing_list.html", context)


@member_required(Role.VIEWER)
@require_GET
def packing_list_pdf(request, pk):
    shipment = _shipment(request, pk)
    context = {
        "sheet": documents.packing_list(shipment),
        "paper": printing.paper_from(request.GET.get("paper")),
    }
    pdf = printing.render_pdf(
        "shipping/print/_packing_list.html", context, time_zone=request.membership.shown_time_zone
    )
    return pdf_response(pdf, f"packing-list-{shipment.reference}.pdf")


@member_required(Role.VIEWER)
@require_GET
def packing_list_csv(request, pk):
    shipment = _shipment(request, pk)
    rows = documents.packing_list_rows(shipment)
    return csv_response(f"packing-list-{shipment.reference}.csv", documents.PACKING_COLUMNS, rows)


@member_required(Role.VIEWER)
@require_GET
def asn_sheet_csv(request, pk):
    shipment = _shipment(request, pk)
    rows = documents.asn_sheet_rows(shipment)
    return csv_response(f"asn-{shipment.reference}.csv", documents.ASN_COLUMNS, rows)


@member_required(Role.VIEWER)
@require_GET
def shipment_labels(request, pk):
    shipment = _shipment(request, pk)
    boxes = documents.labelled_boxes(documents.shipment_box_queryset(shipment))
    return _labels_page(request, boxes, reverse("shipping:labels_pdf", args=[pk]))


@member_required(Role.VIEWER)
@require_GET
def shipment_labels_pdf(request, pk):
    shipment = _shipment(request, pk)
    boxes = documents.shipment_box_queryset(shipment)
    return _labels_pdf(request, boxes, f"labels-{shipment.reference}.pdf")


@member_required(Role.VIEWER)
@require_http_methods(["GET", "POST"])
def shipping_settings(request):
    """The organization's GS1 identity for SSCCs: anyone reads it, an admin changes it."""
    current = cartons.settings_for(request.organization.pk)
    form = ShippingSettingsForm(request.POST or None, instance=current)
    can_edit = request.membership.has_role(Role.ADMIN)
    if request.method == "POST":
        if not can_edit:
            return HttpResponse("Only an admin changes the GS1 settings.", status=403)
        if form.is_valid():
            try:
                services.update_settings(
                    organization=request.organization,
                    user=request.user,
                    gs1_company_prefix=form.cleaned_data["gs1_company_prefix"],
                    sscc_extension_digit=form.cleaned_data["sscc_extension_digit"],
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, "Shipping settings saved: new boxes use them.")
                return redirect("shipping:settings")
    example = _example_sscc(cartons.settings_for(request.organization.pk))
    context = {"form": form, "can_edit": can_edit, "example": example}
    return render(request, "shipping/settings.html", context, status=422 if form.errors else 200)


def _example_sscc(current) -> str:
    if not current.gs1_company_prefix:
        return ""
    return sscc.human(
        sscc.build(
            extension_digit=current.sscc_extension_digit,
            company_prefix=current.gs1_company_prefix,
            serial=1,
        )
    )


# -- helpers ---------------------------------------------------------------------------------------


def _order(request, pk) -> Order:
    queryset = Order.objects.select_related("customer", "channel", "location", "acknowledgement")
    return get_object_or_404(queryset, pk=pk, organization=request.organization)


def _box(request, pk) -> Box:
    return get_object_or_404(
        Box.objects.select_related("order"), pk=pk, organization=request.organization
    )


def _shipment(request, pk) -> Shipment:
    return get_object_or_404(
        Shipment.objects.select_related("channel"), pk=pk, organization=request.organization
    )


def _answer(request, order: Order, ok: bool, message: str):
    """The scan screen's panel with the outcome (htmx), or back to where the form was."""
    if request.htmx:
        result = scanning.ScanResult(ok=ok, message=message, code="ok" if ok else "refused")
        return scan_response(request, order, result)
    (messages.success if ok else messages.error)(request, message)
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("orders:detail", order.pk)


def _form_problems(form) -> str:
    problems = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        problems += [f"{label}: {e}" if label else e for e in errors]
    return " ".join(problems)


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _by_fc(orders) -> list[tuple[str, list[Order]]]:
    groups: dict[str, list[Order]] = {}
    for order in orders.select_related("customer")[:500]:
        groups.setdefault(order.ship_to_code, []).append(order)
    return sorted(groups.items())


def _detail_context(request, shipment: Shipment, form) -> dict:
    packings = shipments.shipment_packing(shipment)
    return {
        "shipment": shipment,
        "form": form,
        "packings": packings,
        "short": sum(p.short for p in packings),
        "boxes": sum(len(p.boxes) for p in packings),
        "asn": getattr(shipment, "asn", None),
        "addable": shipments.shippable_orders(
            request.organization, ship_to_code=shipment.ship_to_code
        ).filter(channel_id=shipment.channel_id)[:100],
        "editable": shipment.state in shipments.EDITABLE_STATES,
        "can_manage": request.membership.has_role(Role.MANAGER),
    }


def _labels_page(request, boxes, pdf_url: str):
    paper = printing.paper_from(request.GET.get("paper"))
    context = {"labels": boxes, "paper": paper, "papers": _papers(request, pdf_url)}
    return render(request, "shipping/labels.html", context)


def _labels_pdf(request, boxes, filename: str) -> HttpResponse:
    context = {
        "labels": documents.labelled_boxes(boxes),
        "paper": printing.paper_from(request.GET.get("paper")),
    }
    pdf = printing.render_pdf(
        "shipping/print/_labels.html", context, time_zone=request.membership.shown_time_zone
    )
    return pdf_response(pdf, filename)


def _papers(request, pdf_url: str) -> list[dict]:
    from vendorflow.orders.print_views import _papers as papers

    return papers(request, pdf_url)
