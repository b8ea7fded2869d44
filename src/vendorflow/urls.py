from django.contrib import admin
from django.urls import include, path

from vendorflow import views
from vendorflow.api import api
from vendorflow.integrations.amazon import views as amazon_views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sync-runs/", views.dashboard_sync_runs, name="dashboard_sync_runs"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("vendorflow.accounts.urls")),
    path("customers/", include("vendorflow.customers.urls")),
    path("catalog/", include("vendorflow.catalog.urls")),
    path("channels/", include("vendorflow.channels.urls")),
    path("orders/exceptions/", include("vendorflow.orders.exceptions_urls")),
    path("orders/", include("vendorflow.orders.urls")),
    path("shipments/", include("vendorflow.shipping.urls")),
    path("channels/<int:channel_id>/sync/", amazon_views.sync_now, name="sync_now"),
    path(
        "channels/<int:channel_id>/test-connection/",
        amazon_views.test_connection,
        name="test_connection",
    ),
    path("healthz", views.healthz, name="healthz"),
]
