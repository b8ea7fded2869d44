"""Every state-changing request of the app: the least role that may send it, and a valid example.

Keys are "METHOD pattern" as `routes.Route` spells patterns. An example is built against a
`World` for a given user (some writes act on the user's own rows, e.g. their API tokens).
"""

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from tests.security.builders import acknowledged_order, scan_by, unmapped_item
from vendorflow.accounts import services as account_services
from vendorflow.accounts.choices import Role
from vendorflow.orders import acknowledging
from vendorflow.shipping import asn, packing, shipments


@dataclass(frozen=True)
class Request:
    url: str
    data: dict = field(default_factory=dict)
    json: bool = False  # a JSON body (API) rather than form fields / multipart


def send(client, method: str, request: Request, **extra):
    if method == "GET":
        return client.get(request.url, request.data, **extra)
    if request.json:
        body = json.dumps(request.data)
        return client.generic(method, request.url, body, content_type="application/json", **extra)
    if method == "POST":
        return client.post(request.url, request.data, **extra)
    return client.generic(method, request.url, **extra)


def _unreachable_amazon(w):
    """The world's channel pointed at a closed port on loopback: a connection test of it is
    refused at once, and nothing goes out to the internet."""
    from vendorflow.channels.models import AmazonChannel

    AmazonChannel.objects.filter(pk=w.channel.pk).update(
        endpoint_override="http://127.0.0.1:9", lwa_endpoint_override="http://127.0.0.1:9/token"
    )
    return w.channel


def csv_file(text: str, name: str = "upload.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


# --- examples ---------------------------------------------------------------------------------

Build = Callable[..., Request]


_spare = itertools.count(1)


def _new_customer(w):
    return factories.make_customer(w.org, code=f"SPARE-{next(_spare)}")


def _new_location(w):
    return factories.make_location(w.org, code=f"SPARE{next(_spare)}")


def _new_product(w):
    return factories.make_product(w.org, sku=f"SPARE-SKU-{next(_spare)}")


def _api_item(item: dict) -> dict:
    return {"channel_id": item["channel"], "asin": item["asin"], "vendor_product_id": ""}


def _new_sales_channel(w):
    return factories.make_sales_channel(w.org, name=f"Spare channel {next(_spare)}")


def _undo(w, user, url: str) -> Request:
    """Undo needs a scan of the user's own on the order."""
    scan_by(w, user)
    return Request(url, json=url.startswith("/api/"))


def _batch_undo(w, user, url: str) -> Request:
    """Undo on a batch needs a scan of the user's own on one of its orders."""
    scan_by(w, user)
    return Request(url, {"orders": [w.order.pk]}, json=url.startswith("/api/"))


def _own_token(user):
    return account_services.create_token(member=user.membership, name="mine").token


def _ack_dates(order) -> dict:
    plan = acknowledging.build_plan(order)
    return {
        "scheduled_ship_date": plan.scheduled_ship_date.date().isoformat(),
        "scheduled_delivery_date": (plan.scheduled_delivery_date + timedelta(days=1))
        .date()
        .isoformat(),
        "preview": plan.fingerprint,
    }


def _bulk_ack(order) -> dict:
    plan = acknowledging.build_plan(order)
    return {"orders": [order.pk], "confirm": "1", f"preview_{order.pk}": plan.fingerprint}


CUSTOMER = {"code": "NEW-1", "name": "New Customer", "country_code": "IN"}
LOCATION = {"code": "WH9", "name": "Warehouse 9", "country_code": "IN"}
PRODUCT = {"sku": "SKU-NEW", "name": "New product", "barcodes": "", "mrp": "10.00"}
ADDRESS = {"label": "Dock 2", "city": "Pune", "country_code": "IN"}
CHANNEL = {
    "vendor_code": "NEWV",
    "warehouse_codes": "WH1",
    "registered_emails": "a@b.co",
    "region": "EU",
}

UI_WRITES: dict[str, tuple[str, Build]] = {
    "POST accounts/members/add/": (
        Role.ADMIN,
        lambda w, u: Request(
            "/accounts/members/add/",
            {"username": "new-user", "password": "long-enough-pass-1", "role": "viewer"},
        ),
    ),
    "POST accounts/members/<int:pk>/role/": (
        Role.ADMIN,
        lambda w, u: Request(f"/accounts/members/{w.member.pk}/role/", {"role": "manager"}),
    ),
    "POST accounts/members/<int:pk>/deactivate/": (
        Role.ADMIN,
        lambda w, u: Request(f"/accounts/members/{w.member.pk}/deactivate/"),
    ),
    "POST accounts/members/<int:pk>/reactivate/": (
        Role.ADMIN,
        lambda w, u: Request(f"/accounts/members/{w.member.pk}/reactivate/"),
    ),
    "POST accounts/time-zone/organization/": (
        Role.ADMIN,
        lambda w, u: Request("/accounts/time-zone/organization/", {"time_zone": "Europe/London"}),
    ),
    "POST accounts/time-zone/mine/": (
        Role.VIEWER,
        lambda w, u: Request("/accounts/time-zone/mine/", {"time_zone": "Asia/Dubai"}),
    ),
    "POST accounts/members/<int:pk>/unlock/": (
        Role.ADMIN,
        lambda w, u: Request(f"/accounts/members/{w.member.pk}/unlock/"),
    ),
    "POST accounts/tokens/create/": (
        Role.VIEWER,
        lambda w, u: Request("/accounts/tokens/create/", {"name": "my script"}),
    ),
    "POST accounts/tokens/<int:pk>/revoke/": (
        Role.VIEWER,
        lambda w, u: Request(f"/accounts/tokens/{_own_token(u).pk}/revoke/"),
    ),
    "POST customers/new/": (Role.MANAGER, lambda w, u: Request("/customers/new/", CUSTOMER)),
    "POST customers/import/": (
        Role.MANAGER,
        lambda w, u: Request(
            "/customers/import/", {"file": csv_file("code,name\nNEW-2,Imported Customer\n")}
        ),
    ),
    "POST customers/<int:pk>/edit/": (
        Role.MANAGER,
        lambda w, u: Request(
            f"/customers/{w.customer.pk}/edit/", {**CUSTOMER, "code": w.customer.code}
        ),
    ),
    "POST customers/<int:pk>/delete/": (
        Role.MANAGER,
        lambda w, u: Request(f"/customers/{_new_customer(w).pk}/delete/"),
    ),
    "POST customers/<int:pk>/addresses/new/": (
        Role.MANAGER,
        lambda w, u: Request(f"/customers/{w.customer.pk}/addresses/new/", ADDRESS),
    ),
    "POST customers/<int:pk>/addresses/<int:address_id>/edit/": (
        Role.MANAGER,
        lambda w, u: Request(f"/customers/{w.customer.pk}/addresses/{w.address.pk}/edit/", ADDRESS),
    ),
    "POST customers/<int:pk>/addresses/<int:address_id>/delete/": (
        Role.MANAGER,
        lambda w, u: Request(f"/customers/{w.customer.pk}/addresses/{w.address.pk}/delete/"),
    ),
    "POST customers/<int:pk>/mappings/": (
        Role.MANAGER,
        lambda w, u: Request(f"/customers/{w.customer.pk}/mappings/", {"code": "DEL4"}),
    ),
    "POST customers/<int:pk>/mappings/<int:mapping_id>/delete/": (
        Role.MANAGER,
        lambda w, u: Request(
            f"/customers/{w.customer.pk}/mappings/{w.warehouse_mapping.pk}/delete/"
        ),
    ),
    "POST customers/warehouse-codes/new/": (
        Role.MANAGER,
        lambda w, u: Request(
            "/customers/warehouse-codes/new/", {"code": "DEL4", "customer": w.customer.pk}
        ),
    ),
    "POST customers/warehouse-codes/<int:mapping_id>/edit/": (
        Role.MANAGER,
        lambda w, u: Request(
            f"/customers/warehouse-codes/{w.warehouse_mapping.pk}/edit/",
            {"code": "BLR8", "customer": w.customer.pk, "location": w.location.pk},
        ),
    ),
    "POST customers/warehouse-codes/<int:mapping_id>/delete/": (
        Role.MANAGER,
        lambda w, u: Request(f"/customers/warehouse-codes/{w.warehouse_mapping.pk}/delete/"),
    ),
    "POST catalog/locations/new/": (
        Role.MANAGER,
        lambda w, u: Request("/catalog/locations/new/", LOCATION),
    ),
    "POST catalog/locations/import/": (
        Role.MANAGER,
        lambda w, u: Request(
            "/catalog/locations/import/", {"file": csv_file("code,name\nWH8,Warehouse 8\n")}
        ),
    ),
    "POST catalog/locations/<int:pk>/edit/": (
        Role.MANAGER,
        lambda w, u: Request(
            f"/catalog/locations/{w.location.pk}/edit/", {**LOCATION, "code": "WH1"}
        ),
    ),
    "POST catalog/locations/<int:pk>/delete/": (
        Role.MANAGER,
        lambda w, u: Request(f"/catalog/locations/{_new_location(w).pk}/delete/"),
    ),
    "POST catalog/products/new/": (
        Role.MANAGER,
        lambda w, u: Request("/catalog/products/new/", PRODUCT),
    ),
    "POST catalog/products/import/": (
        Role.MANAGER,
        lambda w, u: Request(
            "/catalog/products/import/", {"file": csv_file("sku,name\nSKU-IMP,Imported\n")}
        ),
    ),
    "POST catalog/products/<int:pk>/edit/": (
        Role.MANAGER,
        lambda w, u: Request(
            f"/catalog/products/{w.product.pk}/edit/",
            {**PRODUCT, "sku": "SKU-1", "barcodes": w.barcode.code},
        ),
    ),
    "POST catalog/products/<int:pk>/delete/": (
        Role.MANAGER,
        lambda w, u: Request(f"/catalog/products/{_new_product(w).pk}/delete/"),
    ),
    "POST catalog/mappings/new/": (
        Role.MANAGER,
        lambda w, u: Request(
            f"/catalog/mappings/new/?channel={w.channel.pk}", {"asin": "B000000002", "sku": "SKU-1"}
        ),
    ),
    "POST catalog/mappings/suggestions/": (
        Role.MANAGER,
        lambda w, u: Request(
            f"/catalog/mappings/suggestions/?channel={w.channel.pk}",
            {"identifiers": "B000000009,8901234567890"},
        ),
    ),
    "POST catalog/mappings/import/": (
        Role.MANAGER,
        lambda w, u: Request(
            f"/catalog/mappings/import/?channel={w.channel.pk}",
            {"file": csv_file("asin,vendor_product_id,sku\nB000000003,,SKU-1\n")},
        ),
    ),
    "POST catalog/mappings/<int:pk>/edit/": (
        Role.MANAGER,
        lambda w, u: Request(
            f"/catalog/mappings/{w.product_mapping.pk}/edit/",
            {"asin": "B000000004", "sku": "SKU-1"},
        ),
    ),
    "POST catalog/mappings/<int:pk>/delete/": (
        Role.MANAGER,
        lambda w, u: Request(f"/catalog/mappings/{w.product_mapping.pk}/delete/"),
    ),
    "POST catalog/unmapped/map/": (
        Role.MANAGER,
        lambda w, u: Request("/catalog/unmapped/map/", {**unmapped_item(w), "sku": "SKU-1"}),
    ),
    "POST catalog/unmapped/new-product/": (
        Role.MANAGER,
        lambda w, u: Request(
            "/catalog/unmapped/new-product/",
            {**unmapped_item(w), **PRODUCT, "sku": f"SKU-UNMAPPED-{next(_spare)}"},
        ),
    ),
    "POST channels/add/amazon/": (
        Role.MANAGER,
        lambda w, u: Request(
            "/channels/add/amazon/", {**CHANNEL, "sales_channel": w.sales_channel.pk}
        ),
    ),
    "POST channels/<int:pk>/edit/": (
        Role.MANAGER,
        lambda w, u: Request(
            f"/channels/{w.channel.pk}/edit/",
            {**CHANNEL, "vendor_code": w.channel.vendor_code, "sales_channel": w.sales_channel.pk},
        ),
    ),
    "POST channels/<int:pk>/active/": (
        Role.MANAGER,
        lambda w, u: Request(f"/channels/{w.channel.pk}/active/", {"active": "0"}),
    ),
    "POST channels/sales/new/": (
        Role.MANAGER,
        lambda w, u: Request("/channels/sales/new/", {"name": "Retail"}),
    ),
    "POST channels/sales/inline/": (
        Role.MANAGER,
        lambda w, u: Request("/channels/sales/inline/", {"new_sales_channel_name": "Inline"}),
    ),
    "POST channels/sales/<int:pk>/rename/": (
        Role.MANAGER,
        lambda w, u: Request(f"/channels/sales/{w.sales_channel.pk}/rename/", {"name": "Renamed"}),
    ),
    "POST channels/sales/<int:pk>/delete/": (
        Role.MANAGER,
        lambda w, u: Request(f"/channels/sales/{_new_sales_channel(w).pk}/delete/"),
    ),
    "POST channels/<int:channel_id>/sync/": (
        Role.MANAGER,
        lambda w, u: Request(f"/channels/{w.channel.pk}/sync/"),
    ),
    "POST channels/<int:channel_id>/test-connection/": (
        Role.MANAGER,
        lambda w, u: Request(f"/channels/{_unreachable_amazon(w).pk}/test-connection/"),
    ),
    "POST orders/exceptions/<int:pk>/reprocess/": (
        Role.MANAGER,
        lambda w, u: Request(f"/orders/exceptions/{w.exception.pk}/reprocess/"),
    ),
    "POST orders/exceptions/reprocess/": (
        Role.MANAGER,
        lambda w, u: Request("/orders/exceptions/reprocess/", {"code": "DEL4"}),
    ),
    "POST orders/acknowledge/": (
        Role.MANAGER,
        lambda w, u: Request("/orders/acknowledge/", _bulk_ack(w.order)),
    ),
    "POST orders/<int:pk>/scan/": (
        Role.OPERATOR,
        lambda w, u: Request(f"/orders/{w.order.pk}/scan/", {"barcode": w.barcode.code}),
    ),
    "POST orders/<int:pk>/scan/undo/": (
        Role.OPERATOR,
        lambda w, u: _undo(w, u, f"/orders/{w.order.pk}/scan/undo/"),
    ),
    "POST orders/<int:pk>/lines/<int:line_pk>/bulk/": (
        Role.OPERATOR,
        lambda w, u: Request(
            f"/orders/{w.order.pk}/lines/{w.line.pk}/bulk/", {"quantity_eaches": "3"}
        ),
    ),
    "POST orders/pick-list/select/": (  # writes nothing: the ticked orders → the pick list's URL
        Role.OPERATOR,
        lambda w, u: Request("/orders/pick-list/select/", {"orders": [w.order.pk]}),
    ),
    "POST orders/pick-list/scan/": (
        Role.OPERATOR,
        lambda w, u: Request(
            "/orders/pick-list/scan/", {"orders": [w.order.pk], "barcode": w.barcode.code}
        ),
    ),
    "POST orders/pick-list/scan/undo/": (
        Role.OPERATOR,
        lambda w, u: _batch_undo(w, u, "/orders/pick-list/scan/undo/"),
    ),
    "POST orders/<int:pk>/acknowledge/": (
        Role.MANAGER,
        lambda w, u: Request(f"/orders/{w.held_order.pk}/acknowledge/", _ack_dates(w.held_order)),
    ),
    "POST shipments/orders/<int:pk>/pack/": (
        Role.OPERATOR,
        lambda w, u: Request(f"/shipments/orders/{w.order.pk}/pack/", {"barcode": w.barcode.code}),
    ),
    "POST shipments/orders/<int:pk>/boxes/": (
        Role.OPERATOR,
        lambda w, u: Request(f"/shipments/orders/{w.order.pk}/boxes/"),
    ),
    "POST shipments/boxes/<int:pk>/close/": (
        Role.OPERATOR,
        lambda w, u: Request(f"/shipments/boxes/{_open_box(w).pk}/close/", {"weight_kg": "1.5"}),
    ),
    "POST shipments/boxes/<int:pk>/reopen/": (
        Role.OPERATOR,
        lambda w, u: Request(f"/shipments/boxes/{w.box.pk}/reopen/", {"reason": "recount"}),
    ),
    "POST shipments/boxes/<int:pk>/discard/": (
        Role.OPERATOR,
        lambda w, u: Request(f"/shipments/boxes/{_empty_box(w).pk}/discard/"),
    ),
    "POST shipments/boxes/<int:pk>/move/": (
        Role.OPERATOR,
        lambda w, u: Request(
            f"/shipments/boxes/{_open_box(w).pk}/move/",
            {"line": w.line.pk, "quantity_eaches": "1", "target": _empty_box(w).pk},
        ),
    ),
    "POST shipments/settings/": (
        Role.ADMIN,
        lambda w, u: Request(
            "/shipments/settings/", {"gs1_company_prefix": "8901234", "sscc_extension_digit": "3"}
        ),
    ),
    "POST shipments/new/": (
        Role.MANAGER,
        lambda w, u: Request(
            "/shipments/new/",
            {"orders": [_spare_order(w).pk], "shipment_type": "SmallParcel"},
        ),
    ),
    "POST shipments/<int:pk>/": (
        Role.MANAGER,
        lambda w, u: Request(
            f"/shipments/{w.shipment.pk}/",
            {"shipment_type": "TruckLoad", "appointment_id": "ARN-1"},
        ),
    ),
    "POST shipments/<int:pk>/ready/": (
        Role.MANAGER,
        lambda w, u: Request(f"/shipments/{w.shipment.pk}/ready/"),
    ),
    "POST shipments/<int:pk>/ship/": (
        Role.MANAGER,
        lambda w, u: Request(f"/shipments/{w.shipment.pk}/ship/"),
    ),
    "POST shipments/<int:pk>/send-asn/": (
        Role.MANAGER,
        lambda w, u: Request(f"/shipments/{_shipped(w).pk}/send-asn/"),
    ),
    "POST shipments/<int:pk>/replace-asn/": (
        Role.MANAGER,
        lambda w, u: Request(f"/shipments/{_failed_asn(w).pk}/replace-asn/"),
    ),
    "POST shipments/<int:pk>/cancel/": (
        Role.MANAGER,
        lambda w, u: Request(f"/shipments/{w.shipment.pk}/cancel/"),
    ),
    "POST shipments/<int:pk>/remove-order/": (
        Role.MANAGER,
        lambda w, u: Request(
            f"/shipments/{w.shipment.pk}/remove-order/",
            {"order": _second_order(w).pk},
        ),
    ),
    "POST shipments/<int:pk>/add-orders/": (
        Role.MANAGER,
        lambda w, u: Request(
            f"/shipments/{w.shipment.pk}/add-orders/",
            {"orders": [_spare_order(w).pk]},
        ),
    ),
}


def _open_box(w):
    """The order's box 1, open, holding what `scan_by` scanned (a scan packs)."""
    return w.order.boxes.filter(state="open").order_by("number").first()


def _empty_box(w):
    return packing.new_box(order=w.order, user=w.admin)


def _json(url: str, data: dict | None = None) -> Request:
    return Request(url, data or {}, json=True)


def _reopened(w) -> object:
    """The world's closed box, open again (once: several examples may share a world)."""
    box = type(w.box).objects.get(pk=w.box.pk)
    if box.state == "open":
        return box
    return packing.reopen_box(box=box, user=w.admin, reason="recount")


def _room(w) -> object:
    """The world's box, reopened with one accepted each taken out: room to pack it again."""
    box = _reopened(w)
    packing.unpack(box=box, line=w.packed_order.lines.get(), eaches=1, user=w.admin)
    return box


def _spare_order(w):
    return acknowledged_order(w.channel, w.customer, w.product, f"SPARE{next(_spare)}", w.admin)


def _second_order(w):
    """A second PO in the world's shipment, to take out again."""
    order = _spare_order(w)
    packing.close_box(box=order.boxes.get(), user=w.admin, measures=packing.Measures())
    if type(w.shipment).objects.filter(pk=w.shipment.pk, state__in=["draft", "ready"]).exists():
        shipments.add_orders(shipment=w.shipment, order_ids=[order.pk], user=w.admin)
    return order


def _shipped(w):
    """The world's shipment shipped (once; its boxes closed first)."""
    shipment = type(w.shipment).objects.get(pk=w.shipment.pk)
    if shipment.state != "draft":
        return shipment
    boxes = packing.Box.objects.filter(
        order__shipment_member__shipment=shipment, state="open", items__isnull=False
    )
    for box in boxes.distinct():
        packing.close_box(box=box, user=w.admin, measures=packing.Measures())
    return shipments.mark_shipped(shipment=shipment, user=w.admin, short_note="left behind")


def _failed_asn(w):
    shipment = _shipped(w)
    if not asn.Asn.objects.filter(shipment=shipment).exists():
        row = asn.send_now(shipment=shipment, user=w.admin)
        asn.claim(asn_id=row.pk, worker="w1")
        asn.record_failed(asn_id=row.pk, errors=[{"code": "InvalidInput"}])
    return shipment


API_WRITES: dict[str, tuple[str, Build]] = {
    "PATCH api/v1/accounts/organization/time-zone": (
        Role.ADMIN,
        lambda w, u: _json("/api/v1/accounts/organization/time-zone", {"time_zone": "UTC"}),
    ),
    "PATCH api/v1/accounts/me/time-zone": (
        Role.VIEWER,
        lambda w, u: _json("/api/v1/accounts/me/time-zone", {"time_zone": "UTC"}),
    ),
    "POST api/v1/accounts/members/{member_id}/unlock": (
        Role.ADMIN,
        lambda w, u: _json(f"/api/v1/accounts/members/{w.member.pk}/unlock"),
    ),
    "POST api/v1/accounts/members": (
        Role.ADMIN,
        lambda w, u: _json(
            "/api/v1/accounts/members",
            {
                "username": f"api-user-{next(_spare)}",
                "password": "long-enough-pass-1",
                "role": "viewer",
            },
        ),
    ),
    "PATCH api/v1/accounts/members/{member_id}": (
        Role.ADMIN,
        lambda w, u: _json(f"/api/v1/accounts/members/{w.member.pk}", {"role": "manager"}),
    ),
    "POST api/v1/accounts/members/{member_id}/deactivate": (
        Role.ADMIN,
        lambda w, u: _json(f"/api/v1/accounts/members/{w.member.pk}/deactivate"),
    ),
    "POST api/v1/accounts/members/{member_id}/reactivate": (
        Role.ADMIN,
        lambda w, u: _json(f"/api/v1/accounts/members/{w.member.pk}/reactivate"),
    ),
    "POST api/v1/accounts/tokens": (
        Role.VIEWER,
        lambda w, u: _json("/api/v1/accounts/tokens", {"name": "script"}),
    ),
    "DELETE api/v1/accounts/tokens/{token_id}": (
        Role.VIEWER,
        lambda w, u: _json(f"/api/v1/accounts/tokens/{_own_token(u).pk}"),
    ),
    "POST api/v1/customers/": (
        Role.MANAGER,
        lambda w, u: _json("/api/v1/customers/", CUSTOMER),
    ),
    "POST api/v1/customers": (
        Role.MANAGER,
        lambda w, u: _json("/api/v1/customers", CUSTOMER),
    ),
    "POST api/v1/customers/warehouse-codes": (
        Role.MANAGER,
        lambda w, u: _json(
            "/api/v1/customers/warehouse-codes", {"code": "DEL4", "customer_id": w.customer.pk}
        ),
    ),
    "PATCH api/v1/customers/warehouse-codes/{mapping_id}": (
        Role.MANAGER,
        lambda w, u: _json(
            f"/api/v1/customers/warehouse-codes/{w.warehouse_mapping.pk}", {"code": "BLR8"}
        ),
    ),
    "DELETE api/v1/customers/warehouse-codes/{mapping_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/customers/warehouse-codes/{w.warehouse_mapping.pk}"),
    ),
    "POST api/v1/customers/import": (
        Role.MANAGER,
        lambda w, u: Request(
            "/api/v1/customers/import", {"file": csv_file("code,name\nNEW-3,Imported\n")}
        ),
    ),
    "PATCH api/v1/customers/{customer_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/customers/{w.customer.pk}", {"name": "Renamed"}),
    ),
    "DELETE api/v1/customers/{customer_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/customers/{_new_customer(w).pk}"),
    ),
    "POST api/v1/customers/{customer_id}/shipping-addresses": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/customers/{w.customer.pk}/shipping-addresses", ADDRESS),
    ),
    "PATCH api/v1/customers/{customer_id}/shipping-addresses/{address_id}": (
        Role.MANAGER,
        lambda w, u: _json(
            f"/api/v1/customers/{w.customer.pk}/shipping-addresses/{w.address.pk}",
            {"city": "Pune"},
        ),
    ),
    "DELETE api/v1/customers/{customer_id}/shipping-addresses/{address_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/customers/{w.customer.pk}/shipping-addresses/{w.address.pk}"),
    ),
    "POST api/v1/catalog/locations": (
        Role.MANAGER,
        lambda w, u: _json("/api/v1/catalog/locations", LOCATION),
    ),
    "PUT api/v1/catalog/locations/{location_id}": (
        Role.MANAGER,
        lambda w, u: _json(
            f"/api/v1/catalog/locations/{w.location.pk}", {**LOCATION, "code": "WH1"}
        ),
    ),
    "PATCH api/v1/catalog/locations/{location_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/catalog/locations/{w.location.pk}", {"name": "Renamed"}),
    ),
    "DELETE api/v1/catalog/locations/{location_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/catalog/locations/{_new_location(w).pk}"),
    ),
    "POST api/v1/catalog/locations/import": (
        Role.MANAGER,
        lambda w, u: Request(
            "/api/v1/catalog/locations/import", {"file": csv_file("code,name\nWH7,Seven\n")}
        ),
    ),
    "POST api/v1/catalog/products": (
        Role.MANAGER,
        lambda w, u: _json("/api/v1/catalog/products", {"sku": "SKU-API", "name": "Api"}),
    ),
    "PUT api/v1/catalog/products/{product_id}": (
        Role.MANAGER,
        lambda w, u: _json(
            f"/api/v1/catalog/products/{w.product.pk}",
            {"sku": "SKU-1", "name": "Renamed", "barcodes": [w.barcode.code]},
        ),
    ),
    "PATCH api/v1/catalog/products/{product_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/catalog/products/{w.product.pk}", {"name": "Renamed"}),
    ),
    "DELETE api/v1/catalog/products/{product_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/catalog/products/{_new_product(w).pk}"),
    ),
    "POST api/v1/catalog/products/import": (
        Role.MANAGER,
        lambda w, u: Request(
            "/api/v1/catalog/products/import", {"file": csv_file("sku,name\nSKU-I2,Two\n")}
        ),
    ),
    "POST api/v1/catalog/mappings": (
        Role.MANAGER,
        lambda w, u: _json(
            "/api/v1/catalog/mappings",
            {"channel_id": w.channel.pk, "asin": "B000000005", "sku": "SKU-1"},
        ),
    ),
    "PUT api/v1/catalog/mappings/{mapping_id}": (
        Role.MANAGER,
        lambda w, u: _json(
            f"/api/v1/catalog/mappings/{w.product_mapping.pk}",
            {"asin": "B000000006", "sku": "SKU-1"},
        ),
    ),
    "PATCH api/v1/catalog/mappings/{mapping_id}": (
        Role.MANAGER,
        lambda w, u: _json(
            f"/api/v1/catalog/mappings/{w.product_mapping.pk}", {"asin": "B000000008"}
        ),
    ),
    "DELETE api/v1/catalog/mappings/{mapping_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/catalog/mappings/{w.product_mapping.pk}"),
    ),
    "POST api/v1/catalog/mappings/import": (
        Role.MANAGER,
        lambda w, u: Request(
            f"/api/v1/catalog/mappings/import?channel_id={w.channel.pk}",
            {"file": csv_file("asin,vendor_product_id,sku\nB000000007,,SKU-1\n")},
        ),
    ),
    # A look-up sent as POST (a list of identifiers): reading, so open to viewers.
    "POST api/v1/catalog/mappings/suggestions": (
        Role.VIEWER,
        lambda w, u: _json(
            "/api/v1/catalog/mappings/suggestions",
            {"channel_id": w.channel.pk, "identifiers": [{"vendor_product_id": "8901234567890"}]},
        ),
    ),
    "POST api/v1/catalog/unmapped-items/map": (
        Role.MANAGER,
        lambda w, u: _json(
            "/api/v1/catalog/unmapped-items/map",
            {**_api_item(unmapped_item(w)), "sku": "SKU-1"},
        ),
    ),
    "POST api/v1/catalog/unmapped-items/products": (
        Role.MANAGER,
        lambda w, u: _json(
            "/api/v1/catalog/unmapped-items/products",
            {**_api_item(unmapped_item(w)), "sku": f"SKU-UNMAPPED-{next(_spare)}"},
        ),
    ),
    "POST api/v1/channels/": (
        Role.MANAGER,
        lambda w, u: _json(
            "/api/v1/channels/",
            {
                "vendor_code": "NEWV",
                "warehouse_codes": ["WH1"],
                "registered_emails": ["a@b.co"],
                "sales_channel_id": w.sales_channel.pk,
            },
        ),
    ),
    "POST api/v1/channels": (
        Role.MANAGER,
        lambda w, u: _json(
            "/api/v1/channels",
            {
                "vendor_code": "NEWW",
                "warehouse_codes": ["WH1"],
                "registered_emails": ["a@b.co"],
                "sales_channel_id": w.sales_channel.pk,
            },
        ),
    ),
    "PATCH api/v1/channels/{channel_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/channels/{w.channel.pk}", {"registered_emails": ["x@y.co"]}),
    ),
    "POST api/v1/channels/{channel_id}/activate": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/channels/{w.channel.pk}/activate"),
    ),
    "POST api/v1/channels/{channel_id}/deactivate": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/channels/{w.channel.pk}/deactivate"),
    ),
    "POST api/v1/channels/sales-channels": (
        Role.MANAGER,
        lambda w, u: _json("/api/v1/channels/sales-channels", {"name": "Retail"}),
    ),
    "PATCH api/v1/channels/sales-channels/{sales_channel_id}": (
        Role.MANAGER,
        lambda w, u: _json(
            f"/api/v1/channels/sales-channels/{w.sales_channel.pk}", {"name": "Renamed"}
        ),
    ),
    "DELETE api/v1/channels/sales-channels/{sales_channel_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/channels/sales-channels/{_new_sales_channel(w).pk}"),
    ),
    "POST api/v1/orders/pick-list/scans": (
        Role.OPERATOR,
        lambda w, u: _json(
            "/api/v1/orders/pick-list/scans", {"orders": [w.order.pk], "barcode": w.barcode.code}
        ),
    ),
    "POST api/v1/orders/pick-list/scans/undo": (
        Role.OPERATOR,
        lambda w, u: _batch_undo(w, u, "/api/v1/orders/pick-list/scans/undo"),
    ),
    "POST api/v1/orders/{order_id}/scans": (
        Role.OPERATOR,
        lambda w, u: _json(f"/api/v1/orders/{w.order.pk}/scans", {"barcode": w.barcode.code}),
    ),
    "POST api/v1/orders/{order_id}/scans/bulk": (
        Role.OPERATOR,
        lambda w, u: _json(
            f"/api/v1/orders/{w.order.pk}/scans/bulk",
            {"line_id": w.line.pk, "quantity_eaches": 1},
        ),
    ),
    "POST api/v1/orders/{order_id}/scans/undo": (
        Role.OPERATOR,
        lambda w, u: _undo(w, u, f"/api/v1/orders/{w.order.pk}/scans/undo"),
    ),
    "POST api/v1/orders/{order_id}/acknowledgement": (
        Role.MANAGER,
        lambda w, u: _json(
            f"/api/v1/orders/{w.held_order.pk}/acknowledgement",
            {"fingerprint": acknowledging.build_plan(w.held_order).fingerprint},
        ),
    ),
    # A look-up of several plans sent as POST (a list of ids); the preview page is a manager's.
    "POST api/v1/orders/acknowledgements/preview": (
        Role.MANAGER,
        lambda w, u: _json("/api/v1/orders/acknowledgements/preview", {"order_ids": [w.order.pk]}),
    ),
    "POST api/v1/orders/acknowledgements": (
        Role.MANAGER,
        lambda w, u: _json(
            "/api/v1/orders/acknowledgements",
            {
                "orders": [
                    {
                        "order_id": w.order.pk,
                        "fingerprint": acknowledging.build_plan(w.order).fingerprint,
                    }
                ]
            },
        ),
    ),
    "POST api/v1/exceptions/{exception_id}/reprocess": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/exceptions/{w.exception.pk}/reprocess"),
    ),
    "POST api/v1/exceptions/reprocess": (
        Role.MANAGER,
        lambda w, u: _json("/api/v1/exceptions/reprocess", {"code": "DEL4"}),
    ),
    "POST api/v1/channels/{channel_id}/test-connection": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/channels/{_unreachable_amazon(w).pk}/test-connection"),
    ),
    "POST api/v1/sync/channels/{channel_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/sync/channels/{w.channel.pk}"),
    ),
    "POST api/v1/orders/{order_id}/boxes": (
        Role.OPERATOR,
        lambda w, u: _json(f"/api/v1/orders/{w.order.pk}/boxes"),
    ),
    "POST api/v1/boxes/{box_id}/close": (
        Role.OPERATOR,
        lambda w, u: _json(f"/api/v1/boxes/{_reopened(w).pk}/close", {"weight_kg": "1.5"}),
    ),
    "POST api/v1/boxes/{box_id}/reopen": (
        Role.OPERATOR,
        lambda w, u: _json(f"/api/v1/boxes/{w.box.pk}/reopen", {"reason": "recount"}),
    ),
    "DELETE api/v1/boxes/{box_id}": (
        Role.OPERATOR,
        lambda w, u: _json(f"/api/v1/boxes/{packing.new_box(order=w.order, user=w.admin).pk}"),
    ),
    "POST api/v1/boxes/{box_id}/items": (
        Role.OPERATOR,
        lambda w, u: _json(f"/api/v1/boxes/{_room(w).pk}/items", {"barcode": w.barcode.code}),
    ),
    "DELETE api/v1/boxes/{box_id}/items/{line_id}": (
        Role.OPERATOR,
        lambda w, u: _json(
            f"/api/v1/boxes/{_reopened(w).pk}/items/{w.packed_order.lines.get().pk}"
            "?quantity_eaches=1"
        ),
    ),
    "POST api/v1/boxes/{box_id}/moves": (
        Role.OPERATOR,
        lambda w, u: _json(
            f"/api/v1/boxes/{_reopened(w).pk}/moves",
            {
                "target_box_id": packing.new_box(order=w.packed_order, user=w.admin).pk,
                "line_id": w.packed_order.lines.get().pk,
                "quantity_eaches": 1,
            },
        ),
    ),
    "POST api/v1/shipments": (
        Role.MANAGER,
        lambda w, u: _json("/api/v1/shipments", {"order_ids": [_spare_order(w).pk]}),
    ),
    "PATCH api/v1/shipments/{shipment_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/shipments/{w.shipment.pk}", {"carrier": "Blue Dart"}),
    ),
    "DELETE api/v1/shipments/{shipment_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/shipments/{w.shipment.pk}"),
    ),
    "POST api/v1/shipments/{shipment_id}/orders": (
        Role.MANAGER,
        lambda w, u: _json(
            f"/api/v1/shipments/{w.shipment.pk}/orders", {"order_ids": [_spare_order(w).pk]}
        ),
    ),
    "DELETE api/v1/shipments/{shipment_id}/orders/{order_id}": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/shipments/{w.shipment.pk}/orders/{_second_order(w).pk}"),
    ),
    "POST api/v1/shipments/{shipment_id}/ready": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/shipments/{w.shipment.pk}/ready"),
    ),
    "POST api/v1/shipments/{shipment_id}/ship": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/shipments/{w.shipment.pk}/ship"),
    ),
    "POST api/v1/shipments/{shipment_id}/asn": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/shipments/{_shipped(w).pk}/asn"),
    ),
    "POST api/v1/shipments/{shipment_id}/asn/replace": (
        Role.MANAGER,
        lambda w, u: _json(f"/api/v1/shipments/{_failed_asn(w).pk}/asn/replace"),
    ),
    "PATCH api/v1/settings/shipping": (
        Role.ADMIN,
        lambda w, u: _json("/api/v1/settings/shipping", {"gs1_company_prefix": "8901234"}),
    ),
}

WRITES = {**UI_WRITES, **API_WRITES}
