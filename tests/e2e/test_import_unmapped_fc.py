"""A PO for an FC without a customer is held, and becomes an order once the FC is mapped."""

from tests import factories
from vendorflow.customers.services import save_warehouse_mapping
from vendorflow.orders.choices import ExceptionReason, ExceptionStatus, OrderStatus
from vendorflow.orders.models import ImportException, Order


def test_a_held_po_becomes_an_order_when_its_fc_is_mapped(e2e, django_capture_on_commit_callbacks):
    mapped = e2e.generate(3)
    [held] = e2e.generate(1, fcs=["HYD8"])
    e2e.sync()

    exception = ImportException.objects.get()
    assert (exception.po_number, exception.ship_to_code, exception.reason, exception.status) == (
        held,
        "HYD8",
        ExceptionReason.NO_CUSTOMER,
        ExceptionStatus.OPEN,
    )
    assert exception.message == "No customer is mapped to marketplace warehouse code HYD8"
    assert not Order.objects.filter(po_number=held).exists()
    assert Order.objects.count() == len(mapped)

    customer = factories.make_customer(e2e.org, "AMZ-HYD8")
    with django_capture_on_commit_callbacks(execute=True):
        save_warehouse_mapping(
            organization=e2e.org,
            actor=e2e.user,
            code="hyd8",
            customer=customer,
            location=e2e.location,
        )

    order = e2e.order(held)
    assert (order.customer, order.location, order.ship_to_code, order.status) == (
        customer,
        e2e.location,
        "HYD8",
        OrderStatus.OPEN,
    )
    exception.refresh_from_db()
    assert (exception.status, exception.order) == (ExceptionStatus.RESOLVED, order)
    assert Order.objects.count() == len(mapped) + 1

    run = e2e.sync()  # Amazon still lists it: nothing new, no second order
    assert (run.pos_new, run.pos_held) == (0, 0)
    assert Order.objects.filter(po_number=held).count() == 1
