import pytest

from tests.shipping import builders
from vendorflow.shipping.choices import BoxState
from vendorflow.shipping.models import Box

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def w(org):
    return builders.world(org)


def test_scanning_on_the_scan_screen_fills_the_box_bar_and_closing_keeps_the_weight(
    w, member_client
):
    client = member_client("operator")
    order = builders.two_line_order(w)
    page = client.post(f"/orders/{order.pk}/scan/", {"barcode": "8901000000011"}, **HX)
    body = page.content.decode()
    assert "Box <b>1</b> open" in body
    assert "1 each · <code>C0000000001</code>" in body
    box = order.boxes.get()
    closed = client.post(
        f"/shipments/boxes/{box.pk}/close/",
        {"weight_kg": "2.5", "length_cm": "40", "width_cm": "30", "height_cm": "20"},
        **HX,
    )
    assert closed.status_code == 200
    assert 'id="scan-panel"' in closed.content.decode()
    assert "Box 1 closed." in closed.content.decode()
    assert "No open box: the next unit opens box 2." in closed.content.decode()
    box.refresh_from_db()
    assert (box.state, str(box.weight_kg), str(box.length_cm)) == (BoxState.CLOSED, "2.500", "40.0")


def test_a_bad_measure_is_refused_naming_it_and_the_box_stays_open(w, member_client):
    client = member_client("operator")
    order = builders.two_line_order(w)
    client.post(f"/orders/{order.pk}/scan/", {"barcode": "8901000000011"}, **HX)
    box = order.boxes.get()
    page = client.post(
        f"/shipments/boxes/{box.pk}/close/", {"weight_kg": "-1", "length_cm": "40"}, **HX
    )
    body = page.content.decode()
    assert "Weight (kg): Ensure this value is greater than or equal to 0.001." in body
    assert "Give all three dimensions, or none." in body
    box.refresh_from_db()
    assert box.state == BoxState.OPEN and box.weight_kg is None


def test_after_the_acknowledgement_the_screen_packs_within_the_accepted_units(w, member_client):
    client = member_client("operator")
    user = client.user
    order = builders.two_line_order(w)
    builders.scan(order, user, soap=2)
    Box.objects.filter(order=order).update(state=BoxState.CLOSED)
    order = builders.acknowledge(order, user)
    Box.objects.filter(order=order).update(state=BoxState.OPEN)
    from vendorflow.shipping.models import BoxItem

    BoxItem.objects.filter(box__order=order).delete()  # the units came out again
    page = client.get(f"/orders/{order.pk}/scan/")
    assert "<h1>Pack PO PO1</h1>" in page.content.decode()
    packed = client.post(f"/shipments/orders/{order.pk}/pack/", {"barcode": "8901000000011"}, **HX)
    assert "into box 1 — 1 of 2 packed" in packed.content.decode()
    client.post(f"/shipments/orders/{order.pk}/pack/", {"barcode": "8901000000011"}, **HX)
    refused = client.post(f"/shipments/orders/{order.pk}/pack/", {"barcode": "8901000000011"}, **HX)
    assert "Line 1 has 0 accepted eaches left to pack; 1 is too many." in refused.content.decode()
    assert 'data-ok="0"' in refused.content.decode()
    assert BoxItem.objects.get(box__order=order).quantity_eaches == 2


def test_the_order_page_shows_each_box_and_a_viewer_cannot_reopen(w, member_client, client):
    operator = member_client("operator")
    order = builders.two_line_order(w)
    operator.post(f"/orders/{order.pk}/scan/", {"barcode": "8901000000011"}, **HX)
    box = order.boxes.get()
    operator.post(f"/shipments/boxes/{box.pk}/close/", {}, **HX)
    page = operator.get(f"/orders/{order.pk}/")
    body = page.content.decode()
    assert 'id="box-1"' in body
    assert "<b>L1</b> SKU-1 × 1" in body
    assert "Reopen" in body
    viewer = member_client("viewer")
    refused = viewer.post(f"/shipments/boxes/{box.pk}/reopen/", {"reason": "x"})
    assert refused.status_code == 403
    box.refresh_from_db()
    assert box.state == BoxState.CLOSED


def test_another_organizations_box_is_not_found(w, member_client, other_org):
    order = builders.two_line_order(w)
    builders.scan(order, builders.packer(w.org), soap=1)
    box = order.boxes.get()
    stranger = member_client("admin", organization=other_org)
    assert stranger.post(f"/shipments/boxes/{box.pk}/close/", {}).status_code == 404
    assert stranger.get(f"/shipments/orders/{order.pk}/labels/").status_code == 404
    box.refresh_from_db()
    assert box.state == BoxState.OPEN


def test_labels_print_as_a_page_and_a_pdf(w, member_client):
    client = member_client("viewer")
    order = builders.two_line_order(w)
    builders.scan(order, builders.packer(w.org), soap=2, brush=1)
    page = client.get(f"/shipments/orders/{order.pk}/labels/")
    body = page.content.decode()
    assert "<b>1 of 1</b>" in body
    assert "SKU-1 × 2" in body and "SKU-2 × 1" in body
    assert "CID C0000000001" in body
    pdf = client.get(f"/shipments/orders/{order.pk}/labels.pdf?paper=label")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
