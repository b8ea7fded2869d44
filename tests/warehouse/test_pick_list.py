"""Pick lists for one PO and for a batch: grouped by SKU in bin order, the eaches still to pick in
cases and eaches, the PO each unit goes to (due first), a barcode; bounded and scoped."""

import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader

from tests import factories
from tests.warehouse.builders import PO_DATE, order_for, soap_line, world
from vendorflow.orders import picking

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(org):
    w = world(org)
    w.soap.bin, w.brush.bin = "B-02", "A-01"
    w.soap.save()
    w.brush.save()
    return w


@pytest.fixture
def batch(w):
    """Three open POs: PO-B is due first, then PO-A, then PO-C."""
    a = order_for(
        w,
        [
            soap_line(product=w.soap, ordered_quantity=2, unit_of_measure="Cases", unit_size=12),
            {"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": 5, "scanned_eaches": 2},
        ],
        po_number="PO-A",
    )
    b = order_for(
        w,
        [
            soap_line(product=w.soap, ordered_quantity=10),
            {"asin": "B0UNKNOWN1", "vendor_product_id": "V-9", "ordered_quantity": 3},
        ],
        po_number="PO-B",
        ack_due_at=PO_DATE + timedelta(hours=2),
    )
    c = order_for(
        w,
        [{"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": 4}],
        po_number="PO-C",
        ship_to_code="DEL4",
        ack_due_at=PO_DATE + timedelta(hours=30),
    )
    return a, b, c


def _rows(pick_list):
    return [
        (
            row.product.bin,
            row.product.sku,
            row.eaches,
            row.quantity_text,
            [(d.order.po_number, d.line.item_sequence_number, d.quantity_text) for d in row.drops],
        )
        for row in pick_list.rows
    ]


def test_a_batch_groups_by_sku_in_bin_order_with_the_po_due_first(w, batch, org):
    pick_list = picking.pick_list_for(organization=org, order_ids=[o.pk for o in batch])
    assert pick_list.po_numbers == ["PO-B", "PO-A", "PO-C"]
    assert _rows(pick_list) == [
        ("A-01", "SKU-2", 7, "7 eaches", [("PO-A", "2", "3 eaches"), ("PO-C", "1", "4 eaches")]),
        (
            "B-02",
            "SKU-1",
            34,
            "2 cases of 12 + 10 eaches",
            [("PO-B", "1", "10 eaches"), ("PO-A", "1", "2 cases of 12")],
        ),
    ]
    assert pick_list.eaches == 41
    assert [(line.order.po_number, line.asin) for line in pick_list.unmapped] == [
        ("PO-B", "B0UNKNOWN1")
    ]
    # SKU-1's first barcode by code has a wrong check digit for EAN-13: it prints as Code 128.
    assert [(r.barcode.code, r.barcode.symbology) for r in pick_list.rows] == [
        ("8901000000028", "Code 128"),
        ("0890100000011", "Code 128"),
    ]


def test_the_batch_page_shows_every_line(w, batch, member_client):
    a, b, c = batch
    page = (
        member_client("operator")
        .get(f"/orders/pick-list/?orders={a.pk}&orders={b.pk},{c.pk}")
        .content.decode()
    )
    assert "<h1>Pick list · 3 POs</h1>" in page
    rows = re.findall(r'<tr class="pick-row" id="pick-([\w-]+)">', page)
    assert rows == ["sku-2", "sku-1"]
    drops = re.findall(r"<li>PO <b>([\w-]+)</b> · (\w+) · line (\d+): ([^<]+)</li>", page)
    assert drops == [
        ("PO-A", "BLR7", "2", "3 eaches"),
        ("PO-C", "DEL4", "1", "4 eaches"),
        ("PO-B", "BLR7", "1", "10 eaches"),
        ("PO-A", "BLR7", "1", "2 cases of 12"),
    ]
    assert (
        '<b class="pick-eaches">34 eaches</b><div class="pick-cases">2 cases of 12 + 10 eaches'
        in page
    )
    assert 'alt="Code 128 8901000000028" data-code="8901000000028"' in page
    assert "PO <b>PO-B</b> line 2: ASIN B0UNKNOWN1 / V-9, 3 eaches" in page
    assert " style=" not in page


def test_scanned_units_are_not_picked_again_and_a_done_line_drops_out(w, batch, org):
    a, _, _ = batch
    a.lines.filter(item_sequence_number="1").update(scanned_eaches=24)
    pick_list = picking.pick_list_for(organization=org, order_ids=[a.pk])
    assert _rows(pick_list) == [("A-01", "SKU-2", 3, "3 eaches", [("PO-A", "2", "3 eaches")])]


def test_a_batch_over_the_cap_is_refused_before_reading_orders(
    batch, member_client, django_assert_max_num_queries
):
    ids = "&".join(f"orders={n}" for n in range(1, picking.MAX_BATCH + 2))
    client = member_client("operator")
    with django_assert_max_num_queries(4):  # session, user, membership, organization only
        response = client.get(f"/orders/pick-list/?{ids}")
    assert response.status_code == 422
    assert response.context["errors"] == ["A pick list takes at most 200 orders; 201 were chosen."]


def test_another_organizations_order_and_a_closed_one_are_refused(
    w, batch, member_client, other_org
):
    other = world(other_org)
    theirs = order_for(other, [soap_line(product=other.soap)], po_number="THEIRS")
    a, b, _ = batch
    client = member_client("operator")
    response = client.get(f"/orders/pick-list/?orders={a.pk}&orders={theirs.pk}")
    assert response.status_code == 422
    assert response.context["errors"] == ["Some of the chosen orders do not exist."]
    assert "THEIRS" not in response.content.decode()
    assert client.get(f"/orders/{theirs.pk}/pick-list/").status_code == 404
    b.status = "acknowledged"
    b.save()
    response = client.get(f"/orders/pick-list/?orders={a.pk}&orders={b.pk}")
    assert response.context["errors"] == ["Only open orders are picked; not open: PO-B."]
    nonsense = client.get("/orders/pick-list/?orders=abc&orders=99999999999999999999")
    assert nonsense.context["errors"] == ["Some of the chosen orders do not exist."]
    assert client.get("/orders/pick-list/").context["errors"] == ["Choose at least one order."]


def test_ticked_orders_go_to_the_batch_page_and_a_viewer_may_not_pick(batch, member_client):
    a, b, _ = batch
    response = member_client("operator").post("/orders/pick-list/select/", {"orders": [a.pk, b.pk]})
    assert response.status_code == 302
    assert response["Location"] == f"/orders/pick-list/?orders={a.pk}&orders={b.pk}"
    viewer = member_client("viewer")
    assert viewer.get(f"/orders/pick-list/?orders={a.pk}").status_code == 403
    assert viewer.get(f"/orders/{a.pk}/pick-list/").status_code == 403


def _pdf_text(content: bytes) -> str:
    """The PDF's words, one space apart (a cell's text wraps where its column ends)."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def test_the_pdf_has_every_line(w, batch, member_client):
    a, b, c = batch
    response = member_client("operator").get(
        f"/orders/pick-list.pdf?orders={a.pk}&orders={b.pk}&orders={c.pk}"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="pick-list.pdf"'
    text = _pdf_text(response.content)
    for expected in (
        "Pick list · 3 POs",
        "SKU-2",
        "SKU-1",
        "2 cases of 12 + 10 eaches",
        "PO PO-A · BLR7 · line 2: 3 eaches",
        "PO PO-C · DEL4 · line 1: 4 eaches",
        "PO PO-B · BLR7 · line 1: 10 eaches",
        "PO PO-A · BLR7 · line 1: 2 cases of 12",
        "PO PO-B line 2: ASIN B0UNKNOWN1 / V-9, 3 eaches",
    ):
        assert expected in text, expected


def test_the_label_pdf_is_4_by_6_inches(batch, member_client):
    a, _, _ = batch
    response = member_client("operator").get(f"/orders/{a.pk}/pick-list.pdf?paper=label")
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (288, 432)
    a4 = member_client("operator").get(f"/orders/{a.pk}/pick-list.pdf")
    page = PdfReader(io.BytesIO(a4.content)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_the_api_gives_the_batch_as_json_and_pdf(w, batch, member_client):
    a, b, c = batch
    api = member_client("operator")
    body = api.get(f"/api/v1/orders/pick-list?orders={a.pk}&orders={b.pk}&orders={c.pk}").json()
    assert [o["po_number"] for o in body["orders"]] == ["PO-B", "PO-A", "PO-C"]
    assert body["eaches"] == 41
    soap = body["rows"][1]
    assert {k: soap[k] for k in ("sku", "bin", "eaches", "case_size", "cases", "loose_eaches")} == {
        "sku": "SKU-1",
        "bin": "B-02",
        "eaches": 34,
        "case_size": 12,
        "cases": 2,
        "loose_eaches": 10,
    }
    assert [(d["po_number"], d["eaches"]) for d in soap["drops"]] == [("PO-B", 10), ("PO-A", 24)]
    assert body["unmapped"] == [
        {
            "order_id": b.pk,
            "po_number": "PO-B",
            "item_sequence_number": "2",
            "asin": "B0UNKNOWN1",
            "vendor_product_id": "V-9",
            "eaches": 3,
        }
    ]
    pdf = api.get(f"/api/v1/orders/{a.pk}/pick-list.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    too_many = "&".join(f"orders={n}" for n in range(1, 202))
    refused = api.get(f"/api/v1/orders/pick-list?{too_many}")
    assert refused.status_code == 422
    assert refused.json() == {
        "detail": {"orders": ["A pick list takes at most 200 orders; 201 were chosen."]}
    }


def test_the_cli_writes_the_pdf_and_names_an_unknown_po(w, batch, org, tmp_path):
    from django.core.management import CommandError, call_command

    out = tmp_path / "pick.pdf"
    stdout = io.StringIO()
    call_command(
        "pick_list",
        f"--organization={org.slug}",
        "--po=PO-A",
        "--po=PO-C",
        f"--out={out}",
        stdout=stdout,
    )
    assert stdout.getvalue().strip() == f"Wrote {out}: 2 POs, 2 SKUs, 31 eaches."
    assert "PO PO-C · DEL4 · line 1: 4 eaches" in _pdf_text(out.read_bytes())
    with pytest.raises(CommandError, match="^No order with PO number NOPE.$"):
        call_command(
            "pick_list", f"--organization={org.slug}", "--po=PO-A", "--po=NOPE", f"--out={out}"
        )
    factories.make_org("Other")
    with pytest.raises(CommandError, match="^No organization has the slug 'nobody'.$"):
        call_command("pick_list", "--organization=nobody", "--po=PO-A", f"--out={out}")


def test_the_batch_page_reads_the_same_few_queries_for_3_or_12_pos(w, member_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    orders = [
        order_for(
            w,
            [
                soap_line(product=w.soap, ordered_quantity=2),
                {"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": 3},
            ],
            po_number=f"PO-{n:02}",
        )
        for n in range(12)
    ]
    client = member_client("operator")

    def queries(batch) -> int:
        query = "&".join(f"orders={order.pk}" for order in batch)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/orders/pick-list/?{query}").status_code == 200
        return len(captured)

    assert queries(orders[:3]) == queries(orders) <= 8


def test_the_csv_has_a_row_per_po_line_and_no_formulas(w, batch, member_client, tmp_path, org):
    import csv

    from django.core.management import call_command

    from tests.catalog.builders import csv_body

    a, b, c = batch
    w.brush.name = "=HYPERLINK(1)"
    w.brush.save()
    query = f"orders={a.pk}&orders={b.pk}&orders={c.pk}"
    client = member_client("operator")
    expected = [
        "bin,sku,name,barcode,sku_eaches,sku_cases,case_size,po_number,fc,item_sequence_number,"
        "eaches",
        "A-01,SKU-2,'=HYPERLINK(1),8901000000028,7,,,PO-A,BLR7,2,3",
        "A-01,SKU-2,'=HYPERLINK(1),8901000000028,7,,,PO-C,DEL4,1,4",
        "B-02,SKU-1,Product SKU-1,0890100000011,34,2,12,PO-B,BLR7,1,10",
        "B-02,SKU-1,Product SKU-1,0890100000011,34,2,12,PO-A,BLR7,1,24",
    ]
    assert csv_body(client.get(f"/orders/pick-list.csv?{query}")).splitlines() == expected
    api = csv_body(client.get(f"/api/v1/orders/pick-list.csv?{query}"))
    assert api.splitlines() == expected
    out = tmp_path / "pick.csv"
    call_command(
        "pick_list",
        f"--organization={org.slug}",
        "--po=PO-A",
        "--po=PO-B",
        "--po=PO-C",
        f"--out={out}",
        stdout=io.StringIO(),
    )
    with out.open(newline="") as file:
        assert [",".join(row) for row in csv.reader(file)] == expected


def test_the_order_page_offers_a_pick_list_for_open_orders_to_operators_only(batch, member_client):
    a, b, _ = batch
    operator = member_client("operator")
    assert f'href="/orders/{a.pk}/pick-list/"' in operator.get(f"/orders/{a.pk}/").content.decode()
    viewer = member_client("viewer").get(f"/orders/{a.pk}/").content.decode()
    assert "/pick-list/" not in viewer and f'href="/orders/{a.pk}/sheet/"' in viewer
    b.status = "acknowledged"
    b.save()
    assert "/pick-list/" not in operator.get(f"/orders/{b.pk}/").content.decode()
