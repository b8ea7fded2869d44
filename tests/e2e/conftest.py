"""vendorflow against the Vendor Central simulator on loopback.

`e2e` starts a fresh simulator (throttling off) and an organization whose Amazon channel points at
it: the simulator's LWA credentials and vendor code, customers mapped to three of its FCs (HYD8 is
left unmapped), and a product for each of a handful of its items (each barcode = the item's EAN,
a case barcode counting the item's case size, mapped by ASIN). The real SP-API client is used
throughout; only its backoff sleeps and the local rate limiter are switched off.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from tests import factories
from vendorflow.catalog.barcodes import check_digit
from vendorflow.channels.choices import SyncStatus
from vendorflow.integrations.amazon import client as amazon_client
from vendorflow.integrations.amazon import jobs, outbox, ratelimit, spec
from vendorflow.orders import acknowledging
from vendorflow.orders.models import Acknowledgement, Order
from vendorflow.orders.scanning import record_scan
from vendorflow.simulator import changes
from vendorflow.simulator.status import order_status
from vendorflow.simulator.testing import RunningSimulator, running_simulator

VENDOR = "ACMEB"  # the simulator's default vendor
MAPPED_FCS = ("BLR7", "DEL4", "BOM5")
UNMAPPED_FC = "HYD8"
ITEM_COUNT = 6


def _a_second_ago() -> datetime:
    return datetime.now(UTC) - timedelta(seconds=1)


def case_barcode(ean: str) -> str:
    body = "1" + ean[:12]
    return body + str(check_digit(body))


@dataclass
class E2E:
    sim: RunningSimulator
    org: object
    channel: object
    user: object
    location: object
    customers: dict  # FC code → Customer
    items: list  # the simulator's items the POs are made of
    products: dict  # ASIN → Product
    clients: list  # every SP-API client made during the test
    queued: list = field(default_factory=list)  # ack ids the confirm path queued

    # -- Amazon side -------------------------------------------------------------------------

    def generate(
        self,
        count: int,
        *,
        fcs=MAPPED_FCS,
        lines=(1, 3),
        ago=(timedelta(days=2), timedelta(hours=1)),
    ) -> list[str]:
        """POs created between `ago[0]` and `ago[1]` before now, for the mapped FCs and items."""
        now = datetime.now(UTC)
        return self.sim.generate(
            count=count,
            vendor_code=VENDOR,
            fcs=list(fcs),
            items=[item["asin"] for item in self.items],
            lines_per_order=list(lines),
            created_from=(now - ago[0]).isoformat(),
            created_to=(now - ago[1]).isoformat(),
        )

    def change(self, number: str, **options):
        """Amazon changes a PO a second ago (a window ends at a whole second, excluding it)."""
        return changes.change_order(self.sim.state, number, at=_a_second_ago(), **options)

    def close(self, number: str):
        return changes.close_order(self.sim.state, number, at=_a_second_ago())

    def calls(self) -> Counter:
        total: Counter = Counter()
        for made in self.clients:
            total.update(made.calls)
        return total

    def received(self) -> list[dict]:
        """Every acknowledgement request the simulator received."""
        return list(self.sim.state.acknowledgements)

    def amazon_acks(self, po_number: str) -> dict[str, tuple[int, int]]:
        """What getPurchaseOrdersStatus shows per line: (accepted, rejected) in the line's unit."""
        found = {}
        for item in order_status(self.sim.state.get(po_number))["itemStatus"]:
            ack = item["acknowledgementStatus"]
            if ack["confirmationStatus"] != "UNCONFIRMED":
                amounts = (ack["acceptedQuantity"]["amount"], ack["rejectedQuantity"]["amount"])
                found[item["itemSequenceNumber"]] = amounts
        return found

    # -- our side ----------------------------------------------------------------------------

    def sync(self, kind: str = "manual"):
        return jobs.run_channel_sync(self.channel.pk, kind)

    def sync_until_it_succeeds(self, kind: str = "manual", tries: int = 10) -> list:
        runs = []
        while len(runs) < tries:
            runs.append(self.sync(kind))
            if runs[-1].status == SyncStatus.SUCCEEDED:
                return runs
        raise AssertionError(f"no sync succeeded in {tries} runs: {[r.error for r in runs]}")

    def order(self, po_number: str) -> Order:
        return Order.objects.get(channel=self.channel, po_number=po_number)

    def confirmed_with_one_unit(self, **generate) -> Acknowledgement:
        """A new PO synced in, one unit of line 1 scanned (a case of a Cases line), confirmed."""
        [number] = self.generate(1, **generate)
        self.sync()
        order = self.order(number)
        self.scan_one_unit(order)
        return self.confirm(order)

    def scan_one_unit(self, order: Order) -> None:
        self.scan(order, "1", order.lines.get(item_sequence_number="1").unit_size)

    def scan(self, order: Order, sequence: str, eaches: int) -> None:
        """Scan `eaches` of a line: whole cases by case barcode, the rest by each barcode."""
        line = order.lines.select_related("product").get(item_sequence_number=sequence)
        product = line.product
        cases, singles = divmod(eaches, product.case_pack_size or eaches + 1)
        codes = [product.case_barcode] * cases + [product.barcodes.get().code] * singles
        for code in codes:
            result = record_scan(order=order, barcode=code, user=self.user)
            assert result.ok, result.message

    def confirm(self, order: Order, **dates) -> Acknowledgement:
        plan = acknowledging.build_plan(order, **dates)
        return acknowledging.confirm_acknowledgement(
            order=order, plan=plan, user=self.user, payload=acknowledging.build_payload(plan)
        )


@pytest.fixture
def fast_amazon(monkeypatch) -> list:
    """The real client, made without backoff sleeps or a local rate limit; lists every one made."""
    made = []

    class FastClient(amazon_client.VendorOrdersClient):
        def __init__(self, credentials, **kwargs):
            kwargs.setdefault("sleep", lambda seconds: None)
            kwargs.setdefault("limiter", ratelimit.DisabledLimiter())
            super().__init__(credentials, **kwargs)
            made.append(self)

    monkeypatch.setattr(amazon_client, "VendorOrdersClient", FastClient)
    monkeypatch.setattr(outbox, "VendorOrdersClient", FastClient)
    amazon_client.clear_token_cache()
    yield made
    amazon_client.clear_token_cache()


@pytest.fixture
def e2e(org, fast_amazon, monkeypatch):
    queued: list[int] = []
    monkeypatch.setattr(acknowledging, "enqueue_submit", queued.append)
    with running_simulator(seed=7, throttling=False) as sim:
        yield build_world(org, sim, fast_amazon, queued)


def build_world(org, sim: RunningSimulator, clients: list, queued: list) -> E2E:
    location = factories.make_location(org, "WH1")
    channel = factories.make_channel(
        org,
        vendor_code=VENDOR,
        endpoint_override=sim.base_url,
        lwa_endpoint_override=sim.lwa_url,
        client_secret=sim.client_secret,
        refresh_token=sim.refresh_token,
        warehouse_codes=["WH1"],
    )
    channel.lwa_client_id = sim.client_id
    channel.save()
    customers = {}
    for code in MAPPED_FCS:
        customers[code] = factories.make_customer(org, f"AMZ-{code}")
        factories.map_warehouse(org, code, customers[code], location)
    items = sim.state.items[:ITEM_COUNT]
    products = {}
    for n, item in enumerate(items, start=1):
        ean = item["vendorProductIdentifier"]
        product = factories.make_product(
            org,
            f"SKU-{n}",
            barcodes=[ean],
            case_pack_size=item["caseSize"],
            case_barcode=case_barcode(ean),
        )
        factories.map_product(channel, product, asin=item["asin"])
        products[item["asin"]] = product
    user = factories.make_member(org, "manager")
    return E2E(sim, org, channel, user, location, customers, items, products, clients, queued)


class InlineTask:
    """A Huey task run in the calling thread; what it schedules for later is only listed."""

    def __init__(self, task, scheduled: list):
        self.task, self.scheduled = task, scheduled

    def __call__(self, *args):
        return self.task.call_local(*args)

    def call_local(self, *args):
        return self.task.call_local(*args)

    def schedule(self, args=(), delay=None, eta=None):
        self.scheduled.append((self.task.func.__name__, tuple(args), delay))


@pytest.fixture
def inline_tasks(monkeypatch) -> list:
    """The acknowledgement tasks run inline; returns what they scheduled for later."""
    scheduled: list = []
    for name in ("submit_acknowledgement", "check_acknowledgement"):
        monkeypatch.setattr(jobs, name, InlineTask(getattr(jobs, name), scheduled))
    return scheduled


# -- checks shared by the tests --------------------------------------------------------------


def assert_every_ack_was_valid(world: E2E) -> None:
    """Each request the simulator took matches the official model and went through (Processing)."""
    for request in world.received():
        body = {"acknowledgements": request["acknowledgements"]}
        assert spec.problems(spec.ORDERS, "SubmitAcknowledgementRequest", body) == []
        assert (request["status"], request["errors"]) == ("Processing", [])


def sent_quantities(request: dict) -> dict[str, dict[str, tuple[int, int]]]:
    """PO → line → (accepted, rejected) in the line's unit, as one request carried them."""
    found = {}
    for ack in request["acknowledgements"]:
        lines = {}
        for item in ack["items"]:
            amounts = {"Accepted": 0, "Rejected": 0}
            for entry in item["itemAcknowledgements"]:
                amounts[entry["acknowledgementCode"]] += entry["acknowledgedQuantity"]["amount"]
            lines[item["itemSequenceNumber"]] = (amounts["Accepted"], amounts["Rejected"])
        found[ack["purchaseOrderNumber"]] = lines
    return found


def acknowledged_lines(order) -> dict[str, tuple[int, int]]:
    """What we told Amazon per line (OrderLine.ack_*), in the line's unit."""
    lines = order.lines.filter(ack_accepted__isnull=False)
    return {
        n: (a, r)
        for n, a, r in lines.values_list("item_sequence_number", "ack_accepted", "ack_rejected")
    }


def amazon_lines(order) -> dict[str, tuple[int, int]]:
    """What we recorded from getPurchaseOrdersStatus per line (OrderLine.amazon_*)."""
    lines = order.lines.filter(amazon_accepted__isnull=False)
    return {
        n: (a, r)
        for n, a, r in lines.values_list(
            "item_sequence_number", "amazon_accepted", "amazon_rejected"
        )
    }


def planned_quantities(plan) -> dict[str, tuple[int, int]]:
    return {line.item_sequence_number: (line.accepted, line.rejected) for line in plan.sent_lines}
