"""The printable PO sheet: PO, FC, customer, windows, lines with barcodes, and what was accepted
and rejected once acknowledged; as a page, a PDF, over the API and from the CLI."""

import io
import re

import pytest
from pypdf import PdfReader

from tests.warehouse.builders import order_for, soap_line, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(org):
    w = world(org)
    return order_for(
        w,
        [
            soap_line(
                product=w.soap,
                ordered_quantity=3,
                unit_of_measure="Cases",
                unit_size=12,
                scanned_eaches=24,
                ack_accepted=2,
                ack_rejected=1,
            ),
            {"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": 5},
        ],
        status="acknowledged",
    )


def _text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def test_a_viewer_sees_the_sheet_with_lines_barcodes_and_acknowledged_quantities(
    order, member_client
):
    page = member_client("viewer").get(f"/orders/{order.pk}/sheet/").content.decode()
    assert "<h1>PO 4Z32PABC</h1>" in page
    assert "<dt>FC (ship to)</dt><dd>BLR7</dd>" in page
    assert "<dt>Customer</dt><dd>Amazon AMZ-BLR7 (AMZ-BLR7)</dd>" in page
    cells = re.findall(r'<td data-label="(Ordered|Scanned|Accepted|Rejected)">([^<]*)</td>', page)
    assert cells == [
        ("Ordered", "3 cases of 12"),
        ("Scanned", "2 cases of 12"),
        ("Accepted", "2 cases"),
        ("Rejected", "1 case"),
        ("Ordered", "5 eaches"),
        ("Scanned", "0 eaches"),
        ("Accepted", "—"),
        ("Rejected", "—"),
    ]
    assert 'alt="Code 128 4Z32PABC" data-code="4Z32PABC"' in page
    assert 'alt="Code 128 8901000000028" data-code="8901000000028"' in page
    assert " style=" not in page


def test_the_pdf_from_the_page_the_api_and_the_cli(order, member_client, org, tmp_path):
    from django.core.management import call_command

    client = member_client("viewer")
    for url in (f"/orders/{order.pk}/sheet.pdf", f"/api/v1/orders/{order.pk}/sheet.pdf"):
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf", url
        assert response["Content-Disposition"] == 'inline; filename="po-4Z32PABC.pdf"'
        text = _text(response.content)
        assert "PO 4Z32PABC" in text and "3 cases of 12 2 cases of 12 2 cases 1 case" in text
    out = tmp_path / "po.pdf"
    stdout = io.StringIO()
    call_command(
        "po_sheet", f"--organization={org.slug}", "--po=4Z32PABC", f"--out={out}", stdout=stdout
    )
    assert stdout.getvalue().strip() == f"Wrote {out}: PO 4Z32PABC, 2 lines."
    assert "PO 4Z32PABC" in _text(out.read_bytes())


def test_another_organization_gets_404(order, member_client, other_org):
    client = member_client("viewer", organization=other_org)
    assert client.get(f"/orders/{order.pk}/sheet/").status_code == 404
    assert client.get(f"/orders/{order.pk}/sheet.pdf").status_code == 404
