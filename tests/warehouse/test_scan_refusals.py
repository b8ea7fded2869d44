import pytest

from tests import factories
from tests.warehouse.builders import line, order_for, soap_line, world
from vendorflow.orders.models import Scan
from vendorflow.orders.scanning import record_scan


@pytest.fixture
def user(org):
    return factories.make_member(org, "operator")


def test_over_scan_is_refused_with_the_line_and_nothing_is_written(org, user):
    w = world(org)
    order = order_for(
        w,
        [
            {"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": 4},
            soap_line(product=w.soap, ordered_quantity=10, scanned_eaches=10),
        ],
    )
    result = record_scan(order=order, barcode="8901000000011", user=user)
    assert result.ok is False
    assert result.code == "line_complete"
    assert result.message == "Line 2 (SKU-1) is complete: 10 of 10 eaches scanned"
    assert line(order, 2).scanned_eaches == 10
    assert not Scan.objects.exists()


def test_case_scan_larger_than_the_room_left_is_refused(org, user):
    w = world(org)
    order = order_for(
        w,
        [
            soap_line(
                product=w.soap,
                ordered_quantity=2,
                unit_of_measure="Cases",
                unit_size=12,
                scanned_eaches=20,
            )
        ],
    )
    result = record_scan(order=order, barcode="18901000000018", user=user)
    assert (result.ok, result.code) == (False, "no_room")
    assert result.message == "Line 1 (SKU-1) has room for 4 more eaches; this code counts 12."
    assert line(order).scanned_eaches == 20
    assert not Scan.objects.exists()


def test_unknown_barcode_says_so(org, user):
    w = world(org)
    order = order_for(w, [soap_line(product=w.soap)])
    result = record_scan(order=order, barcode="999999", user=user)
    assert (result.ok, result.code) == (False, "unknown_barcode")
    assert result.message == "Unknown barcode 999999: no product, SKU or ASIN has this code."
    assert not Scan.objects.exists()


def test_empty_read_is_refused(org, user):
    w = world(org)
    order = order_for(w, [soap_line(product=w.soap)])
    assert record_scan(order=order, barcode="   ", user=user).code == "empty"
    assert not Scan.objects.exists()


def test_a_product_not_on_the_order_is_refused(org, user):
    w = world(org)
    order = order_for(w, [soap_line(product=w.soap)])
    result = record_scan(order=order, barcode="8901000000028", user=user)
    assert (result.ok, result.code, result.message) == (
        False,
        "not_on_order",
        "SKU-2 is not on this order.",
    )


def test_line_that_needs_mapping_cannot_be_scanned_and_says_why(org, user):
    w = world(org)
    order = order_for(
        w, [{"asin": "B0UNMAPPED", "vendor_product_id": "X-1", "product": None}], needs_mapping=True
    )
    result = record_scan(order=order, barcode="B0UNMAPPED", user=user)
    assert (result.ok, result.code) == (False, "needs_mapping")
    assert result.message == (
        "Line 1 (B0UNMAPPED) needs mapping: map ASIN B0UNMAPPED to a SKU in the catalog before it "
        "can be scanned."
    )
    assert line(order).scanned_eaches == 0
    assert not Scan.objects.exists()


def test_case_barcode_without_case_pack_size_is_refused(org, user):
    w = world(org)
    w.brush.case_barcode = "28901000000025"
    w.brush.save()
    order = order_for(w, [{"asin": "B0BRUSH002", "product": w.brush}])
    result = record_scan(order=order, barcode="28901000000025", user=user)
    assert (result.ok, result.code) == (False, "no_case_pack")
    assert not Scan.objects.exists()


@pytest.mark.parametrize("status", ["acknowledging", "acknowledged", "closed", "cancelled"])
def test_scanning_is_refused_once_the_order_left_open(org, user, status):
    w = world(org)
    order = order_for(w, [soap_line(product=w.soap)], status=status)
    result = record_scan(order=order, barcode="SKU-1", user=user)
    assert (result.ok, result.code) == (False, "order_locked")
    assert result.message.startswith("Order 4Z32PABC is ")
    assert line(order).scanned_eaches == 0
    assert not Scan.objects.exists()


def test_products_of_another_organization_do_not_resolve(org, other_org, user):
    w = world(org)
    stranger = factories.make_product(other_org, "SKU-X", barcodes=["5550000000001"])
    assert stranger.pk
    order = order_for(w, [soap_line(product=w.soap)])
    assert record_scan(order=order, barcode="5550000000001", user=user).code == "unknown_barcode"
