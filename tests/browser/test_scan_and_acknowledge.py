from datetime import timedelta

import pytest
from django.db.models import F
from playwright.sync_api import expect

from tests.browser import flows
from vendorflow.integrations.amazon import outbox
from vendorflow.orders.models import Acknowledgement, Order, Scan
from vendorflow.simulator.status import order_status
from vendorflow.simulator.testing import running_simulator

pytestmark = pytest.mark.browser

PO = "SCAN0001"
UNAVAILABLE = "Temporarily unavailable"
# The preview's columns: #, ASIN, SKU, ordered, scanned, accept, reject, reason, net cost.
PREVIEW = [
    [
        "1",
        flows.TEA.asin,
        flows.TEA.sku,
        "3 eaches",
        "3 / 3 ea",
        "3 eaches",
        "0 eaches",
        "",
        "310.00 INR",
    ],
    [
        "2",
        flows.HONEY.asin,
        flows.HONEY.sku,
        "3 cases of 6",
        "6 / 18 ea",
        "1 case",
        "2 cases",
        UNAVAILABLE,
        "270.00 INR",
    ],
    [
        "3",
        flows.OATS.asin,
        flows.OATS.sku,
        "4 eaches",
        "0 / 4 ea",
        "0 eaches",
        "4 eaches",
        UNAVAILABLE,
        "160.00 INR",
    ],
]


def _scan(page, code: str) -> None:
    """What a keyboard-wedge scanner does: the digits, then Enter."""
    page.keyboard.type(code)
    page.keyboard.press("Enter")


def _amazon_lines(sim) -> list[tuple]:
    status = order_status(sim.state.get(PO))
    return [
        (
            item["itemSequenceNumber"],
            item["acknowledgementStatus"]["confirmationStatus"],
            item["acknowledgementStatus"]["acceptedQuantity"],
            item["acknowledgementStatus"]["rejectedQuantity"],
        )
        for item in status["itemStatus"]
    ]


def test_partial_scan_then_acknowledge_reaches_amazon_once(logged_in_page, org, huey_immediate):
    po = flows.purchase_order(
        PO,
        "BLR7",
        [
            flows.po_line(flows.TEA, 3),
            flows.po_line(flows.HONEY, 3, "Cases"),
            flows.po_line(flows.OATS, 4),
        ],
    )
    with running_simulator(
        seed_document={"orders": [po]}, throttling=False, **flows.CREDENTIALS
    ) as sim:
        channel = flows.channel_for(org, sim)
        flows.map_fc(org, "BLR7")
        flows.map_items(channel)
        page = logged_in_page("manager")
        flows.sync_now(page, channel)
        flows.log_out(page)
        order = Order.objects.get(organization=org, po_number=PO)
        tea, honey, oats = (
            f"#line-{pk}" for pk in order.lines.order_by("id").values_list("pk", flat=True)
        )

        page = logged_in_page("operator")
        operator = page.vf_user
        page.goto("/orders/")
        page.click(f"table.orders a:has-text('{PO}')")
        page.click("a.btn:has-text('Scan')")
        expect(page.locator("h1")).to_have_text(f"Scan PO {PO}")
        flows.scan_ready(page)
        expect(page.locator("#barcode")).to_be_focused()
        result = page.locator("#scan-result")
        expect(result).to_have_text("Ready to scan.")

        for _ in range(3):  # three reads in a row, as fast as the scanner types them
            _scan(page, flows.TEA.ean)
        expect(result).to_have_text("Line 1 (TEA-GRN-100): 1 each — 3 of 3 eaches scanned")
        expect(page.locator(f"{tea} td").nth(3)).to_contain_text("3 / 3")
        expect(page.locator(f"{tea} td.num")).to_have_text("0")

        _scan(page, flows.HONEY.case_barcode)
        expect(result).to_have_text(
            "Line 2 (HNY-RAW-500): a case of 6 eaches — 6 of 18 eaches scanned (1 of 3 cases)"
        )
        expect(result).to_have_class("scan-result scan-ok")
        expect(page.locator(f"{honey} td").nth(3)).to_contain_text("6 / 18")
        expect(page.locator(f"{honey} td").nth(3)).to_contain_text("1 of 3 cases")
        expect(page.locator(f"{honey} td.num")).to_have_text("12")
        flows.shot(page, "scan-1-partly-scanned")

        _scan(page, flows.TEA.ean)
        expect(result).to_have_text("Line 1 (TEA-GRN-100) is complete: 3 of 3 eaches scanned")
        expect(result).to_have_class("scan-result scan-bad")
        expect(page.locator(f"{tea} td").nth(3)).to_contain_text("3 / 3")
        expect(page.locator(f"{oats} td").nth(3)).to_contain_text("0 / 4")
        expect(page.locator("#barcode")).to_be_focused()
        flows.shot(page, "scan-2-over-scan-refused")
        assert Scan.objects.filter(order=order, user=operator).count() == 4

        flows.log_out(page)
        page = logged_in_page("manager")
        page.goto(f"/orders/{order.pk}/")
        page.click("a.btn:has-text('Acknowledge')")
        expect(page.locator("h1")).to_have_text(f"Acknowledge PO {PO}")
        plan = page.locator("table.lines tbody tr")
        expect(plan).to_have_count(3)
        for row, cells in zip(plan.all(), PREVIEW, strict=True):
            expect(row.locator("td")).to_have_text(cells, use_inner_text=True)
        flows.shot(page, "scan-3-acknowledge-preview")

        page.click("button:has-text('Send acknowledgement to Amazon')")
        page.wait_for_url(f"**/orders/{order.pk}/")
        expect(page.locator(".ack-panel h2")).to_have_text(
            "Acknowledgement: Submitted, awaiting Amazon"
        )
        assert len(sim.state.acknowledgements) == 1
        ack = Acknowledgement.objects.get(order=order)
        assert outbox.check(ack_id=ack.pk) == "submitted"  # Amazon: Processing, too early

        Acknowledgement.objects.filter(pk=ack.pk).update(
            submitted_at=F("submitted_at") - timedelta(minutes=16)
        )
        assert outbox.check(ack_id=ack.pk) == "confirmed"
        # No reload: the panel polls while the acknowledgement is on its way, and stops.
        expect(page.locator(".ack-panel h2")).to_have_text("Acknowledgement: Confirmed by Amazon")
        expect(page.locator("#order-status")).to_have_text("Acknowledged")
        expect(page.locator("#ack-panel")).not_to_have_attribute("hx-trigger", "every 3s")
        page.reload()  # the lines' quantities Amazon confirmed come with the page
        lines = page.locator("table.lines tbody tr")
        expect(lines.locator("td:nth-child(8)")).to_have_text(
            [
                "3 eaches accepted",
                f"1 case accepted\n2 cases rejected {UNAVAILABLE}",
                f"0 eaches accepted\n4 eaches rejected {UNAVAILABLE}",
            ],
            use_inner_text=True,
        )
        expect(lines.locator("td:nth-child(9)")).to_have_text(
            [
                "3 eaches accepted\n0 eaches rejected\nNot received",
                "1 case accepted\n2 cases rejected\nNot received",
                "0 eaches accepted\n4 eaches rejected\nNot received",
            ],
            use_inner_text=True,
        )
        flows.shot(page, "scan-4-order-confirmed")

        received = sim.state.acknowledgements
        amazon_lines = _amazon_lines(sim)

    assert len(received) == 1
    assert received[0]["status"] == "Processing"
    cases = {"unitOfMeasure": "Cases", "unitSize": 6}
    eaches = {"unitOfMeasure": "Eaches", "unitSize": 1}
    assert amazon_lines == [
        ("1", "ACCEPTED", {"amount": 3, **eaches}, {"amount": 0, **eaches}),
        ("2", "PARTIALLY_ACCEPTED", {"amount": 1, **cases}, {"amount": 2, **cases}),
        ("3", "REJECTED", {"amount": 0, **eaches}, {"amount": 4, **eaches}),
    ]
    order.refresh_from_db()
    assert order.status == "acknowledged"
    lines = order.lines.order_by("id").values_list("amazon_accepted", "amazon_rejected")
    assert list(lines) == [(3, 0), (1, 2), (0, 4)]
