"""POs Amazon closed: the status pass closes their orders (docs/import.md, "Closed POs").

getPurchaseOrders finds a PO by its creation or change date, so a PO that Amazon closes weeks later
(once the buyer has received it) is not seen again. The sync's status pass asks
getPurchaseOrdersStatus for the POs closed since its cursor and hands each page here. One page is
one transaction; an order that is closed or cancelled already is left as it is, so a page can be
written any number of times.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from vendorflow.channels.models import AmazonChannel
from vendorflow.orders import dto
from vendorflow.orders.acknowledging import record_amazon_figures
from vendorflow.orders.bulk import insert_rows, update_objects
from vendorflow.orders.choices import OrderStatus
from vendorflow.orders.importing import close_order
from vendorflow.orders.models import Order, OrderEvent
from vendorflow.orders.totals import refresh_totals


def oldest_open_po_date(channel: AmazonChannel) -> datetime | None:
    """The PO date of the channel's oldest order that is neither closed nor cancelled: the first
    status pass looks back to it, since Amazon can only have closed that PO after it was placed."""
    return (
        Order.objects.filter(channel=channel)
        .exclude(status__in=[OrderStatus.CLOSED, OrderStatus.CANCELLED])
        .aggregate(oldest=Min("po_date"))["oldest"]
    )


@dataclass(frozen=True)
class CloseResult:
    closed: int = 0  # orders closed now
    unchanged: int = 0  # orders that were closed or cancelled already
    unknown: int = 0  # closed POs with no order of the channel
    unreadable: int = 0  # statuses Amazon sent that do not fit its model (skipped)


def close_purchase_orders(
    *, channel: AmazonChannel, statuses: Sequence[dto.PurchaseOrderStatus]
) -> CloseResult:
    """Close the orders of the channel whose POs Amazon reports CLOSED, with a `closed` event and
    Amazon's per-line figures. A status that is not CLOSED, or is another vendor code's, closes
    nothing and counts as unknown, like a PO number the channel has no order for."""
    wanted = {s.po_number: s for s in statuses if _closes(channel, s)}
    numbers = {s.po_number for s in statuses}
    with transaction.atomic():
        orders = list(
            Order.objects.select_for_update()
            .filter(channel=channel, po_number__in=wanted)
            .order_by("pk")
        )
        now = timezone.now()
        closed, events = [], []
        for order in orders:
            status = wanted[order.po_number]
            event = close_order(order, at=now, message=closed_message(status), data=_data(status))
            if event is not None:
                closed.append(order)
                events.append(event)
                record_amazon_figures(order=order, line_statuses=status.lines)
        update_objects(closed, ["status", "amazon_state"])
        refresh_totals(order_ids=[order.pk for order in closed])
        insert_rows(OrderEvent, events)
    return CloseResult(len(closed), len(orders) - len(closed), len(numbers) - len(orders))


def _closes(channel: AmazonChannel, status: dto.PurchaseOrderStatus) -> bool:
    return status.closed and status.selling_party_id == channel.vendor_code


def closed_message(status: dto.PurchaseOrderStatus) -> str:
    """The event's message: Amazon's figures per line, when Amazon holds an acknowledgement."""
    if not status.lines:
        return "Closed on Amazon."
    return "Closed on Amazon: " + "; ".join(_line_text(line) for line in status.lines) + "."


def _line_text(line: dto.LineStatus) -> str:
    text = (
        f"item {line.item_sequence_number} {line.accepted_quantity} accepted, "
        f"{line.rejected_quantity} rejected"
    )
    if line.receiving_status:
        text += ", " + line.receiving_status.replace("_", " ").lower()
    return text


def _data(status: dto.PurchaseOrderStatus) -> dict:
    return {
        "source": "getPurchaseOrdersStatus",
        "purchase_order_status": "CLOSED",
        "last_updated": status.last_updated.isoformat() if status.last_updated else None,
        "lines": [
            {
                "item": line.item_sequence_number,
                "accepted": line.accepted_quantity,
                "rejected": line.rejected_quantity,
                "receiving_status": line.receiving_status,
            }
            for line in status.lines
        ],
    }
