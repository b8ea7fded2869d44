"""Every CSV export (found by walking the routes) neutralises cells a spreadsheet would evaluate."""

import csv
import io

import pytest
from django.db import models

from tests import factories
from tests.security import routes
from tests.security.reads import READS
from vendorflow.catalog.models import Barcode, Location, Product, ProductMapping
from vendorflow.customers.models import Customer, WarehouseCodeMapping
from vendorflow.orders.models import Order

pytestmark = pytest.mark.django_db

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _poisoned(model, k: int, prefix: str, **fixed) -> dict:
    """Every free-text field of `model` starting with `prefix` (unique per k)."""
    values = {}
    for field in model._meta.concrete_fields:
        if isinstance(field, models.CharField) and field.editable and not field.choices:
            values[field.name] = f"{prefix}{k}{field.name[:4]}"[: field.max_length]
    return {**values, **fixed}


def _poison_everything(org):
    channel = factories.make_channel(org, vendor_code="CSV1")
    for k, prefix in enumerate(DANGEROUS):
        customer = Customer.objects.create(**_poisoned(Customer, k, prefix, organization=org))
        location = Location.objects.create(**_poisoned(Location, k, prefix, organization=org))
        WarehouseCodeMapping.objects.create(
            organization=org, code=f"{prefix}{k}FC".upper(), customer=customer, location=location
        )
        product = Product.objects.create(**_poisoned(Product, k, prefix, organization=org))
        Barcode.objects.create(organization=org, product=product, code=f"{prefix}{k}890")
        ProductMapping.objects.create(
            **_poisoned(ProductMapping, k, prefix, organization=org),
            channel=channel,
            product=product,
        )
        factories.make_order(
            channel,
            customer,
            po_number=f"{prefix}{k}PO",
            ship_to_code=f"{prefix}{k}FC",
            lines=[
                {
                    "asin": f"{prefix}{k}AS",
                    "vendor_product_id": f"{prefix}{k}VP",
                    "product": product,
                }
            ],
        )
    return channel


def _export_urls(channel_id: int) -> list[str]:
    """Every read the app serves at a URL without an object id; the CSV ones are picked by type.
    Each gets the channel and every order (a pick list exports the orders it is given)."""
    orders = "".join(f"&orders={pk}" for pk in Order.objects.values_list("pk", flat=True))
    urls = []
    for route in routes.all_routes():
        if f"GET {route.pattern}" in READS and not route.params:
            urls.append(f"/{route.pattern}?channel={channel_id}{orders}")
    return urls


def _cells(response) -> list[str]:
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return [cell for row in rows[1:] for cell in row]


def test_every_export_neutralises_formula_cells(admin_client, org):
    channel_id = _poison_everything(org).pk
    exports, offending = {}, []
    for url in _export_urls(channel_id):
        response = admin_client.get(url)
        if response.get("Content-Type", "").startswith("text/csv"):
            exports[url.split("?")[0]] = _cells(response)
    for url, cells in exports.items():
        quoted = [cell for cell in cells if cell.startswith("'") and cell[1:2] in DANGEROUS]
        raw = [cell for cell in cells if cell.startswith(DANGEROUS)]
        if raw or len({cell[1] for cell in quoted}) != len(DANGEROUS):
            offending.append(
                f"{url}: raw {raw[:5]}, quoted prefixes {sorted({c[1] for c in quoted})}"
            )
    assert sorted(exports) == sorted(f"/{r.pattern}" for r in _csv_routes())
    assert offending == []


def _csv_routes(*, with_params: bool = False):
    return [
        route
        for route in routes.all_routes()
        if route.pattern.endswith(".csv") and bool(route.params) == with_params
    ]


def test_every_export_of_one_shipment_neutralises_formula_cells(admin_client, org):
    from tests.security.builders import make_world
    from vendorflow.shipping.models import Shipment

    world = make_world(org, prefix="F")
    Shipment.objects.filter(pk=world.shipment.pk).update(
        appointment_id="=HYPERLINK(1)", tracking_number="+1-LR", carrier_scac="@SC"
    )
    world.product.sku = "-SKU"
    world.product.save()
    urls = {
        "shipments/<int:pk>/packing-list.csv": ["'-SKU"],
        "shipments/<int:pk>/asn.csv": ["'=HYPERLINK(1)", "'+1-LR", "'@SC"],
    }
    assert sorted(urls) == sorted(route.pattern for route in _csv_routes(with_params=True))
    for pattern, expected in urls.items():
        cells = _cells(admin_client.get("/" + pattern.replace("<int:pk>", str(world.shipment.pk))))
        assert [cell for cell in cells if cell.startswith(DANGEROUS)] == []
        assert [cell for cell in expected if cell not in cells] == []


def test_the_mapping_export_is_poisoned_per_channel(admin_client, org):
    _poison_everything(org)
    channel = factories.make_channel(org, vendor_code="CSV3")
    product = Product.objects.filter(organization=org).first()
    ProductMapping.objects.create(
        organization=org, channel=channel, product=product, asin="=cmd|' /C calc'!A0"
    )
    response = admin_client.get(f"/catalog/mappings/export.csv?channel={channel.pk}")
    assert _cells(response) == ["'=cmd|' /C calc'!A0", "", f"'{product.sku}"]
