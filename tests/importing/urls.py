"""The project's URLs plus this area's pages and API routers, as the integrator mounts them."""

from django.urls import include, path
from ninja import NinjaAPI

from vendorflow.accounts.api_auth import SessionAuth, TokenAuth
from vendorflow.integrations.amazon.sync_api import router as sync_router
from vendorflow.orders.exceptions_api import router as exceptions_router
from vendorflow.urls import urlpatterns as project_urlpatterns

api = NinjaAPI(auth=[TokenAuth(), SessionAuth()], urls_namespace="importing-api")
api.add_router("/exceptions", exceptions_router)
api.add_router("/sync", sync_router)

urlpatterns = [
    path("orders/exceptions/", include("vendorflow.orders.exceptions_urls")),
    path("api/v1/", api.urls),
    *project_urlpatterns,
]
