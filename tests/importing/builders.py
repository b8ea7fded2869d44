"""Builders for purchase-order DTOs and a fake Amazon client for the import and sync tests."""

import itertools
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from tests import factories
from vendorflow.channels.sync import OrderSource
from vendorflow.orders import dto

_seq = itertools.count(1)
PO_DATE = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def po_line(seq: int | str = 1, **kw) -> dto.PurchaseOrderLine:
    values = {
        "item_sequence_number": str(seq),
        "asin": f"B0ASIN{int(seq):04d}" if str(seq).isdigit() else "B0ASIN0000",
        "vendor_product_id": f"VPID-{seq}",
        "ordered_quantity": 10,
        "unit_of_measure": "Eaches",
        "unit_size": 1,
        "is_back_order_allowed": False,
        "net_cost": Decimal("100.00"),
        "currency": "INR",
        "list_price": Decimal("150.00"),
    }
    values.update(kw)
    return dto.PurchaseOrderLine(**values)


def purchase_order(po_number: str | None = None, *, lines=None, **kw) -> dto.PurchaseOrder:
    po_number = po_number or f"PO{next(_seq):06d}"
    po_date = kw.pop("po_date", PO_DATE)
    values = {
        "po_number": po_number,
        "state": "New",
        "po_type": "RegularOrder",
        "payment_method": "Invoice",
        "po_date": po_date,
        "changed_date": None,
        "state_changed_date": None,
        "ship_window": (po_date + timedelta(days=2), po_date + timedelta(days=5)),
        "delivery_window": None,
        "selling_party_id": "VEND1",
        "buying_party_id": "AMZBUY",
        "ship_to_party_id": "BLR7",
        "bill_to_party_id": "AMZBILL",
        "lines": tuple(lines if lines is not None else [po_line(1), po_line(2)]),
        "raw": {"purchaseOrderNumber": po_number},
    }
    values.update(kw)
    return dto.PurchaseOrder(**values)


def changed(po: dto.PurchaseOrder, *, hours: int = 1, **kw) -> dto.PurchaseOrder:
    """A later version of `po`, as Amazon sends it after changing it."""
    base = po.changed_date or po.po_date
    return replace(po, changed_date=base + timedelta(hours=hours), **kw)


def channel_with_customer(org, code: str = "BLR7", **kw):
    """A channel (default location WH1) and a customer mapped to FC `code`."""
    location = factories.make_location(org, "WH1")
    channel = factories.make_channel(org, **kw)
    customer = factories.make_customer(org, f"AMZ-{code}")
    factories.map_warehouse(org, code, customer)
    return channel, customer, location


@dataclass
class Page:
    orders: list
    rejected: list = field(default_factory=list)
    window: tuple | None = None
    next_token: str | None = None


@dataclass
class StatusPage:
    statuses: list
    next_token: str | None = None


class FakeClient:
    """Answers `iter_purchase_order_pages` from a list of pages per call, and
    `iter_purchase_order_status_pages` from `status_pages_per_call` (pages of
    `dto.PurchaseOrderStatus`), recording every call (`calls`, `status_calls`)."""

    def __init__(
        self,
        pages_per_call=None,
        error: Exception | None = None,
        on_page=None,
        status_pages_per_call=None,
    ):
        self.pages_per_call = list(pages_per_call or [])
        self.status_pages_per_call = list(status_pages_per_call or [])
        self.error = error
        self.on_page = on_page
        self.calls: list[dict] = []
        self.status_calls: list[dict] = []

    def iter_purchase_order_status_pages(self, **query):
        self.status_calls.append(query)
        pages = self.status_pages_per_call.pop(0) if self.status_pages_per_call else []
        for n, statuses in _from_token(pages, query.get("next_token"), "s"):
            last = n == len(pages) - 1
            yield StatusPage(statuses=list(statuses), next_token=None if last else f"s{n + 1}")

    def iter_purchase_order_pages(self, **query):
        self.calls.append(query)
        if self.error is not None:
            raise self.error
        pages = self.pages_per_call.pop(0) if self.pages_per_call else []
        for n, orders in _from_token(pages, query.get("next_token"), "token-"):
            if self.on_page:
                self.on_page(n)
            last = n == len(pages) - 1
            yield Page(
                orders=[o for o in orders if isinstance(o, dto.PurchaseOrder)],
                rejected=[o for o in orders if isinstance(o, dto.RejectedPurchaseOrder)],
                next_token=None if last else f"token-{n + 1}",
            )


def _from_token(pages: list, token: str | None, prefix: str):
    """(index, page) of the call's pages, from the page `token` names (`<prefix><index>`)."""
    first = int(token.removeprefix(prefix)) if token else 0
    return list(enumerate(pages))[first:]


class FakeAuthFailed(Exception):
    pass


def fake_source(client: FakeClient) -> OrderSource:
    return OrderSource(
        client=client, to_purchase_order=lambda order: order, auth_errors=(FakeAuthFailed,)
    )
