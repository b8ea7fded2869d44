import pytest

from tests import factories
from tests.warehouse.builders import line, order_for, soap_line, world
from vendorflow.orders.models import Scan
from vendorflow.orders.scanning import record_scan


@pytest.fixture
def setup(org):
    w = world(org)
    order = order_for(
        w,
        [
            soap_line(product=w.soap, ordered_quantity=30),
            {
                "asin": "B0BRUSH002",
                "vendor_product_id": "BRUSH-V",
                "product": w.brush,
                "ordered_quantity": 5,
            },
        ],
    )
    return w, order, factories.make_member(org, "operator")


@pytest.mark.parametrize("code", ["8901000000011", "0890100000011", "SKU-1", "sku-1", "B0SOAP0001"])
def test_each_code_of_a_product_counts_one_each(setup, code):
    w, order, user = setup
    result = record_scan(order=order, barcode=code, user=user)
    assert result.ok is True
    assert result.message == "Line 1 (SKU-1): 1 each — 1 of 30 eaches scanned"
    assert line(order).scanned_eaches == 1
    scan = Scan.objects.get()
    assert (scan.line_id, scan.quantity_eaches, scan.kind, scan.barcode, scan.user) == (
        line(order).pk,
        1,
        "barcode",
        code,
        user,
    )


def test_vendor_product_id_mapping_resolves(setup):
    w, order, user = setup
    result = record_scan(order=order, barcode="BRUSH-V", user=user)
    assert result.ok is True
    assert line(order, 2).scanned_eaches == 1
    assert line(order, 1).scanned_eaches == 0


def test_surrounding_whitespace_is_ignored(setup):
    w, order, user = setup
    assert record_scan(order=order, barcode="  8901000000028\n", user=user).ok is True
    assert Scan.objects.get().barcode == "8901000000028"


def test_case_barcode_counts_a_case_on_a_cases_line(org):
    w = world(org)
    order = order_for(
        w, [soap_line(product=w.soap, ordered_quantity=3, unit_of_measure="Cases", unit_size=12)]
    )
    user = factories.make_member(org, "operator")
    result = record_scan(order=order, barcode="18901000000018", user=user)
    assert result.ok is True
    assert result.message == (
        "Line 1 (SKU-1): a case of 12 eaches — 12 of 36 eaches scanned (1 of 3 cases)"
    )
    assert line(order).scanned_eaches == 12
    assert Scan.objects.get().kind == "case"


def test_each_barcode_on_a_cases_line_counts_eaches(org):
    w = world(org)
    order = order_for(
        w, [soap_line(product=w.soap, ordered_quantity=2, unit_of_measure="Cases", unit_size=12)]
    )
    user = factories.make_member(org, "operator")
    record_scan(order=order, barcode="8901000000011", user=user)
    assert line(order).scanned_eaches == 1


def test_asin_mapping_of_another_channel_does_not_resolve(org):
    w = world(org)
    other_channel = factories.make_channel(org, vendor_code="VEND2")
    other = factories.make_product(org, "SKU-9")
    factories.map_product(other_channel, other, asin="B0OTHER999")
    order = order_for(w, [soap_line(product=w.soap)])
    result = record_scan(order=order, barcode="B0OTHER999", user=factories.make_member(org))
    assert result.ok is False
    assert result.code == "unknown_barcode"


def test_first_line_with_room_takes_the_scan(org):
    w = world(org)
    order = order_for(
        w,
        [
            soap_line(product=w.soap, ordered_quantity=1, scanned_eaches=1),
            soap_line(product=w.soap, ordered_quantity=2),
        ],
    )
    result = record_scan(order=order, barcode="SKU-1", user=factories.make_member(org))
    assert result.message == "Line 2 (SKU-1): 1 each — 1 of 2 eaches scanned"
    assert (line(order, 1).scanned_eaches, line(order, 2).scanned_eaches) == (1, 1)
