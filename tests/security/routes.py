"""Every UI route (from the URL resolver) and every API operation (from the OpenAPI schema).

Object routes name the kind of object each URL parameter is; `concrete_url` fills them in with
the ids of a `World`. A route or parameter that is not described here makes the sweep fail by name,
so a new route is covered as soon as it exists.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from vendorflow.api import api

API_PREFIX = "api/v1/"
# Public on purpose: no sign-in needed (and no organization data behind them).
PUBLIC_UI = {"accounts/login/", "accounts/logout/", "healthz"}
PUBLIC_API = {"api/v1/", "api/v1/docs", "api/v1/openapi.json"}
# Django's own staff site: its own staff sign-in, outside the organization model.
STAFF_PREFIX = "admin/"

# URL parameter → the World attribute it names, per route.
UI_OBJECTS: dict[str, dict[str, str]] = {
    "accounts/members/<int:pk>/role/": {"pk": "member"},
    "accounts/members/<int:pk>/deactivate/": {"pk": "member"},
    "accounts/members/<int:pk>/reactivate/": {"pk": "member"},
    "accounts/members/<int:pk>/unlock/": {"pk": "member"},
    "accounts/tokens/<int:pk>/revoke/": {"pk": "token"},
    "customers/<int:pk>/": {"pk": "customer"},
    "customers/<int:pk>/edit/": {"pk": "customer"},
    "customers/<int:pk>/delete/": {"pk": "customer"},
    "customers/<int:pk>/addresses/new/": {"pk": "customer"},
    "customers/<int:pk>/addresses/<int:address_id>/edit/": {
        "pk": "customer",
        "address_id": "address",
    },
    "customers/<int:pk>/addresses/<int:address_id>/delete/": {
        "pk": "customer",
        "address_id": "address",
    },
    "customers/<int:pk>/mappings/": {"pk": "customer"},
    "customers/<int:pk>/mappings/<int:mapping_id>/delete/": {
        "pk": "customer",
        "mapping_id": "warehouse_mapping",
    },
    "customers/warehouse-codes/<int:mapping_id>/edit/": {"mapping_id": "warehouse_mapping"},
    "customers/warehouse-codes/<int:mapping_id>/delete/": {"mapping_id": "warehouse_mapping"},
    "catalog/locations/<int:pk>/edit/": {"pk": "location"},
    "catalog/locations/<int:pk>/delete/": {"pk": "location"},
    "catalog/products/<int:pk>/": {"pk": "product"},
    "catalog/products/<int:pk>/edit/": {"pk": "product"},
    "catalog/products/<int:pk>/delete/": {"pk": "product"},
    "catalog/mappings/<int:pk>/edit/": {"pk": "product_mapping"},
    "catalog/mappings/<int:pk>/delete/": {"pk": "product_mapping"},
    "channels/<int:pk>/": {"pk": "channel"},
    "channels/<int:pk>/edit/": {"pk": "channel"},
    "channels/<int:pk>/active/": {"pk": "channel"},
    "channels/sales/<int:pk>/rename/": {"pk": "sales_channel"},
    "channels/sales/<int:pk>/delete/": {"pk": "sales_channel"},
    "channels/<int:channel_id>/sync/": {"channel_id": "channel"},
    "channels/<int:channel_id>/test-connection/": {"channel_id": "channel"},
    "channels/<int:pk>/sync-runs/": {"pk": "channel"},
    "orders/exceptions/<int:pk>/reprocess/": {"pk": "exception"},
    "orders/<int:pk>/": {"pk": "order"},
    "orders/<int:pk>/scan/": {"pk": "order"},
    "orders/<int:pk>/scan/undo/": {"pk": "order"},
    "orders/<int:pk>/lines/<int:line_pk>/bulk/": {"pk": "order", "line_pk": "line"},
    "orders/<int:pk>/acknowledge/": {"pk": "held_order"},
    "orders/<int:pk>/acknowledgement/": {"pk": "held_order"},
    "orders/<int:pk>/pick-list/": {"pk": "order"},
    "orders/<int:pk>/pick-list.pdf": {"pk": "order"},
    "orders/<int:pk>/sheet/": {"pk": "order"},
    "orders/<int:pk>/sheet.pdf": {"pk": "order"},
    "shipments/<int:pk>/": {"pk": "shipment"},
    "shipments/<int:pk>/packing-list/": {"pk": "shipment"},
    "shipments/<int:pk>/packing-list.pdf": {"pk": "shipment"},
    "shipments/<int:pk>/packing-list.csv": {"pk": "shipment"},
    "shipments/<int:pk>/asn.csv": {"pk": "shipment"},
    "shipments/<int:pk>/labels/": {"pk": "shipment"},
    "shipments/<int:pk>/labels.pdf": {"pk": "shipment"},
    **{
        f"shipments/<int:pk>/{action}/": {"pk": "shipment"}
        for action in (
            "ready",
            "ship",
            "send-asn",
            "replace-asn",
            "cancel",
            "remove-order",
            "add-orders",
        )
    },
    "shipments/orders/<int:pk>/pack/": {"pk": "order"},
    "shipments/orders/<int:pk>/boxes/": {"pk": "order"},
    "shipments/orders/<int:pk>/labels/": {"pk": "order"},
    "shipments/orders/<int:pk>/labels.pdf": {"pk": "order"},
    "shipments/boxes/<int:pk>/close/": {"pk": "box"},
    "shipments/boxes/<int:pk>/reopen/": {"pk": "box"},
    "shipments/boxes/<int:pk>/discard/": {"pk": "box"},
    "shipments/boxes/<int:pk>/move/": {"pk": "box"},
    "shipments/boxes/<int:pk>/label.pdf": {"pk": "box"},
}

API_OBJECTS: dict[str, dict[str, str]] = {
    "api/v1/accounts/tokens/{token_id}": {"token_id": "token"},
    "api/v1/accounts/members/{member_id}/unlock": {"member_id": "member"},
    "api/v1/accounts/members/{member_id}": {"member_id": "member"},
    "api/v1/accounts/members/{member_id}/deactivate": {"member_id": "member"},
    "api/v1/accounts/members/{member_id}/reactivate": {"member_id": "member"},
    "api/v1/customers/warehouse-codes/{mapping_id}": {"mapping_id": "warehouse_mapping"},
    "api/v1/customers/{customer_id}": {"customer_id": "customer"},
    "api/v1/customers/{customer_id}/shipping-addresses": {"customer_id": "customer"},
    "api/v1/customers/{customer_id}/shipping-addresses/{address_id}": {
        "customer_id": "customer",
        "address_id": "address",
    },
    "api/v1/catalog/locations/{location_id}": {"location_id": "location"},
    "api/v1/catalog/products/{product_id}": {"product_id": "product"},
    "api/v1/catalog/mappings/{mapping_id}": {"mapping_id": "product_mapping"},
    "api/v1/channels/{channel_id}": {"channel_id": "channel"},
    "api/v1/channels/{channel_id}/activate": {"channel_id": "channel"},
    "api/v1/channels/{channel_id}/deactivate": {"channel_id": "channel"},
    "api/v1/channels/{channel_id}/sync-runs": {"channel_id": "channel"},
    "api/v1/channels/{channel_id}/test-connection": {"channel_id": "channel"},
    "api/v1/channels/sales-channels/{sales_channel_id}": {"sales_channel_id": "sales_channel"},
    "api/v1/orders/{order_id}": {"order_id": "order"},
    "api/v1/orders/{order_id}/scans": {"order_id": "order"},
    "api/v1/orders/{order_id}/acknowledgement": {"order_id": "held_order"},
    "api/v1/orders/{order_id}/acknowledgement/preview": {"order_id": "held_order"},
    "api/v1/orders/{order_id}/scans/bulk": {"order_id": "order"},
    "api/v1/orders/{order_id}/scans/undo": {"order_id": "order"},
    "api/v1/orders/{order_id}/pick-list": {"order_id": "order"},
    "api/v1/orders/{order_id}/pick-list.pdf": {"order_id": "order"},
    "api/v1/orders/{order_id}/sheet.pdf": {"order_id": "order"},
    "api/v1/exceptions/{exception_id}": {"exception_id": "exception"},
    "api/v1/exceptions/{exception_id}/reprocess": {"exception_id": "exception"},
    "api/v1/sync/channels/{channel_id}": {"channel_id": "channel"},
    "api/v1/sync/runs/{run_id}": {"run_id": "sync_run"},
    "api/v1/orders/{order_id}/boxes": {"order_id": "order"},
    "api/v1/boxes/{box_id}": {"box_id": "box"},
    "api/v1/boxes/{box_id}/close": {"box_id": "box"},
    "api/v1/boxes/{box_id}/reopen": {"box_id": "box"},
    "api/v1/boxes/{box_id}/items": {"box_id": "box"},
    "api/v1/boxes/{box_id}/items/{line_id}": {"box_id": "box", "line_id": "line"},
    "api/v1/boxes/{box_id}/moves": {"box_id": "box"},
    "api/v1/shipments/{shipment_id}": {"shipment_id": "shipment"},
    "api/v1/shipments/{shipment_id}/orders": {"shipment_id": "shipment"},
    "api/v1/shipments/{shipment_id}/orders/{order_id}": {
        "shipment_id": "shipment",
        "order_id": "packed_order",
    },
    "api/v1/shipments/{shipment_id}/ready": {"shipment_id": "shipment"},
    "api/v1/shipments/{shipment_id}/ship": {"shipment_id": "shipment"},
    "api/v1/shipments/{shipment_id}/asn": {"shipment_id": "shipment"},
    "api/v1/shipments/{shipment_id}/asn/replace": {"shipment_id": "shipment"},
}

UI_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
UI_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
API_PARAM = re.compile(r"{(\w+)}")


@dataclass(frozen=True)
class Route:
    pattern: str  # "customers/<int:pk>/" or "api/v1/customers/{customer_id}"
    methods: tuple[str, ...]  # what to try: the API's declared methods; every method for pages
    is_api: bool

    @property
    def params(self) -> list[str]:
        return (API_PARAM if self.is_api else UI_PARAM).findall(self.pattern)

    def __str__(self) -> str:
        return f"{'/'.join(self.methods)} /{self.pattern}"


def ui_routes() -> list[Route]:
    """Every page of the project (not the API, not Django's staff admin)."""
    found = []
    for pattern in _walk(get_resolver().url_patterns):
        if not pattern.startswith((API_PREFIX, STAFF_PREFIX)):
            found.append(Route(pattern, UI_METHODS, is_api=False))
    return found


def api_routes() -> list[Route]:
    """Every operation of the NinjaAPI, grouped by path."""
    schema = api.get_openapi_schema()
    found = []
    for path, operations in schema["paths"].items():
        methods = tuple(sorted(method.upper() for method in operations))
        found.append(Route(path.lstrip("/"), methods, is_api=True))
    return found


def api_patterns_in_resolver() -> set[str]:
    """API paths as the resolver has them, in OpenAPI spelling, to cross-check the schema."""
    paths = set()
    for pattern in _walk(get_resolver().url_patterns):
        if pattern.startswith(API_PREFIX):
            paths.add(re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", pattern))
    return paths


def _walk(patterns, prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def object_table(route: Route) -> dict[str, dict[str, str]]:
    return API_OBJECTS if route.is_api else UI_OBJECTS


def unmapped(route: Route) -> str:
    """Why `route` cannot be walked ("" if it can): a parameter without an object kind."""
    kinds = object_table(route).get(route.pattern, {})
    missing = [name for name in route.params if name not in kinds]
    return f"{route}: no object kind for {', '.join(missing)}" if missing else ""


def concrete_url(route: Route, world=None, missing_id: int | None = None) -> str:
    """The route's URL with each parameter set to the id of `world`'s object of that kind."""
    kinds = object_table(route).get(route.pattern, {})

    def value(name: str) -> str:
        return str(missing_id if missing_id is not None else getattr(world, kinds[name]).pk)

    regex = API_PARAM if route.is_api else UI_PARAM
    return "/" + regex.sub(lambda match: value(match.group(1)), route.pattern)


def is_public(route: Route) -> bool:
    return route.pattern in (PUBLIC_API if route.is_api else PUBLIC_UI)


def all_routes() -> list[Route]:
    return ui_routes() + api_routes()
