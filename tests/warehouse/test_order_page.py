import pytest

from tests import factories
from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.orders.scanning import record_scan, undo_last_scan


@pytest.fixture
def w(org):
    return world(org)


def test_order_page_shows_lines_history_scans_and_the_notice(w, org, member_client):
    order = order_for(
        w,
        [
            soap_line(product=w.soap, ordered_quantity=3, unit_of_measure="Cases", unit_size=12),
            {"asin": "B0UNMAPPED", "product": None},
        ],
        needs_mapping=True,
        payment_method="Invoice",
        po_type="RegularOrder",
        amazon_state="New",
    )
    operator = factories.make_member(org, "operator", username="picker")
    record_scan(order=order, barcode="18901000000018", user=operator)
    undo_last_scan(order=order, user=operator)
    page = member_client("viewer").get(f"/orders/{order.pk}/").content.decode()
    assert "3 cases of 12" in page and "36 eaches" in page
    badge = f'href="/catalog/unmapped/?channel={w.channel.pk}&amp;q=B0UNMAPPED">needs mapping'
    assert badge in page
    assert "Appointments are booked on Amazon's carrier portal" in page
    assert "Invoices are not sent to Amazon" in page
    assert "no inventory or listing feeds" in page
    assert "Scan undone" in page and "picker" in page
    assert "undone" in page and "18901000000018" in page
    assert "Invoice" in page and "RegularOrder" in page


def test_viewer_sees_no_scan_or_acknowledge_buttons(w, member_client):
    order = order_for(w, [soap_line(product=w.soap)])
    page = member_client("viewer").get(f"/orders/{order.pk}/").content.decode()
    assert f"/orders/{order.pk}/scan/" not in page
    assert f"/orders/{order.pk}/acknowledge/" not in page
    manager_page = member_client("manager").get(f"/orders/{order.pk}/").content.decode()
    assert f"/orders/{order.pk}/scan/" in manager_page
    assert f"/orders/{order.pk}/acknowledge/" in manager_page
