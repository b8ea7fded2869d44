"""The orders list for the API and the CLI: the list page's filters (checked by its own form) plus
exact identifiers, by the names clients use (`channel_id`, `po_number`, ...).

A bad value is a `ValidationError` naming the parameter; the page instead drops a bad filter on
its own (a stale bookmark), which a script would not notice.
"""

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet

from vendorflow.orders import selectors
from vendorflow.orders.forms import OrderFilterForm
from vendorflow.orders.models import Order, OrderLine

# API/CLI name → the list form's field.
FORM_NAMES = {
    "q": "q",
    "status": "status",
    "sort": "sort",
    "fc": "fc",
    "channel_id": "channel",
    "sales_channel_id": "sales_channel",
    "customer_id": "customer",
    "location_id": "location",
    "deadline": "deadline",
    "needs_mapping": "needs_mapping",
    "changed_after_ack": "changed_after_ack",
    "ack": "ack",
}


def filtered_orders(organization, params: dict) -> tuple[QuerySet[Order], tuple[str, ...]]:
    """The organization's orders matching `params`, and the sort keys (the page's default sort
    for the status when none is given)."""
    filters = _cleaned(organization, params)
    orders = selectors.filter_orders(selectors.orders_for(organization), filters, organization)
    status = filters.get("status") or None
    if status:
        orders = orders.filter(status=status)
    orders = exact_identifiers(
        orders,
        po_number=params.get("po_number") or "",
        sku=params.get("sku") or "",
        asin=params.get("asin") or "",
    )
    sort = filters.get("sort") or selectors.default_sort(status)
    return orders, selectors.SORTS[sort][1]


def exact_identifiers(orders: QuerySet[Order], *, po_number="", sku="", asin="") -> QuerySet:
    """Orders with exactly this PO number, or holding a line for this SKU or ASIN."""
    if po_number:
        orders = orders.filter(po_number=po_number.strip())
    if sku:
        lines = OrderLine.objects.filter(order=OuterRef("pk"), product__sku=sku.strip())
        orders = orders.filter(Exists(lines))
    if asin:
        lines = OrderLine.objects.filter(order=OuterRef("pk"), asin=asin.strip().upper())
        orders = orders.filter(Exists(lines))
    return orders


def _cleaned(organization, params: dict) -> dict:
    data = {
        form_name: _form_value(params[name])
        for name, form_name in FORM_NAMES.items()
        if params.get(name) not in (None, "", False)
    }
    form = OrderFilterForm(data, organization=organization)
    if not form.is_valid():
        by_form_name = {form_name: name for name, form_name in FORM_NAMES.items()}
        raise ValidationError(
            {by_form_name.get(field, field): errors for field, errors in form.errors.items()}
        )
    return form.cleaned_data


def _form_value(value) -> str:
    return "on" if value is True else str(value)
