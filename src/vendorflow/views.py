from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from vendorflow.accounts.permissions import member_required
from vendorflow.channels.models import AmazonChannel, SyncRun
from vendorflow.channels.views import live
from vendorflow.customers.models import Customer
from vendorflow.orders import selectors
from vendorflow.orders.choices import OrderStatus


@member_required()
def dashboard(request):
    org = request.organization
    counts = selectors.status_counts(selectors.orders_for(org))
    return render(
        request,
        "dashboard.html",
        {
            "status_counts": [
                (value, label, counts[value]) for value, label in OrderStatus.choices
            ],
            "deadlines": selectors.deadline_counts(org),
            "needs_mapping": selectors.capped_count(
                selectors.orders_for(org).filter(needs_mapping=True, status=OrderStatus.OPEN)
            ),
            "open_exceptions": selectors.open_exception_count(org),
            "failed_acks": selectors.failed_ack_count(org),
            "channel_rates": _named(selectors.fill_rates(org, "channel"), AmazonChannel, org),
            "customer_rates": _named(selectors.fill_rates(org, "customer"), Customer, org),
            **_recent_syncs(org),
        },
    )


@member_required()
def dashboard_sync_runs(request):
    """The dashboard's recent syncs alone: what it polls while one is queued or running."""
    return render(request, "_recent_syncs.html", _recent_syncs(request.organization))


def _recent_syncs(organization) -> dict:
    runs = list(SyncRun.objects.filter(organization=organization).select_related("channel")[:8])
    return {"sync_runs": runs, "sync_runs_live": live(runs)}


def _named(rows: list[dict], model, organization) -> list[dict]:
    names = {
        obj.pk: obj
        for obj in model.objects.filter(
            organization=organization, pk__in=[row["id"] for row in rows]
        )
    }
    return [{**row, "obj": names.get(row["id"])} for row in rows]


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
