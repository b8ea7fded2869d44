"""The REST API root: /api/v1, OpenAPI docs at /api/v1/docs."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from vendorflow.accounts.api import router as accounts_router
from vendorflow.accounts.api_auth import SessionAuth, TokenAuth, TooManyTokenFailures
from vendorflow.catalog.api import router as catalog_router
from vendorflow.channels.api import router as channels_router
from vendorflow.customers.api import router as customers_router
from vendorflow.integrations.amazon.connection_api import router as connection_router
from vendorflow.integrations.amazon.sync_api import router as sync_router
from vendorflow.lib import deprecation
from vendorflow.orders.ack_api import router as acknowledgements_router
from vendorflow.orders.api import router as orders_router
from vendorflow.orders.exceptions_api import router as exceptions_router
from vendorflow.shipping.api import (
    boxes_router,
    order_boxes_router,
    settings_router,
    shipments_router,
)

DESCRIPTION = """Amazon Retail B2B order management.

Authenticate with `Authorization: Bearer <token>`: create a token under Account → API tokens, or
from the shell with `vendorflow create_token --user USERNAME --name erp` (or `create_member ...
--token erp` for a new member). A walk-through of a whole day is in `docs/api.md`.
"""


class VendorflowAPI(NinjaAPI):
    def create_temporal_response(self, request: HttpRequest) -> HttpResponse:
        """Kept on the request, so that an old path can mark its answer (lib/deprecation.py)."""
        return deprecation.remember_response(request, super().create_temporal_response(request))


api = VendorflowAPI(
    title="vendorflow API",
    version="1",
    description=DESCRIPTION,
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
)


@api.exception_handler(Exception)
def unexpected_error(request, exc: Exception):
    """Left to Django, like an error anywhere else: its report (the DEBUG page, the mail to
    ADMINS) hides every secret (lib/error_reports.py). Ninja's own DEBUG answer would be a bare
    traceback."""
    raise exc


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(TooManyTokenFailures)
def too_many_token_failures(request, exc: TooManyTokenFailures):
    response = api.create_response(request, {"detail": exc.message}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


api.add_router("/accounts", accounts_router)
api.add_router("/customers", customers_router)
api.add_router("/catalog", catalog_router)
api.add_router("/channels", channels_router)
api.add_router("/channels", connection_router)
api.add_router("/orders", acknowledgements_router)  # before /orders/{order_id}
api.add_router("/orders", order_boxes_router)  # a PO's boxes: /orders/{order_id}/boxes
api.add_router("/orders", orders_router)
api.add_router("/exceptions", exceptions_router)
api.add_router("/sync", sync_router)
api.add_router("/boxes", boxes_router)
api.add_router("/shipments", shipments_router)
api.add_router("/settings", settings_router)
