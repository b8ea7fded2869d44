"""`vendorflow unmapped_items`: list the unmapped items, map one, create its product."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests import factories
from tests.catalog.unmapped_builders import ASIN, VENDOR_ID, unmapped_line, waiting_order
from vendorflow.catalog.models import Product, ProductMapping
from vendorflow.orders.models import Order


@pytest.fixture
def world(org):
    channel = factories.make_channel(org)
    customer = factories.make_customer(org)
    factories.make_member(org, "viewer", username="vera")
    factories.make_member(org, "manager", username="mona")
    return channel, customer


def _run(*args) -> str:
    out = StringIO()
    call_command("unmapped_items", *args, stdout=out)
    return out.getvalue()


def test_lists_the_items_with_their_suggestion(org, world):
    channel, customer = world
    factories.make_product(org, "TEA-1", barcodes=[VENDOR_ID])
    order = waiting_order(channel, customer, "PO1", [unmapped_line(ordered_quantity=3)])

    lines = _run("--user", "vera").splitlines()

    assert lines == [
        "channel\tasin\tvendor_product_id\tpos\tunits\tearliest_deadline\tsuggested",
        f"VEND1\t{ASIN}\t{VENDOR_ID}\t1\t3\t{order.ack_due_at.isoformat()}\tTEA-1",
    ]


def test_maps_an_item_by_its_asin(org, world):
    channel, customer = world
    product = factories.make_product(org, "TEA-1")
    waiting_order(channel, customer, "PO1", [unmapped_line()])

    out = _run("--user", "mona", "--map", ASIN.lower(), "--sku", "TEA-1")

    assert out == f"Mapped {ASIN.lower()} to TEA-1: 1 order line(s) set. Ready to scan: PO1.\n"
    assert Order.objects.get().lines.get().product == product
    assert _run("--user", "vera").splitlines()[1:] == []


def test_creates_the_product_of_an_item_by_its_vendor_id(org, world):
    channel, customer = world
    waiting_order(channel, customer, "PO1", [unmapped_line()])

    _run("--user", "mona", "--create-product", VENDOR_ID, "--name", "Green tea")

    product = Product.objects.get()
    assert (product.sku, product.name) == (VENDOR_ID, "Green tea")
    assert ProductMapping.objects.get().product == product


def test_a_viewer_may_list_but_not_map(org, world):
    channel, customer = world
    factories.make_product(org, "TEA-1")
    waiting_order(channel, customer, "PO1", [unmapped_line()])

    with pytest.raises(CommandError, match="needs the Manager role"):
        _run("--user", "vera", "--map", ASIN, "--sku", "TEA-1")
    assert ProductMapping.objects.count() == 0


def test_an_unknown_item_or_sku_is_a_clear_error(org, world):
    channel, customer = world
    waiting_order(channel, customer, "PO1", [unmapped_line()])

    with pytest.raises(CommandError, match="No open order waits for the item B0NOTHERE1"):
        _run("--user", "mona", "--map", "B0NOTHERE1", "--sku", "TEA-1")
    with pytest.raises(CommandError, match="sku: No product with SKU TEA-1"):
        _run("--user", "mona", "--map", ASIN, "--sku", "TEA-1")
    assert ProductMapping.objects.count() == 0
