import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser import flows
from vendorflow.orders.models import ImportException, Order
from vendorflow.simulator.testing import running_simulator

pytestmark = pytest.mark.browser

HELD = "No customer is mapped to marketplace warehouse code {}"


def _simulator():
    orders = [
        flows.purchase_order("BLR70001", "BLR7", [flows.po_line(flows.TEA, 10)]),
        flows.purchase_order(
            "HYD80001", "HYD8", [flows.po_line(flows.TEA, 5), flows.po_line(flows.OATS, 7)]
        ),
        flows.purchase_order("MAA40001", "MAA4", [flows.po_line(flows.HONEY, 3, "Cases")]),
    ]
    return running_simulator(
        seed_document={"orders": orders}, throttling=False, **flows.CREDENTIALS
    )


def test_mapping_the_code_in_the_dialog_imports_the_held_po(logged_in_page, org, huey_immediate):
    with _simulator() as sim:
        channel = flows.channel_for(org, sim)
        flows.map_fc(org, "BLR7")
        hyderabad = factories.make_customer(org, code="AMZ-HYD8", name="Amazon India Hyderabad")
        flows.map_items(channel)
        page = logged_in_page("manager")
        flows.sync_now(page, channel)

        page.click("nav.mainnav a:has-text('Exceptions')")
        expect(page.locator("h1")).to_have_text("Import exceptions")
        group = page.locator("#code-HYD8")
        expect(group.locator("tbody tr")).to_have_count(1)
        expect(group.locator("tbody tr")).to_contain_text("HYD80001")
        expect(group.locator("td.message")).to_have_text(HELD.format("HYD8"))
        expect(page.locator("#code-MAA4 td.message")).to_have_text(HELD.format("MAA4"))
        expect(page.locator("#code-BLR7")).to_have_count(0)
        flows.shot(page, "exception-1-exceptions-page")

        group.locator("a:has-text('Map this code')").click()
        page.wait_for_url("**/customers/warehouse-codes/?code=HYD8")
        dialog = page.locator("dialog#modal")
        expect(dialog.locator("h2")).to_have_text("Map a warehouse code")  # opens by itself
        dialog.locator("button:has-text('Cancel')").click()
        expect(dialog).not_to_be_visible()
        expect(page.locator("#code-to-map")).to_contain_text("HYD8 holds 1 purchase order")
        flows.shot(page, "exception-2-warehouse-codes")
        page.click("#map-code")
        expect(dialog.locator("h2")).to_have_text("Map a warehouse code")
        expect(dialog.locator("#id_code")).to_have_value("HYD8")
        dialog.locator("#id_customer").select_option(str(hyderabad.pk))
        flows.shot(page, "exception-3-map-dialog")
        dialog.locator("button[type=submit]").click()

        expect(page.locator(".msg-success")).to_have_text(
            "Saved warehouse code HYD8. 1 held PO became an order."
        )
        expect(dialog).not_to_be_visible()
        expect(page.locator("#unmapped-codes")).not_to_contain_text("HYD8")
        expect(page.locator("#unmapped-codes")).to_contain_text("MAA4")
        expect(page.locator("#code-to-map")).to_have_count(0)

        page.goto("/orders/exceptions/")
        expect(page.locator("#code-HYD8")).to_have_count(0)
        expect(page.locator("#code-MAA4 tbody tr")).to_have_count(1)
        page.click("a.btn:has-text('Resolved')")
        resolved = page.locator("table tbody tr")
        expect(resolved).to_have_count(1)
        expect(resolved).to_contain_text("HYD80001")
        flows.shot(page, "exception-4-resolved")
        resolved.locator("a:has-text('HYD80001')").click()
        expect(page.locator("h1")).to_have_text("PO HYD80001")
        expect(page.locator(".panel dl.kv").nth(1)).to_contain_text("Amazon India Hyderabad")

    order = Order.objects.get(po_number="HYD80001")
    assert (order.customer, order.ship_to_code, order.lines.count()) == (hyderabad, "HYD8", 2)
    held = ImportException.objects.get(po_number="HYD80001")
    assert (held.status, held.order) == ("resolved", order)
    still_held = ImportException.objects.get(po_number="MAA40001")
    assert (still_held.status, still_held.order) == ("open", None)
    assert sorted(Order.objects.values_list("po_number", flat=True)) == ["BLR70001", "HYD80001"]


def test_reprocess_button_imports_a_po_once_its_code_is_mapped(logged_in_page, org, huey_immediate):
    with _simulator() as sim:
        channel = flows.channel_for(org, sim)
        flows.map_fc(org, "BLR7")
        flows.map_items(channel)
        page = logged_in_page("manager")
        flows.sync_now(page, channel)
        page.goto("/orders/exceptions/")
        group = page.locator("#code-MAA4")

        group.locator("tbody button:has-text('Reprocess')").click()
        expect(page.locator(".msg-warning")).to_have_text(
            f"PO MAA40001 is still held: {HELD.format('MAA4')}."
        )
        assert not Order.objects.filter(po_number="MAA40001").exists()

        chennai = flows.map_fc(org, "MAA4")  # mapped elsewhere (admin, API): nothing reprocessed
        page.reload()
        expect(group).to_contain_text("Mapped — ready to reprocess")
        flows.shot(page, "exception-5-mapped-ready")
        group.locator("tbody button:has-text('Reprocess')").click()

        expect(page.locator(".msg-success")).to_have_text("PO MAA40001 is imported as an order.")
        expect(page.locator("#code-MAA4")).to_have_count(0)
        expect(page.locator("#code-HYD8 tbody tr")).to_have_count(1)
        flows.shot(page, "exception-6-after-reprocess")
        page.goto("/orders/?q=MAA40001")
        row = page.locator("table.orders tbody tr")
        expect(row).to_have_count(1)
        expect(row).to_contain_text(chennai.name)

    order = Order.objects.get(po_number="MAA40001")
    assert order.customer == chennai
    assert list(order.lines.values_list("ordered_quantity", "unit_size", "ordered_eaches")) == [
        (3, 6, 18)
    ]
    held = ImportException.objects.get(po_number="MAA40001")
    assert (held.status, held.order) == ("resolved", order)
    assert ImportException.objects.get(po_number="HYD80001").status == "open"
