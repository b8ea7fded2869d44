"""Scans as the warehouse flow records them: a Scan row and the line's scanned_eaches."""

from django.db.models import F

from tests import factories
from vendorflow.orders.models import OrderLine, Scan
from vendorflow.orders.totals import move_scanned


def scan(line: OrderLine, eaches: int, user=None) -> Scan:
    order = line.order
    user = user or factories.make_member(order.organization, "operator")
    made = Scan.objects.create(
        organization=order.organization,
        order=order,
        line=line,
        user=user,
        barcode="890000000001",
        quantity_eaches=eaches,
    )
    OrderLine.objects.filter(pk=line.pk).update(scanned_eaches=F("scanned_eaches") + eaches)
    move_scanned(order_id=order.pk, eaches=eaches)
    return made
