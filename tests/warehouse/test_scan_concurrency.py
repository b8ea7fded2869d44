import pytest

from tests import factories
from tests.concurrency import in_threads
from tests.warehouse.builders import line, order_for, soap_line, world
from vendorflow.orders.models import Scan
from vendorflow.orders.scanning import add_eaches, record_scan


def test_conditional_update_never_passes_the_ordered_eaches(org):
    w = world(org)
    order = order_for(w, [soap_line(product=w.soap, ordered_quantity=10, scanned_eaches=9)])
    target = line(order)
    assert add_eaches(target.pk, 2) is False
    assert line(order).scanned_eaches == 9
    assert add_eaches(target.pk, 1) is True
    assert add_eaches(target.pk, 1) is False
    assert line(order).scanned_eaches == 10


def test_a_stale_line_in_memory_cannot_overshoot(org):
    """Another scanner filled the line after this one read it: the UPDATE's WHERE refuses."""
    w = world(org)
    order = order_for(w, [soap_line(product=w.soap, ordered_quantity=2)])
    stale = line(order)
    type(stale).objects.filter(pk=stale.pk).update(scanned_eaches=2)
    assert add_eaches(stale.pk, 1) is False
    assert line(order).scanned_eaches == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_scanners_racing_for_the_last_each_count_it_once():
    org = factories.make_org()
    w = world(org)
    order = order_for(w, [soap_line(product=w.soap, ordered_quantity=5, scanned_eaches=4)])
    users = [factories.make_member(org, "operator") for _ in range(6)]
    results = in_threads(
        *[
            lambda user=user: record_scan(order=order, barcode="SKU-1", user=user).ok
            for user in users
        ]
    )
    assert sorted(results) == [False] * 5 + [True]
    assert line(order).scanned_eaches == 5
    assert Scan.objects.filter(order=order).count() == 1
