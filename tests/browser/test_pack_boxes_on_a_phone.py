"""Two boxes packed on a phone, a GS1-128 box label whose (00) barcode decodes to a valid SSCC,
and a shipment made for the PO, all at 360 px."""

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests import factories
from tests.browser import flows, phone
from tests.shipping.builders import acknowledge
from vendorflow.shipping import sscc
from vendorflow.shipping.models import Box, Shipment, ShippingSettings

pytestmark = pytest.mark.browser
PO = "PACK0001"


def _order(org):
    ShippingSettings.objects.create(
        organization=org, gs1_company_prefix="8901234", sscc_extension_digit=3
    )
    channel = factories.make_channel(org)
    customer = factories.make_customer(org, "AMZ-BLR7", name="Amazon India BLR7")
    tea = factories.make_product(org, flows.TEA.sku, name=flows.TEA.name, barcodes=[flows.TEA.ean])
    return factories.make_order(
        channel,
        customer,
        po_number=PO,
        lines=[{"asin": flows.TEA.asin, "product": tea, "ordered_quantity": 4}],
    )


def _scan(page, code: str) -> None:
    page.locator("#barcode").tap()
    page.keyboard.type(code)
    page.locator("#scan-form button[type=submit]").tap()


def _decoded(path) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(path))]


def test_two_boxes_packed_on_a_phone_labelled_and_shipped(browser, live_server, org):
    order = _order(org)
    context = phone.open_context(browser, live_server)
    page = context.new_page()
    operator = phone.log_in(page, org, "operator")
    page.goto(f"/orders/{order.pk}/scan/")
    flows.scan_ready(page)
    result = page.locator("#scan-result")
    for expected in ("1 of 4", "2 of 4"):
        _scan(page, flows.TEA.ean)
        expect(result).to_contain_text(expected)
    expect(page.locator(".box-now")).to_contain_text("Box 1 open")
    page.locator("input[name=weight_kg]").fill("1.2")
    page.locator("button.close-box").tap()
    expect(result).to_have_text("Box 1 closed.")
    expect(page.locator(".box-now")).to_have_text("No open box: the next unit opens box 2.")
    for expected in ("3 of 4", "4 of 4"):
        _scan(page, flows.TEA.ean)
        expect(result).to_contain_text(expected)
    expect(page.locator(".box-now")).to_contain_text("Box 2 open")
    page.locator("button.close-box").tap()
    expect(result).to_have_text("Box 2 closed.")
    expect(page.locator(".box-list li")).to_have_text(
        ["Box 1 · closed · 2 ea · 1.2 kg", "Box 2 · closed · 2 ea"]
    )
    assert phone.page_width(page) <= 360
    flows.shot(page, "pack-1-two-boxes-on-a-phone")
    boxes = list(Box.objects.filter(order=order).order_by("number"))
    assert [box.state for box in boxes] == ["closed", "closed"]

    page.locator("#box-bar a:has-text('Labels')").tap()
    expect(page.locator(".box-label")).to_have_count(2)
    expect(page.locator(".label-count b")).to_have_text(["1 of 2", "2 of 2"])
    assert phone.page_width(page) <= 360
    # Printed, as a label printer would get it: at print resolution, not a phone's pixels.
    printer = browser.new_context(
        base_url=live_server.url, viewport=phone.DESKTOP, device_scale_factor=3
    )
    printed = printer.new_page()
    phone.log_in(printed, org, "viewer")
    printed.goto(f"/shipments/orders/{order.pk}/labels/?paper=label")
    printed.emulate_media(media="print")
    flows.shot(printed, "pack-2-labels")
    printer.close()
    codes = _decoded(flows.ARTIFACTS / "pack-2-labels.png")
    ssccs = sorted(
        code.removeprefix("(00)").removeprefix("00") for code in codes if len(code) >= 20
    )
    assert ssccs == sorted(box.carton_id for box in boxes)
    assert all(sscc.is_valid(code) and code.startswith("38901234") for code in ssccs)
    assert codes.count(PO) == 2

    acknowledge(order, operator)
    page = context.new_page()
    phone.log_in(page, org, "manager")
    page.goto("/shipments/new/")
    page.locator(f"input[name=orders][value='{order.pk}']").check()
    page.locator("#id_appointment_id").fill("ARN-1234")
    page.locator("#id_tracking_number").fill("LR-88")
    assert phone.page_width(page) <= 360
    page.locator("button:has-text('Create shipment')").tap()
    expect(page.locator("h1")).to_have_text("Shipment SHP0000001")
    expect(page.locator("#packing-panel p").first).to_contain_text(
        "2 boxes · every accepted unit is in a closed box"
    )
    assert phone.page_width(page) <= 360
    flows.shot(page, "pack-3-shipment")
    page.locator("#mark-shipped").tap()
    expect(page.locator("#shipment-state")).to_have_text("Shipped")
    shipment = Shipment.objects.get()
    assert (shipment.appointment_id, shipment.tracking_number) == ("ARN-1234", "LR-88")
    context.close()
