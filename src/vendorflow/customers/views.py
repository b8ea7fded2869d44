from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from vendorflow.accounts.choices import Role
from vendorflow.accounts.forms import add_service_errors
from vendorflow.accounts.permissions import member_required
from vendorflow.customers import prefill, selectors, services
from vendorflow.customers.forms import (
    CustomerForm,
    CustomerImportForm,
    NewCodeMappingForm,
    ShippingAddressForm,
    WarehouseMappingForm,
)
from vendorflow.customers.models import Customer, ShippingAddress, WarehouseCodeMapping
from vendorflow.customers.validators import normalize_warehouse_code
from vendorflow.lib.csvio import csv_response
from vendorflow.orders.choices import ExceptionStatus
from vendorflow.orders.importing import unmapped_warehouse_codes
from vendorflow.orders.models import ImportException

PAGE_SIZE = 25


def _customer(request, pk: int) -> Customer:
    return get_object_or_404(Customer, pk=pk, organization=request.organization)


def _query_string(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _done(request, url: str):
    """After a successful write: a full redirect, or a client-side one for htmx modal forms."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _form_page(request, template: str, context: dict, status: int = 200):
    if request.htmx:
        template = template.replace(".html", ".html#form")
    return render(request, template, context, status=status)


# Customers ---------------------------------------------------------------------------------


@member_required(Role.VIEWER)
def customer_list(request):
    query = request.GET.get("q", "")
    customers = selectors.search_customers(request.organization, query)
    page = Paginator(customers, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "q": query, "query_string": _query_string(request)}
    return render(request, "customers/list.html", context)


@member_required(Role.VIEWER)
def customer_detail(request, pk: int):
    customer = _customer(request, pk)
    context = {
        "customer": customer,
        "mapping_form": WarehouseMappingForm(
            organization=request.organization, fixed_customer=customer
        ),
    }
    return render(request, "customers/detail.html", context)


def _save_customer(request, form, customer: Customer | None):
    try:
        if customer is None:
            return services.create_customer(
                organization=request.organization, actor=request.user, fields=form.cleaned_data
            )
        return services.update_customer(
            customer=customer, actor=request.user, fields=form.cleaned_data
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


def _customer_form(request, customer: Customer | None):
    form = CustomerForm(request.POST or None, instance=customer)
    if request.method == "POST" and form.is_valid():
        saved = _save_customer(request, form, customer)
        if saved is not None:
            messages.success(request, f"Saved {saved}.")
            return _done(request, reverse("customers:detail", args=[saved.pk]))
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "customer": customer}
    return _form_page(request, "customers/customer_form.html", context, status)


@member_required(Role.MANAGER)
def customer_create(request):
    return _customer_form(request, None)


@member_required(Role.MANAGER)
def customer_edit(request, pk: int):
    return _customer_form(request, _customer(request, pk))


@member_required(Role.MANAGER)
@require_POST
def customer_delete(request, pk: int):
    customer = _customer(request, pk)
    try:
        services.delete_customer(customer=customer, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("customers:detail", pk=pk)
    messages.success(request, f"Deleted {customer}.")
    return redirect("customers:list")


# Shipping addresses ------------------------------------------------------------------------


def _address_form(request, customer: Customer, address: ShippingAddress | None):
    form = ShippingAddressForm(request.POST or None, instance=address)
    if request.method == "POST" and form.is_valid():
        try:
            if address is None:
                services.add_shipping_address(
                    customer=customer, actor=request.user, fields=form.cleaned_data
                )
            else:
                services.update_shipping_address(
                    address=address, actor=request.user, fields=form.cleaned_data
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Shipping address saved.")
            return _done(request, reverse("customers:detail", args=[customer.pk]))
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "customer": customer, "address": address}
    return _form_page(request, "customers/address_form.html", context, status)


@member_required(Role.MANAGER)
def address_create(request, pk: int):
    return _address_form(request, _customer(request, pk), None)


@member_required(Role.MANAGER)
def address_edit(request, pk: int, address_id: int):
    customer = _customer(request, pk)
    return _address_form(
        request, customer, get_object_or_404(customer.shipping_addresses, pk=address_id)
    )


@member_required(Role.MANAGER)
@require_POST
def address_delete(request, pk: int, address_id: int):
    customer = _customer(request, pk)
    address = get_object_or_404(customer.shipping_addresses, pk=address_id)
    services.delete_shipping_address(address=address, actor=request.user)
    messages.success(request, "Shipping address removed.")
    return redirect("customers:detail", pk=pk)


# Warehouse-code mappings -------------------------------------------------------------------


def _mapping(request, mapping_id: int) -> WarehouseCodeMapping:
    return get_object_or_404(WarehouseCodeMapping, pk=mapping_id, organization=request.organization)


def _save_mapping(request, form, mapping=None) -> bool:
    data = form.cleaned_data
    try:
        services.save_warehouse_mapping(
            organization=request.organization,
            actor=request.user,
            code=data["code"],
            customer=form.fixed_customer or data["customer"],
            location=data.get("location"),
            mapping=mapping,
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True


def _customer_mappings_panel(request, customer: Customer, form=None, status=200):
    form = form or WarehouseMappingForm(organization=request.organization, fixed_customer=customer)
    context = {"customer": customer, "mapping_form": form}
    return render(request, "customers/detail.html#mappings", context, status=status)


@member_required(Role.MANAGER)
@require_POST
def customer_mapping_add(request, pk: int):
    """Inline on the customer page (htmx): add a code to this customer, re-render the panel."""
    customer = _customer(request, pk)
    form = WarehouseMappingForm(
        request.POST, organization=request.organization, fixed_customer=customer
    )
    saved = form.is_valid() and _save_mapping(request, form)
    if not request.htmx:
        if not saved:
            messages.error(request, " ".join(_named_errors(form)))
        return redirect("customers:detail", pk=pk)
    if saved:
        return _customer_mappings_panel(request, customer)
    return _customer_mappings_panel(request, customer, form, status=422)


def _named_errors(form) -> list[str]:
    """Each error of the form, led by its field's label (a page message has no field next to it)."""
    return [
        f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
        for name, errors in form.errors.items()
        for error in errors
    ]


@member_required(Role.MANAGER)
@require_POST
def customer_mapping_remove(request, pk: int, mapping_id: int):
    customer = _customer(request, pk)
    mapping = get_object_or_404(customer.warehouse_mappings, pk=mapping_id)
    services.delete_warehouse_mapping(mapping=mapping, actor=request.user)
    if request.htmx:
        return _customer_mappings_panel(request, customer)
    return redirect("customers:detail", pk=pk)


@member_required(Role.VIEWER)
def mapping_list(request):
    query = request.GET.get("q", "")
    rows = selectors.mappings(request.organization, query)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    unmapped = unmapped_warehouse_codes(request.organization)
    code = normalize_warehouse_code(request.GET.get("code", ""))
    context = {
        "page_obj": page,
        "q": query,
        "query_string": _query_string(request),
        "unmapped_codes": unmapped,
        "code_to_map": next(((fc, held) for fc, held in unmapped if fc == code), None),
    }
    return render(request, "customers/warehouse_codes.html", context)


def _held_count(organization, code: str) -> int:
    return ImportException.objects.filter(
        organization=organization, ship_to_code=code, status=ExceptionStatus.OPEN
    ).count()


def _imported_text(imported: int) -> str:
    if imported <= 0:
        return ""
    if imported == 1:
        return " 1 held PO became an order."
    return f" {imported} held POs became orders."


def _new_code_initial(request) -> dict:
    """A new mapping's code from `?code=`, and a new customer prefilled from its held POs."""
    code = normalize_warehouse_code(request.GET.get("code", ""))
    fields = prefill.new_customer_fields(request.organization, code)
    return {"code": code, **{f"new_{name}": value for name, value in fields.items()}}


def _save_new_customer(request, form) -> bool:
    data = form.cleaned_data
    try:
        services.map_code_to_new_customer(
            organization=request.organization,
            actor=request.user,
            code=data["code"],
            fields=form.new_customer_fields(),
            location=data.get("location"),
        )
    except ValidationError as exc:
        add_service_errors(form, _new_customer_errors(exc))
        return False
    return True


def _new_customer_errors(exc: ValidationError) -> ValidationError:
    """The new customer's errors (`new_customer.name`) on the form's `new_name` fields."""
    if not hasattr(exc, "error_dict"):
        return exc
    prefix = "new_customer."
    return ValidationError(
        {
            (f"new_{name.removeprefix(prefix)}" if name.startswith(prefix) else name): errors
            for name, errors in exc.message_dict.items()
        }
    )


def _saved(request, form, mapping) -> bool:
    if mapping is None and form.cleaned_data.get("create_customer"):
        return _save_new_customer(request, form)
    return _save_mapping(request, form, mapping)


def _mapping_form(request, mapping: WarehouseCodeMapping | None):
    form: WarehouseMappingForm
    if mapping is None:
        form = NewCodeMappingForm(
            request.POST or None,
            initial=_new_code_initial(request),
            organization=request.organization,
        )
    else:
        form = WarehouseMappingForm(
            request.POST or None, instance=mapping, organization=request.organization
        )
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip().upper()
        held_before = _held_count(request.organization, code)
        if _saved(request, form, mapping):
            imported = held_before - _held_count(request.organization, code)
            messages.success(request, f"Saved warehouse code {code}." + _imported_text(imported))
            return _done(request, reverse("customers:warehouse_codes"))
    status = 422 if request.method == "POST" else 200
    return _form_page(
        request, "customers/mapping_form.html", {"form": form, "mapping": mapping}, status
    )


@member_required(Role.MANAGER)
def mapping_create(request):
    return _mapping_form(request, None)


@member_required(Role.MANAGER)
def mapping_edit(request, mapping_id: int):
    return _mapping_form(request, _mapping(request, mapping_id))


@member_required(Role.MANAGER)
@require_POST
def mapping_delete(request, mapping_id: int):
    mapping = _mapping(request, mapping_id)
    services.delete_warehouse_mapping(mapping=mapping, actor=request.user)
    messages.success(request, f"Removed warehouse code {mapping.code}.")
    return redirect("customers:warehouse_codes")


# CSV ---------------------------------------------------------------------------------------


@member_required(Role.VIEWER)
def customer_export(request):
    rows = services.export_rows(request.organization)
    return csv_response("customers.csv", services.CSV_COLUMNS, rows)


@member_required(Role.MANAGER)
def customer_import(request):
    form = CustomerImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.import_customers_csv(
                organization=request.organization,
                actor=request.user,
                data=form.cleaned_data["file"].read(),
            )
        except services.CustomerImportError as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                f"Imported {len(result.created)} new and {len(result.updated)} updated "
                "customer(s); "
                f"{len(result.mapped_codes)} warehouse code(s) mapped.",
            )
            return redirect("customers:list")
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "errors": errors, "columns": services.CSV_COLUMNS}
    return render(request, "customers/import.html", context, status=status)
