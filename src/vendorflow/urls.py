from django.contrib import admin
from django.urls import include, path

from vendorflow import views
from vendorflow.api import api

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("vendorflow.accounts.urls")),
    path("customers/", include("vendorflow.customers.urls")),
    path("catalog/", include("vendorflow.catalog.urls")),
    path("channels/", include("vendorflow.channels.urls")),
    path("orders/", include("vendorflow.orders.urls")),
    path("healthz", views.healthz, name="healthz"),
]
