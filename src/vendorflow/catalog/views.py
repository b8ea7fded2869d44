"""Catalog pages: locations, products, product mappings. Thin: parse, call one service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from vendorflow.accounts.choices import Role
from vendorflow.accounts.permissions import member_required
from vendorflow.catalog import services
from vendorflow.catalog.barcodes import gtin14
from vendorflow.catalog.forms import (
    CsvUploadForm,
    LocationForm,
    MappingForm,
    MapUnmappedForm,
    ProductForm,
    SuggestForm,
    UnmappedProductForm,
)
from vendorflow.catalog.models import Barcode, Location, Product, ProductMapping
from vendorflow.catalog.services.common import error_text
from vendorflow.channels.models import AmazonChannel
from vendorflow.lib.csvio import CsvFormatError, csv_response

PAGE_SIZE = 50


# --- shared helpers -------------------------------------------------------------------------


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _done(request, url: str, message: str) -> HttpResponse:
    messages.success(request, message)
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _render_form(request, template: str, context: dict) -> HttpResponse:
    """The whole page, or only its form partial for htmx; 422 when the form has errors."""
    form = context["form"]
    status = 422 if form.is_bound and form.errors else 200
    name = f"{template}#form" if request.htmx else template
    return render(request, name, context, status=status)


def _submit(request, form, save) -> bool:
    """Validate `form` and call `save(cleaned_data)`; service errors land on the form's fields."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


def _import(request, context: dict, run) -> HttpResponse:
    """The CSV import page: on POST call `run(data)`; list every bad line when it is rejected."""
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    context = {**context, "form": form, "errors": []}
    if request.method == "POST" and form.is_valid():
        try:
            summary = run(form.cleaned_data["file"].read())
        except services.CsvImportError as exc:
            context["errors"] = exc.messages
        except (CsvFormatError, ValidationError) as exc:
            context["errors"] = [_message(exc)]
        else:
            return _done(request, context["back_url"], f"Imported: {summary}.")
    status = 422 if context["errors"] or form.errors else 200
    return render(request, "catalog/import.html", context, status=status)


def _message(exc: Exception) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


def _delete(request, obj, template: str, context: dict, delete, back_url: str):
    if request.method == "POST":
        try:
            delete()
        except ValidationError as exc:
            messages.error(request, _message(exc))
            return HttpResponseClientRedirect(back_url) if request.htmx else redirect(back_url)
        return _done(request, context.get("done_url", back_url), f"Deleted {obj}.")
    name = f"{template}#form" if request.htmx else template
    return render(request, name, {**context, "object": obj, "back_url": back_url})


# --- locations ------------------------------------------------------------------------------


@member_required(Role.VIEWER)
@require_GET
def location_list(request):
    locations = Location.objects.filter(organization=request.organization)
    return render(request, "catalog/location_list.html", {"page_obj": _page(request, locations)})


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def location_create(request):
    form = LocationForm(request.POST or None)

    def save(data):
        return services.create_location(
            organization=request.organization, actor=request.user, data=data
        )

    if _submit(request, form, save):
        return _done(request, reverse("catalog:locations"), "Location saved.")
    return _render_form(request, "catalog/location_form.html", {"form": form})


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def location_edit(request, pk: int):
    location = get_object_or_404(Location, pk=pk, organization=request.organization)
    form = LocationForm.for_location(location, request.POST or None)

    def save(data):
        return services.update_location(location=location, actor=request.user, data=data)

    if _submit(request, form, save):
        return _done(request, reverse("catalog:locations"), f"Location {location.code} saved.")
    return _render_form(request, "catalog/location_form.html", {"form": form, "location": location})


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def location_delete(request, pk: int):
    location = get_object_or_404(Location, pk=pk, organization=request.organization)
    context = {"uses": services.location_usage(location), "kind": "location"}

    def delete():
        return services.delete_location(location=location, actor=request.user)

    return _delete(
        request,
        location,
        "catalog/confirm_delete.html",
        context,
        delete,
        reverse("catalog:locations"),
    )


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def location_import(request):
    context = {
        "title": "Import locations",
        "columns": services.LOCATION_FIELDS,
        "back_url": reverse("catalog:locations"),
        "help": "Rows upsert by code. A column left out keeps the stored values.",
    }

    def run(data):
        return services.import_locations_csv(
            organization=request.organization, actor=request.user, data=data
        ).summary

    return _import(request, context, run)


@member_required(Role.VIEWER)
@require_GET
def location_export(request):
    rows = services.location_export_rows(request.organization)
    return csv_response("locations.csv", services.LOCATION_FIELDS, rows)


# --- products -------------------------------------------------------------------------------


def _product_search(organization, query: str):
    products = Product.objects.filter(organization=organization)
    if query:
        products = products.filter(
            Q(sku__icontains=query)
            | Q(name__icontains=query)
            | Q(
                pk__in=Barcode.objects.filter(organization=organization, gtin=gtin14(query)).values(
                    "product"
                )
            )
        )
    return products.prefetch_related("barcodes")


@member_required(Role.VIEWER)
@require_GET
def product_list(request):
    query = request.GET.get("q", "").strip()
    page_obj = _page(request, _product_search(request.organization, query))
    context = {
        "page_obj": page_obj,
        "q": query,
        "query_string": urlencode({"q": query}) if query else "",
    }
    return render(request, "catalog/product_list.html", context)


@member_required(Role.VIEWER)
@require_GET
def product_detail(request, pk: int):
    product = get_object_or_404(
        Product.objects.prefetch_related("barcodes"), pk=pk, organization=request.organization
    )
    mappings = product.mappings.select_related("channel").order_by("channel__vendor_code", "asin")
    context = {
        "product": product,
        "mappings": mappings,
        "order_lines": services.product_usage(product),
    }
    return render(request, "catalog/product_detail.html", context)


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def product_create(request):
    form = ProductForm(request.POST or None)
    created = []

    def save(data):
        return created.append(
            services.create_product(
                organization=request.organization, actor=request.user, data=data
            )
        )

    if _submit(request, form, save):
        return _done(request, reverse("catalog:product", args=[created[0].pk]), "Product saved.")
    return _render_form(request, "catalog/product_form.html", {"form": form})


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def product_edit(request, pk: int):
    product = get_object_or_404(Product, pk=pk, organization=request.organization)
    form = ProductForm.for_product(product, request.POST or None)

    def save(data):
        return services.update_product(product=product, actor=request.user, data=data)

    if _submit(request, form, save):
        return _done(
            request, reverse("catalog:product", args=[pk]), f"Product {product.sku} saved."
        )
    return _render_form(request, "catalog/product_form.html", {"form": form, "product": product})


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def product_delete(request, pk: int):
    product = get_object_or_404(Product, pk=pk, organization=request.organization)
    lines = services.product_usage(product)
    context = {
        "uses": [f"{lines} order line(s)"] if lines else [],
        "cascade": [f"{product.mappings.count()} product mapping(s)"],
        "kind": "product",
        "done_url": reverse("catalog:products"),
    }

    def delete():
        return services.delete_product(product=product, actor=request.user)

    return _delete(
        request,
        product,
        "catalog/confirm_delete.html",
        context,
        delete,
        reverse("catalog:product", args=[pk]),
    )


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def product_import(request):
    context = {
        "title": "Import products",
        "columns": services.PRODUCT_FIELDS,
        "back_url": reverse("catalog:products"),
        "help": "Rows upsert by SKU; barcodes are separated by |. A row's barcodes replace the "
        "product's barcodes. A column left out keeps the stored values.",
    }

    def run(data):
        return services.import_products_csv(
            organization=request.organization, actor=request.user, data=data
        ).summary

    return _import(request, context, run)


@member_required(Role.VIEWER)
@require_GET
def product_export(request):
    rows = services.product_export_rows(request.organization)
    return csv_response("products.csv", services.PRODUCT_FIELDS, rows)


# --- product mappings -----------------------------------------------------------------------


def _channels(request):
    return AmazonChannel.objects.filter(organization=request.organization).order_by("vendor_code")


def _channel(request, channel_id=None) -> AmazonChannel | None:
    """The chosen channel (`?channel=`), 404 if it is not the organization's; else the first one."""
    channel_id = channel_id or request.GET.get("channel") or request.POST.get("channel")
    if channel_id:
        if not str(channel_id).isdigit():
            raise Http404("No such channel.")
        return get_object_or_404(AmazonChannel, pk=channel_id, organization=request.organization)
    return _channels(request).first()


def _mappings_url(channel) -> str:
    return reverse("catalog:mappings") + f"?channel={channel.pk}"


def _mapping_search(channel, query: str):
    mappings = ProductMapping.objects.filter(channel=channel).select_related("product")
    if query:
        mappings = mappings.filter(
            Q(asin__icontains=query)
            | Q(vendor_product_id__icontains=query)
            | Q(product__sku__icontains=query)
            | Q(product__name__icontains=query)
        )
    return mappings


@member_required(Role.VIEWER)
@require_GET
def mapping_list(request):
    channel = _channel(request)
    query = request.GET.get("q", "").strip()
    context = {"channel": channel, "channels": _channels(request), "q": query}
    if channel is not None:
        context["page_obj"] = _page(request, _mapping_search(channel, query))
        context["query_string"] = urlencode({"channel": channel.pk, "q": query})
    return render(request, "catalog/mapping_list.html", context)


def _sku_options(request):
    return Product.objects.filter(organization=request.organization).values_list("sku", "name")[
        :1000
    ]


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def mapping_create(request):
    channel = _channel(request)
    if channel is None:
        return redirect("catalog:mappings")
    form = MappingForm(request.POST or None, initial=_prefill(request.GET))

    def save(data):
        return services.save_product_mapping(channel=channel, actor=request.user, **data)

    if _submit(request, form, save):
        return _done(request, _mappings_url(channel), "Mapping saved.")
    return _render_mapping_form(request, form, channel)


def _prefill(params) -> dict:
    return {name: params.get(name, "") for name in ("asin", "vendor_product_id", "sku")}


def _render_mapping_form(request, form, channel, mapping=None):
    suggestion = None
    vendor_id = form.initial.get("vendor_product_id", "")
    if not form.is_bound and mapping is None and vendor_id and not form.initial.get("sku"):
        suggestion = services.suggest_product(channel=channel, vendor_product_id=vendor_id)
        if suggestion:
            form.initial["sku"] = suggestion.product.sku
    context = {
        "form": form,
        "channel": channel,
        "mapping": mapping,
        "suggestion": suggestion,
        "sku_options": _sku_options(request),
    }
    return _render_form(request, "catalog/mapping_form.html", context)


@member_required(Role.MANAGER)
@require_GET
def mapping_suggest_product(request):
    """htmx: the product field of the add form, pre-selected from a barcode match."""
    channel = _channel(request)
    vendor_id = request.GET.get("vendor_product_id", "").strip()
    suggestion = (
        services.suggest_product(channel=channel, vendor_product_id=vendor_id)
        if (channel and vendor_id)
        else None
    )
    form = MappingForm(
        initial={"sku": suggestion.product.sku if suggestion else request.GET.get("sku", "")}
    )
    context = {"form": form, "suggestion": suggestion, "sku_options": _sku_options(request)}
    return render(request, "catalog/mapping_form.html#sku-field", context)


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def mapping_edit(request, pk: int):
    mapping = get_object_or_404(
        ProductMapping.objects.select_related("product", "channel"),
        pk=pk,
        organization=request.organization,
    )
    form = MappingForm.for_mapping(mapping, request.POST or None)

    def save(data):
        return services.save_product_mapping(
            channel=mapping.channel, actor=request.user, mapping=mapping, **data
        )

    if _submit(request, form, save):
        return _done(request, _mappings_url(mapping.channel), "Mapping saved.")
    return _render_mapping_form(request, form, mapping.channel, mapping)


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def mapping_delete(request, pk: int):
    mapping = get_object_or_404(
        ProductMapping.objects.select_related("product", "channel"),
        pk=pk,
        organization=request.organization,
    )

    def delete():
        return services.delete_product_mapping(mapping=mapping, actor=request.user)

    context = {"uses": [], "kind": "product mapping"}
    return _delete(
        request,
        mapping,
        "catalog/confirm_delete.html",
        context,
        delete,
        _mappings_url(mapping.channel),
    )


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def mapping_import(request):
    channel = _channel(request)
    if channel is None:
        return redirect("catalog:mappings")
    context = {
        "title": f"Import product mappings · {channel}",
        "columns": services.MAPPING_COLUMNS,
        "back_url": _mappings_url(channel),
        "channel": channel,
        "help": "Each row maps an ASIN and/or a vendor product id to a SKU on this channel. "
        "Rows identical to stored mappings change nothing.",
    }
    return _import(request, context, lambda data: _import_mappings(request, channel, data))


def _import_mappings(request, channel, data) -> str:
    written = services.import_product_mappings_csv(channel=channel, actor=request.user, data=data)
    return f"{len(written)} mapping(s) created or changed"


@member_required(Role.VIEWER)
@require_GET
def mapping_export(request):
    channel = _channel(request)
    if channel is None:
        return redirect("catalog:mappings")
    rows = services.mapping_export_rows(channel)
    return csv_response(
        f"product-mappings-{channel.vendor_code}.csv", services.MAPPING_COLUMNS, rows
    )


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def mapping_suggestions(request):
    channel = _channel(request)
    if channel is None:
        return redirect("catalog:mappings")
    form = SuggestForm(request.POST or None)
    suggestions = None
    if request.method == "POST" and form.is_valid():
        suggestions = services.suggest_mappings(channel=channel, identifiers=form.pairs())
    context = {"form": form, "channel": channel, "suggestions": suggestions}
    return render(request, "catalog/mapping_suggestions.html", context)


# --- unmapped items -------------------------------------------------------------------------


def _unmapped_url(channel_id=None) -> str:
    url = reverse("catalog:unmapped")
    return f"{url}?channel={channel_id}" if channel_id else url


def _mapped_message(result: services.MappedItem) -> str:
    label = result.mapping.asin or result.mapping.vendor_product_id
    fixed = ", ".join(order.po_number for order in result.orders_fixed)
    text = f"Mapped {label} to {result.product.sku}: {result.lines_mapped} order line(s) set."
    return text + (f" Ready to scan: {fixed}." if fixed else "")


@member_required(Role.VIEWER)
@require_GET
def unmapped_list(request):
    channels = _channels(request)
    chosen = request.GET.get("channel", "")
    channel = _channel(request) if chosen else None
    query = request.GET.get("q", "").strip()
    rows = services.unmapped_item_rows(
        request.organization, channel_id=channel.pk if channel else None, q=query
    )
    page_obj = _page(request, rows)
    names = {c.pk: c for c in channels}
    items = services.unmapped_items(page_obj.object_list)
    context = {
        "page_obj": page_obj,
        "items": [(item, names.get(item.channel_id)) for item in items],
        "channels": channels,
        "channel": channel,
        "q": query,
        "query_string": urlencode({"channel": chosen, "q": query}),
        "sku_options": _sku_options(request) if items else [],
    }
    return render(request, "catalog/unmapped_list.html", context)


@member_required(Role.MANAGER)
@require_http_methods(["POST"])
def unmapped_map(request):
    form = MapUnmappedForm(request.POST)
    back = _unmapped_url(request.POST.get("back_channel"))
    if not form.is_valid():
        messages.error(request, "Choose the product (SKU) to map the item to.")
        return redirect(back)
    data = form.cleaned_data
    channel = _channel(request, data["channel"])
    try:
        result = services.map_unmapped_item(
            channel=channel,
            actor=request.user,
            asin=data["asin"],
            vendor_product_id=data["vendor_product_id"],
            sku=data["sku"],
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect(back)
    return _done(request, back, _mapped_message(result))


@member_required(Role.MANAGER)
@require_http_methods(["GET", "POST"])
def unmapped_product(request):
    params = request.POST if request.method == "POST" else request.GET
    channel = _channel(request, params.get("channel"))
    if channel is None:
        return redirect("catalog:unmapped")
    asin, vendor_id = params.get("asin", ""), params.get("vendor_product_id", "")
    try:
        item = services.unmapped_item(channel=channel, asin=asin, vendor_product_id=vendor_id)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return _done_error(request)
    form = UnmappedProductForm(request.POST or None, initial=_product_initial(channel, item))
    done = []

    def save(data):
        values = {name: data[name] for name in services.PRODUCT_FIELDS}
        done.append(
            services.create_product_for_item(
                channel=channel,
                actor=request.user,
                asin=item.asin,
                vendor_product_id=item.vendor_product_id,
                data=values,
            )
        )

    if _submit(request, form, save):
        return _done(request, _unmapped_url(), _mapped_message(done[0]))
    context = {"form": form, "item": item, "channel": channel}
    return _render_form(request, "catalog/unmapped_product_form.html", context)


def _done_error(request) -> HttpResponse:
    url = _unmapped_url()
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _product_initial(channel, item: services.UnmappedItem) -> dict:
    values = services.product_values_from_po(item)
    values["barcodes"] = "\n".join(values["barcodes"])
    values = {k: "" if v is None else v for k, v in values.items()}
    return {
        **values,
        "channel": channel.pk,
        "asin": item.asin,
        "vendor_product_id": item.vendor_product_id,
    }
