import pytest
from django.core.exceptions import ValidationError

from tests import factories
from tests.warehouse.builders import line, order_for, soap_line, world
from vendorflow.orders.models import OrderEvent, Scan
from vendorflow.orders.scanning import record_bulk, record_scan, undo_last_scan


@pytest.fixture
def setup(org):
    w = world(org)
    order = order_for(
        w,
        [
            soap_line(product=w.soap, ordered_quantity=3, unit_of_measure="Cases", unit_size=12),
            {"asin": "B0X", "product": None},
        ],
    )
    return order, factories.make_member(org, "operator")


def test_undo_marks_the_users_last_scan_and_takes_its_eaches_off(setup):
    order, user = setup
    record_scan(order=order, barcode="SKU-1", user=user)
    case = record_scan(order=order, barcode="18901000000018", user=user).scan
    undone = undo_last_scan(order=order, user=user)
    assert undone.pk == case.pk
    undone.refresh_from_db()
    assert undone.undone_by == user and undone.undone_at is not None
    assert line(order).scanned_eaches == 1
    assert Scan.objects.filter(undone_at__isnull=True).count() == 1
    assert OrderEvent.objects.get(kind="scan_undone").actor == user


def test_undo_skips_other_users_and_undone_scans(setup, org):
    order, user = setup
    colleague = factories.make_member(org, "operator")
    mine = record_scan(order=order, barcode="SKU-1", user=user).scan
    record_scan(order=order, barcode="SKU-1", user=colleague)
    assert undo_last_scan(order=order, user=user).pk == mine.pk
    with pytest.raises(ValidationError) as error:
        undo_last_scan(order=order, user=user)
    assert error.value.message_dict == {"scan": ["You have no scan to undo on this order."]}
    assert line(order).scanned_eaches == 1


def test_bulk_adds_up_to_what_is_left(setup):
    order, user = setup
    scan = record_bulk(line=line(order), quantity_eaches=30, user=user)
    assert (scan.kind, scan.quantity_eaches, scan.barcode) == ("bulk", 30, "")
    assert line(order).scanned_eaches == 30
    record_bulk(line=line(order), quantity_eaches=6, user=user)
    assert line(order).scanned_eaches == 36


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        (0, "Enter a quantity of at least 1 each."),
        (37, "Line 1 (SKU-1) has 36 eaches left to scan; 37 is too many."),
    ],
)
def test_bulk_outside_the_remaining_quantity_is_refused(setup, quantity, message):
    order, user = setup
    with pytest.raises(ValidationError) as error:
        record_bulk(line=line(order), quantity_eaches=quantity, user=user)
    assert error.value.message_dict == {"quantity_eaches": [message]}
    assert line(order).scanned_eaches == 0
    assert not Scan.objects.exists()


def test_bulk_on_a_line_that_needs_mapping_is_refused(setup):
    order, user = setup
    with pytest.raises(ValidationError):
        record_bulk(line=line(order, 2), quantity_eaches=1, user=user)
    assert not Scan.objects.exists()


def test_bulk_and_undo_are_refused_on_an_acknowledging_order(setup):
    order, user = setup
    record_scan(order=order, barcode="SKU-1", user=user)
    order.status = "acknowledging"
    order.save()
    with pytest.raises(ValidationError):
        record_bulk(line=line(order), quantity_eaches=1, user=user)
    with pytest.raises(ValidationError):
        undo_last_scan(order=order, user=user)
    assert line(order).scanned_eaches == 1
