"""Plain builders for test data. Each takes keyword overrides."""

import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model

from vendorflow.accounts.models import Membership, Organization
from vendorflow.catalog.models import Barcode, Location, Product, ProductMapping
from vendorflow.channels.models import AmazonChannel, SalesChannel
from vendorflow.customers.models import Customer, WarehouseCodeMapping

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery"


def make_org(name: str | None = None) -> Organization:
    n = next(_seq)
    return Organization.objects.create(name=name or f"Org {n}", slug=f"org-{n}")


def make_member(org: Organization, role: str = "admin", username: str | None = None):
    user = get_user_model().objects.create_user(
        username=username or f"user{next(_seq)}", password=PASSWORD
    )
    Membership.objects.create(user=user, organization=org, role=role)
    return user


def make_location(org: Organization, code: str = "WH1", **kw) -> Location:
    return Location.objects.create(
        organization=org, code=code, name=kw.pop("name", f"Warehouse {code}"), **kw
    )


def make_customer(org: Organization, code: str = "AMZ-BLR7", **kw) -> Customer:
    return Customer.objects.create(
        organization=org, code=code, name=kw.pop("name", f"Amazon {code}"), **kw
    )


def map_warehouse(
    org: Organization, code: str, customer: Customer, location=None
) -> WarehouseCodeMapping:
    return WarehouseCodeMapping.objects.create(
        organization=org, code=code, customer=customer, location=location
    )


def make_product(org: Organization, sku: str = "SKU-1", barcodes=(), **kw) -> Product:
    kw.setdefault("name", f"Product {sku}")
    kw.setdefault("mrp", Decimal("199.00"))
    product = Product.objects.create(organization=org, sku=sku, **kw)
    for code in barcodes:
        Barcode.objects.create(organization=org, product=product, code=code)
    return product


def make_sales_channel(org: Organization, name: str = "Amazon B2B India") -> SalesChannel:
    return SalesChannel.objects.create(organization=org, name=name)


def make_channel(org: Organization, vendor_code: str = "VEND1", **kw) -> AmazonChannel:
    if "sales_channel" not in kw:
        kw["sales_channel"] = make_sales_channel(org, name=f"Amazon {vendor_code}")
    kw.setdefault("warehouse_codes", ["WH1"])
    kw.setdefault("registered_emails", ["ops@example.com"])
    secret = kw.pop("client_secret", "client-secret-value-123")
    token = kw.pop("refresh_token", "Atzr|refresh-token-value-456")
    channel = AmazonChannel(
        organization=org, vendor_code=vendor_code, lwa_client_id="amzn1.app.client", **kw
    )
    channel.client_secret = secret
    channel.refresh_token = token
    channel.save()
    return channel


def map_product(
    channel: AmazonChannel, product: Product, asin: str = "", vendor_product_id: str = ""
) -> ProductMapping:
    return ProductMapping.objects.create(
        organization=channel.organization,
        channel=channel,
        product=product,
        asin=asin,
        vendor_product_id=vendor_product_id,
    )


def make_order(channel: AmazonChannel, customer: Customer, po_number: str = "PO1", lines=(), **kw):
    """An imported order. `lines` are dicts of OrderLine fields; quantities default to 10 Eaches."""
    from datetime import timedelta

    from django.utils import timezone

    from vendorflow.orders.models import Order, OrderLine
    from vendorflow.orders.totals import refresh_totals

    po_date = kw.pop("po_date", timezone.now())
    kw.setdefault("ack_due_at", po_date + timedelta(hours=24))
    kw.setdefault("ship_to_code", "BLR7")
    order = Order.objects.create(
        organization=channel.organization,
        channel=channel,
        sales_channel=channel.sales_channel,
        customer=customer,
        customer_name=customer.name,
        po_number=po_number,
        po_date=po_date,
        selling_party_id=channel.vendor_code,
        **kw,
    )
    for n, line in enumerate(lines, start=1):
        line = dict(line)
        line.setdefault("item_sequence_number", str(n))
        line.setdefault("ordered_quantity", 10)
        line.setdefault("unit_of_measure", "Eaches")
        line.setdefault("unit_size", 1)
        line.setdefault("ordered_eaches", line["ordered_quantity"] * line["unit_size"])
        line.setdefault("net_cost", Decimal("100.00"))
        line.setdefault("currency", "INR")
        OrderLine.objects.create(order=order, **line)
    refresh_totals(order_ids=[order.pk])
    order.refresh_from_db()
    return order
