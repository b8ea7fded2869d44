"""Every action a member can take in the UI has a REST endpoint: the test walks the URL patterns,
takes every page that accepts a POST (each one is declared in `writes.UI_WRITES`, which the role
matrix checks is complete), and fails on one without an API operation here, or on an API
operation named here that the OpenAPI document does not have.

A page truly without an API counterpart goes in `EXEMPT`, with the reason, after review.
"""

from tests.security import routes
from tests.security.writes import UI_WRITES

# UI page pattern → the API operations ("METHOD path") that do the same.
PARITY: dict[str, set[str]] = {
    "accounts/members/add/": {"POST /api/v1/accounts/members"},
    "accounts/members/<int:pk>/role/": {"PATCH /api/v1/accounts/members/{member_id}"},
    "accounts/members/<int:pk>/deactivate/": {
        "POST /api/v1/accounts/members/{member_id}/deactivate"
    },
    "accounts/members/<int:pk>/reactivate/": {
        "POST /api/v1/accounts/members/{member_id}/reactivate"
    },
    "accounts/members/<int:pk>/unlock/": {"POST /api/v1/accounts/members/{member_id}/unlock"},
    "accounts/time-zone/mine/": {"PATCH /api/v1/accounts/me/time-zone"},
    "accounts/time-zone/organization/": {"PATCH /api/v1/accounts/organization/time-zone"},
    "accounts/tokens/create/": {"POST /api/v1/accounts/tokens"},
    "accounts/tokens/<int:pk>/revoke/": {"DELETE /api/v1/accounts/tokens/{token_id}"},
    "customers/new/": {"POST /api/v1/customers"},
    "customers/import/": {"POST /api/v1/customers/import"},
    "customers/<int:pk>/edit/": {"PATCH /api/v1/customers/{customer_id}"},
    "customers/<int:pk>/delete/": {"DELETE /api/v1/customers/{customer_id}"},
    "customers/<int:pk>/addresses/new/": {
        "POST /api/v1/customers/{customer_id}/shipping-addresses"
    },
    "customers/<int:pk>/addresses/<int:address_id>/edit/": {
        "PATCH /api/v1/customers/{customer_id}/shipping-addresses/{address_id}"
    },
    "customers/<int:pk>/addresses/<int:address_id>/delete/": {
        "DELETE /api/v1/customers/{customer_id}/shipping-addresses/{address_id}"
    },
    "customers/<int:pk>/mappings/": {"POST /api/v1/customers/warehouse-codes"},
    "customers/<int:pk>/mappings/<int:mapping_id>/delete/": {
        "DELETE /api/v1/customers/warehouse-codes/{mapping_id}"
    },
    "customers/warehouse-codes/new/": {"POST /api/v1/customers/warehouse-codes"},
    "customers/warehouse-codes/<int:mapping_id>/edit/": {
        "PATCH /api/v1/customers/warehouse-codes/{mapping_id}"
    },
    "customers/warehouse-codes/<int:mapping_id>/delete/": {
        "DELETE /api/v1/customers/warehouse-codes/{mapping_id}"
    },
    "catalog/locations/new/": {"POST /api/v1/catalog/locations"},
    "catalog/locations/import/": {"POST /api/v1/catalog/locations/import"},
    "catalog/locations/<int:pk>/edit/": {"PATCH /api/v1/catalog/locations/{location_id}"},
    "catalog/locations/<int:pk>/delete/": {"DELETE /api/v1/catalog/locations/{location_id}"},
    "catalog/products/new/": {"POST /api/v1/catalog/products"},
    "catalog/products/import/": {"POST /api/v1/catalog/products/import"},
    "catalog/products/<int:pk>/edit/": {"PATCH /api/v1/catalog/products/{product_id}"},
    "catalog/products/<int:pk>/delete/": {"DELETE /api/v1/catalog/products/{product_id}"},
    "catalog/mappings/new/": {"POST /api/v1/catalog/mappings"},
    "catalog/mappings/suggestions/": {"POST /api/v1/catalog/mappings/suggestions"},
    "catalog/mappings/import/": {"POST /api/v1/catalog/mappings/import"},
    "catalog/mappings/<int:pk>/edit/": {"PATCH /api/v1/catalog/mappings/{mapping_id}"},
    "catalog/mappings/<int:pk>/delete/": {"DELETE /api/v1/catalog/mappings/{mapping_id}"},
    "catalog/unmapped/map/": {"POST /api/v1/catalog/unmapped-items/map"},
    "catalog/unmapped/new-product/": {"POST /api/v1/catalog/unmapped-items/products"},
    "channels/add/amazon/": {"POST /api/v1/channels"},
    "channels/<int:pk>/edit/": {"PATCH /api/v1/channels/{channel_id}"},
    "channels/<int:pk>/active/": {
        "POST /api/v1/channels/{channel_id}/activate",
        "POST /api/v1/channels/{channel_id}/deactivate",
    },
    "channels/sales/new/": {"POST /api/v1/channels/sales-channels"},
    "channels/sales/inline/": {"POST /api/v1/channels/sales-channels"},
    "channels/sales/<int:pk>/rename/": {"PATCH /api/v1/channels/sales-channels/{sales_channel_id}"},
    "channels/sales/<int:pk>/delete/": {
        "DELETE /api/v1/channels/sales-channels/{sales_channel_id}"
    },
    "channels/<int:channel_id>/sync/": {
        "POST /api/v1/sync/channels/{channel_id}",
        "GET /api/v1/sync/runs/{run_id}",
    },
    "channels/<int:channel_id>/test-connection/": {
        "POST /api/v1/channels/{channel_id}/test-connection"
    },
    "orders/exceptions/<int:pk>/reprocess/": {"POST /api/v1/exceptions/{exception_id}/reprocess"},
    "orders/exceptions/reprocess/": {"POST /api/v1/exceptions/reprocess"},
    "orders/acknowledge/": {
        "POST /api/v1/orders/acknowledgements/preview",
        "POST /api/v1/orders/acknowledgements",
    },
    # Ticking orders for a pick list posts them and is sent on to the list's page (GET).
    "orders/pick-list/select/": {"GET /api/v1/orders/pick-list"},
    "orders/pick-list/scan/": {"POST /api/v1/orders/pick-list/scans"},
    "orders/pick-list/scan/undo/": {"POST /api/v1/orders/pick-list/scans/undo"},
    "orders/<int:pk>/scan/": {"POST /api/v1/orders/{order_id}/scans"},
    "orders/<int:pk>/scan/undo/": {"POST /api/v1/orders/{order_id}/scans/undo"},
    "orders/<int:pk>/lines/<int:line_pk>/bulk/": {
        "POST /api/v1/orders/{order_id}/scans/bulk",
        "POST /api/v1/orders/{order_id}/scans",  # a quantity by barcode, no line id
    },
    "orders/<int:pk>/acknowledge/": {
        "GET /api/v1/orders/{order_id}/acknowledgement/preview",
        "POST /api/v1/orders/{order_id}/acknowledgement",
        "GET /api/v1/orders/{order_id}/acknowledgement",
    },
}

# Pages that post without an API counterpart, and why (reviewed).
PARITY.update(
    {
        "shipments/orders/<int:pk>/pack/": {"POST /api/v1/boxes/{box_id}/items"},
        "shipments/orders/<int:pk>/boxes/": {"POST /api/v1/orders/{order_id}/boxes"},
        "shipments/boxes/<int:pk>/close/": {"POST /api/v1/boxes/{box_id}/close"},
        "shipments/boxes/<int:pk>/reopen/": {"POST /api/v1/boxes/{box_id}/reopen"},
        "shipments/boxes/<int:pk>/discard/": {"DELETE /api/v1/boxes/{box_id}"},
        "shipments/boxes/<int:pk>/move/": {
            "POST /api/v1/boxes/{box_id}/moves",
            "DELETE /api/v1/boxes/{box_id}/items/{line_id}",
        },
        "shipments/new/": {"POST /api/v1/shipments"},
        "shipments/settings/": {"PATCH /api/v1/settings/shipping"},
        "shipments/<int:pk>/": {"PATCH /api/v1/shipments/{shipment_id}"},
        "shipments/<int:pk>/ready/": {"POST /api/v1/shipments/{shipment_id}/ready"},
        "shipments/<int:pk>/ship/": {"POST /api/v1/shipments/{shipment_id}/ship"},
        "shipments/<int:pk>/send-asn/": {"POST /api/v1/shipments/{shipment_id}/asn"},
        "shipments/<int:pk>/replace-asn/": {"POST /api/v1/shipments/{shipment_id}/asn/replace"},
        "shipments/<int:pk>/cancel/": {"DELETE /api/v1/shipments/{shipment_id}"},
        "shipments/<int:pk>/remove-order/": {
            "DELETE /api/v1/shipments/{shipment_id}/orders/{order_id}"
        },
        "shipments/<int:pk>/add-orders/": {"POST /api/v1/shipments/{shipment_id}/orders"},
    }
)

EXEMPT: dict[str, str] = {
    "accounts/login/": "opens a browser session; the API authenticates each request by token",
    "accounts/logout/": "closes a browser session; revoke a token to end API access",
}


def _ui_posts() -> set[str]:
    pages = {route.pattern for route in routes.ui_routes()}
    declared = {key.split(" ", 1)[1] for key in UI_WRITES if key.startswith("POST ")}
    return (pages & declared) | (pages & set(EXEMPT))


def _api_operations() -> set[str]:
    return {
        f"{method} /{route.pattern}" for route in routes.api_routes() for method in route.methods
    }


def test_every_ui_action_has_an_api_endpoint():
    missing = sorted(_ui_posts() - set(PARITY) - set(EXEMPT))
    assert missing == [], "UI actions without an API endpoint (add one, or exempt with a reason)"


def test_the_named_api_operations_exist():
    operations = _api_operations()
    absent = sorted(
        f"{page} → {operation}"
        for page, named in PARITY.items()
        for operation in named
        if operation not in operations
    )
    assert absent == []


def test_no_stale_entries():
    pages = {route.pattern for route in routes.ui_routes()}
    assert sorted((set(PARITY) | set(EXEMPT)) - pages) == []
    assert sorted(set(PARITY) & set(EXEMPT)) == []
