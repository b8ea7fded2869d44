"""A full data set of one organization, a snapshot of every stored row, and signed-in clients."""

import itertools
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from tests import factories
from vendorflow.accounts import services as account_services
from vendorflow.accounts.choices import Role
from vendorflow.accounts.models import Membership
from vendorflow.channels.choices import SyncKind, SyncStatus
from vendorflow.channels.models import SyncRun
from vendorflow.customers.models import ShippingAddress
from vendorflow.orders.choices import AckState, ExceptionReason, ScanKind
from vendorflow.orders.models import Acknowledgement, ImportException, Scan
from vendorflow.orders.scanning import record_bulk
from vendorflow.orders.totals import move_scanned
from vendorflow.shipping import packing, shipments

ROLES = (Role.VIEWER, Role.OPERATOR, Role.MANAGER, Role.ADMIN)
_unmapped = itertools.count(1)
PROJECT_APPS = ("accounts", "customers", "catalog", "channels", "orders", "shipping")


@dataclass
class World:
    """Every kind of object one organization can own, by the names the route tables use."""

    org: object
    admin: object
    member: Membership
    token: object
    token_key: str
    location: object
    customer: object
    address: object
    warehouse_mapping: object
    product: object
    barcode: object
    sales_channel: object
    channel: object
    product_mapping: object
    order: object
    line: object
    scan: object
    acknowledgement: object
    held_order: object
    exception: object
    sync_run: object
    packed_order: object  # acknowledged, its one box closed, in `shipment` (a draft)
    box: object
    shipment: object


def make_world(org, prefix: str = "B") -> World:
    """Organization `org` with one of everything; codes carry `prefix` so two worlds can coexist."""
    admin = factories.make_member(org, Role.ADMIN, username=f"{prefix.lower()}-admin")
    other = factories.make_member(org, Role.OPERATOR, username=f"{prefix.lower()}-operator")
    new_token = account_services.create_token(member=admin.membership, name="script")
    location = factories.make_location(org, code="WH1")
    customer = factories.make_customer(org, code=f"{prefix}-BLR7")
    address = ShippingAddress.objects.create(customer=customer, label="Dock 1", city="Bengaluru")
    warehouse_mapping = factories.map_warehouse(org, "BLR7", customer, location)
    product = factories.make_product(org, sku="SKU-1", barcodes=["8901234567890"])
    sales_channel = factories.make_sales_channel(org, name=f"Amazon {prefix}")
    channel = factories.make_channel(org, vendor_code=f"{prefix}VEND", sales_channel=sales_channel)
    product_mapping = factories.map_product(channel, product, asin="B000000001")
    order = factories.make_order(
        channel,
        customer,
        po_number=f"{prefix}PO1",
        location=location,
        lines=[{"asin": "B000000001", "product": product}],
    )
    line = order.lines.get()
    held_order = _held_order(channel, customer, location, product, prefix)
    packed_order = acknowledged_order(channel, customer, product, f"{prefix}SHIP1", other)
    box = packed_order.boxes.get()
    packing.close_box(box=box, user=other, measures=packing.Measures())
    shipment = shipments.create_shipment(
        organization=org, order_ids=[packed_order.pk], user=admin, details=shipments.Details()
    )
    world = World(
        org=org,
        admin=admin,
        member=other.membership,
        token=new_token.token,
        token_key=new_token.key,
        location=location,
        customer=customer,
        address=address,
        warehouse_mapping=warehouse_mapping,
        product=product,
        barcode=product.barcodes.get(),
        sales_channel=sales_channel,
        channel=channel,
        product_mapping=product_mapping,
        order=order,
        line=line,
        scan=None,
        acknowledgement=Acknowledgement.objects.create(
            organization=org, order=held_order, state=AckState.FAILED, errors=["rejected"]
        ),
        held_order=held_order,
        exception=ImportException.objects.create(
            organization=org,
            channel=channel,
            po_number=f"{prefix}HELD1",
            reason=ExceptionReason.NO_CUSTOMER,
            message="No customer is mapped to DEL4.",
            ship_to_code="DEL4",
            payload={"purchaseOrderNumber": f"{prefix}HELD1"},
        ),
        sync_run=SyncRun.objects.create(
            organization=org,
            channel=channel,
            kind=SyncKind.CREATED,
            status=SyncStatus.SUCCEEDED,
            finished_at=timezone.now(),
        ),
        packed_order=packed_order,
        box=box,
        shipment=shipment,
    )
    world.scan = scan_by(world, other)
    return world


def scan_by(world: World, user) -> Scan:
    """Two eaches of the order's line scanned by `user`."""
    line = world.line
    scan = Scan.objects.create(
        organization=world.org,
        order=world.order,
        line=line,
        user=user,
        location=world.location,
        barcode=world.barcode.code,
        kind=ScanKind.BARCODE,
        quantity_eaches=2,
    )
    line.scanned_eaches += 2
    line.save(update_fields=["scanned_eaches"])
    move_scanned(order_id=world.order.pk, eaches=2)
    packing.pack_scanned(order=world.order, line=line, eaches=2, user=user)  # as a scan packs
    return scan


def unmapped_item(world: World) -> dict:
    """An open order waiting on a new unmapped item; the item as the worklist's forms send it."""
    asin = f"B0UNMAP{next(_unmapped):03d}"
    order = factories.make_order(
        world.channel, world.customer, po_number=f"UNMAPPED-{asin}", lines=[{"asin": asin}]
    )
    order.needs_mapping = True
    order.save(update_fields=["needs_mapping"])
    return {"channel": world.channel.pk, "asin": asin, "vendor_product_id": ""}


def _held_order(channel, customer, location, product, prefix):
    """A second order whose acknowledgement failed (so it can be corrected and resubmitted)."""
    return factories.make_order(
        channel,
        customer,
        po_number=f"{prefix}PO2",
        location=location,
        po_date=timezone.now() - timedelta(hours=2),
        lines=[{"asin": "B000000001", "product": product}],
    )


def acknowledged_order(channel, customer, product, po_number: str, user):
    """An order of 5 eaches, 4 scanned (so packed in its open box 1), acknowledged to Amazon."""
    from tests.shipping.builders import acknowledge

    order = factories.make_order(
        channel,
        customer,
        po_number=po_number,
        lines=[{"asin": "B000000001", "product": product, "ordered_quantity": 5}],
    )
    record_bulk(line=order.lines.get(), quantity_eaches=4, user=user)
    return acknowledge(order, user)


def member_client(org, role: str, **client_options) -> Client:
    client = Client(**client_options)
    user = factories.make_member(org, role)
    client.force_login(user)
    client.user = user
    return client


def clients_by_role(org) -> dict[str, Client]:
    return {role: member_client(org, role) for role in ROLES}


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every project model (and users, without the last sign-in time)."""
    rows: dict[str, list[tuple]] = {}
    for model in _snapshot_models():
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
        values = model._base_manager.order_by("pk").values_list(*fields)
        rows[model._meta.label] = [tuple(map(str, row)) for row in values]
    return rows


def _snapshot_models():
    for label in PROJECT_APPS:
        yield from apps.get_app_config(label).get_models()
    yield get_user_model()


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])
