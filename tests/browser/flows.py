"""Steps shared by the end-to-end browser tests.

A simulator loaded with known purchase orders, the master data that lets them import (a channel
pointed at the simulator, customers and warehouse-code mappings for its FCs, products with
barcodes and product mappings for its items), and the page actions several tests repeat.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from tests import factories
from vendorflow.integrations.amazon import spec
from vendorflow.simulator import catalog, generator

# What tests/factories.make_channel stores; the simulator is told to accept the same.
CREDENTIALS = {
    "client_id": "amzn1.app.client",
    "client_secret": "client-secret-value-123",
    "refresh_token": "Atzr|refresh-token-value-456",
}
VENDOR_CODE = "ACMEB"  # the simulator's default selling party
LOCATION_CODE = "WH1"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@dataclass(frozen=True)
class Item:
    sku: str
    name: str
    asin: str
    ean: str
    net_cost: str
    case_size: int = 1
    case_barcode: str = ""


TEA = Item("TEA-GRN-100", "Green tea, 100 bags", "B0DEMO0001", "8901234500019", "310.00")
HONEY = Item(
    "HNY-RAW-500",
    "Raw honey, 500 g",
    "B0DEMO0004",
    "8901234500040",
    "270.00",
    case_size=6,
    case_barcode="18901234500047",
)
OATS = Item("OAT-ROL-1KG", "Rolled oats, 1 kg", "B0DEMO0005", "8901234500057", "160.00")
ITEMS = (TEA, HONEY, OATS)


def po_line(item: Item, amount: int, unit: str = "Eaches") -> tuple[Item, int, str]:
    """One line of `purchase_order`: `amount` eaches, or cases of the item's case size."""
    return item, amount, unit


def purchase_order(number: str, fc: str, lines, *, age=timedelta(hours=1)) -> dict:
    """An Amazon `Order` (validated against the official model) from the simulator's vendor to
    FC `fc`, created `age` ago, with the given `po_line`s."""
    fcs = {entry["code"]: entry for entry in catalog.default_fcs()}
    items = [_item(n, *line) for n, line in enumerate(lines, start=1)]
    created = timezone.now().replace(microsecond=0) - age
    order = generator.order(
        random.Random(0), number, created, catalog.default_vendors()[0], fcs[fc], items
    )
    problems = spec.problems(spec.ORDERS, "Order", order)
    assert problems == [], problems
    return order


def _item(sequence: int, item: Item, amount: int, unit: str) -> dict:
    size = item.case_size if unit == "Cases" else 1
    return {
        "itemSequenceNumber": str(sequence),
        "amazonProductIdentifier": item.asin,
        "vendorProductIdentifier": item.ean,
        "orderedQuantity": {"amount": amount, "unitOfMeasure": unit, "unitSize": size},
        "isBackOrderAllowed": False,
        "netCost": {"currencyCode": "INR", "amount": item.net_cost},
        "listPrice": {"currencyCode": "INR", "amount": item.net_cost},
    }


def channel_for(org, sim):
    """An active Amazon channel of `org` whose SP-API and LWA endpoints are the simulator."""
    factories.make_location(org, code=LOCATION_CODE)
    return factories.make_channel(
        org,
        vendor_code=VENDOR_CODE,
        warehouse_codes=[LOCATION_CODE],
        endpoint_override=sim.base_url,
        lwa_endpoint_override=sim.lwa_url,
    )


def map_fc(org, fc: str):
    """A customer for the FC and the warehouse-code mapping that names it."""
    customer = factories.make_customer(org, code=f"AMZ-{fc}", name=f"Amazon India {fc}")
    factories.map_warehouse(org, fc, customer)
    return customer


def map_items(channel, items=ITEMS) -> dict[str, object]:
    """Products with their each (and case) barcodes, mapped to the items' ASINs. By SKU."""
    products = {}
    for item in items:
        product = factories.make_product(
            channel.organization,
            sku=item.sku,
            name=item.name,
            barcodes=[item.ean],
            case_pack_size=item.case_size if item.case_barcode else None,
            case_barcode=item.case_barcode,
        )
        factories.map_product(channel, product, asin=item.asin, vendor_product_id=item.ean)
        products[item.sku] = product
    return products


# -- page steps ------------------------------------------------------------------------------------


def shot(page: Page, name: str) -> None:
    """A full-page screenshot in test-artifacts/ to look at after the run."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sync_now(page: Page, channel) -> None:
    """Click "Sync now" on the channel page and wait for the page it comes back to."""
    page.goto(f"/channels/{channel.pk}/")
    page.click("#sync-now")
    expect(page.locator(".msg-success")).to_have_text(
        "Sync queued: new and changed POs will appear in Orders shortly."
    )


def scan_ready(page: Page) -> None:
    """Wait until the scan screen's script has taken over the form: a scanner that types sooner
    submits the form as a page load, and the next read lands in the field before it clears."""
    expect(page.locator("#scan-form")).to_have_attribute("data-ready", "1")


def log_out(page: Page) -> None:
    page.click("header .topright button:has-text('Log out')")
    page.wait_for_url("**/accounts/login/")
