"""What the order page and the order list poll while an acknowledgement is on its way: htmx
partials that carry their own polling trigger only while the state can still change, so polling
stops by itself once Amazon has confirmed (or refused) it."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from vendorflow.accounts.choices import Role
from vendorflow.accounts.permissions import member_required
from vendorflow.orders.choices import AckState
from vendorflow.orders.models import Order

# States an acknowledgement leaves by itself (a worker sends it, Amazon answers); any other is
# final until someone acts.
MOVING = (AckState.PENDING, AckState.SENDING, AckState.SUBMITTED)
MAX_IDS = 100


def moving(order: Order) -> bool:
    ack = getattr(order, "acknowledgement", None)
    return ack is not None and ack.state in MOVING


def moving_ids(orders) -> str:
    """The ids of the orders whose acknowledgement is still moving, for the list's poller."""
    return ",".join(str(order.pk) for order in orders if moving(order))


@member_required(Role.VIEWER)
def ack_panel(request, pk: int):
    """The order page's acknowledgement panel (and, out of band, the order's status badge)."""
    order = get_object_or_404(
        Order.objects.select_related("acknowledgement__created_by"),
        pk=pk,
        organization=request.organization,
    )
    ack = getattr(order, "acknowledgement", None)
    if ack is None:  # nothing to show: the panel's place stays empty, and polling stops
        return HttpResponse("")
    context = {"order": order, "ack": ack, "ack_live": moving(order), "status_oob": True}
    return render(request, "orders/_ack_panel.html", context)


@member_required(Role.VIEWER)
def live_status(request):
    """The status cells of the list's orders named by `ids` (comma-separated, at most 100), out
    of band, and the poller again for those still moving (none: polling stops)."""
    ids = _ids(request.GET.get("ids", ""))
    if not ids:
        return HttpResponse("")
    orders = list(
        Order.objects.filter(organization=request.organization, pk__in=ids)
        .select_related("acknowledgement")
        .defer("raw_payload", "acknowledgement__payload", "acknowledgement__errors")
        .order_by("pk")
    )
    context = {"orders": orders, "live_ids": moving_ids(orders)}
    return render(request, "orders/_live_status.html", context)


def _ids(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip().isdigit()][:MAX_IDS]
