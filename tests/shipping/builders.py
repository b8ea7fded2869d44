"""Builders for shipping tests: POs scanned (and so packed), acknowledged and sent to Amazon."""

from tests import factories
from tests.warehouse import builders
from tests.warehouse.builders import World, line, order_for, soap_line
from vendorflow.integrations.amazon.acks import plan_to_acknowledgement
from vendorflow.orders import acknowledging
from vendorflow.orders.models import Order
from vendorflow.orders.scanning import record_bulk, record_scan

__all__ = ["World", "line", "order_for", "soap_line", "world", "scan", "acknowledge", "packer"]


def world(org) -> World:
    return builders.world(org)


def packer(org):
    return factories.make_member(org, "operator", username="packer")


def scan(order: Order, user, *, soap: int = 0, brush: int = 0) -> Order:
    """Scan eaches of SKU-1 (line 1) and SKU-2 (line 2) the way a scanner would."""
    for _ in range(soap):
        assert record_scan(order=order, barcode="8901000000011", user=user).ok
    if brush:
        record_bulk(line=line(order, 2), quantity_eaches=brush, user=user)
    return Order.objects.get(pk=order.pk)


def acknowledge(order: Order, user) -> Order:
    """Acknowledge what is scanned and record Amazon's 202, as the outbox would."""
    plan = acknowledging.build_plan(order)
    ack = acknowledging.acknowledge(
        order=order, plan=plan, payload=plan_to_acknowledgement(plan), user=user
    )
    acknowledging.claim_for_sending(ack_id=ack.pk, worker="w1")
    acknowledging.record_submitted(ack_id=ack.pk, transaction_id=f"tx-{order.po_number}")
    return Order.objects.get(pk=order.pk)


def two_line_order(w: World, po_number: str = "PO1", *, soap=10, brush=5, **kw) -> Order:
    return order_for(
        w,
        [
            soap_line(product=w.soap, ordered_quantity=soap),
            {"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": brush},
        ],
        po_number=po_number,
        **kw,
    )
