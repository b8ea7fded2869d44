"""Orders and their lines exported as CSV and JSON, filtered as the list is, from API and CLI."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from tests import factories
from tests.warehouse.builders import order_for, soap_line, world


@pytest.fixture
def w(org):
    w = world(org)
    evil = factories.make_product(org, "=CMD()", barcodes=["8901000000035"])
    order_for(
        w,
        [soap_line(product=w.soap, scanned_eaches=4), {"asin": "B0EVIL0001", "product": evil}],
        po_number="OPEN0001",
    )
    order_for(w, [{"asin": "B0BRUSH002", "product": w.brush}], po_number="ACKD0001",
              status="acknowledged")  # fmt: skip
    return w


def body(response) -> str:
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content).decode()


def test_lines_csv_has_one_row_per_line_of_the_filtered_orders(w, member_client):
    text = body(member_client("viewer").get("/api/v1/orders/lines/export.csv?status=open"))
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:7] == [
        "po_number", "status", "fc", "item_sequence_number", "asin", "vendor_product_id", "sku",
    ]  # fmt: skip
    assert [(row[0], row[3], row[6], row[11]) for row in table[1:]] == [
        ("OPEN0001", "1", "SKU-1", "4"),
        ("OPEN0001", "2", "'=CMD()", "0"),  # never a formula
    ]


def test_lines_json_keeps_numbers_and_nulls(w, member_client):
    text = body(member_client("viewer").get("/api/v1/orders/lines/export.json?sku=SKU-2"))
    assert json.loads(text) == [
        {
            "po_number": "ACKD0001", "status": "acknowledged", "fc": "BLR7",
            "item_sequence_number": "1", "asin": "B0BRUSH002", "vendor_product_id": "",
            "sku": "SKU-2", "unit_of_measure": "Eaches", "unit_size": 1, "ordered_quantity": 10,
            "ordered_eaches": 10, "scanned_eaches": 0, "net_cost": "100.0000", "currency": "INR",
            "ack_accepted": None, "ack_rejected": None, "ack_rejection_reason": "",
            "amazon_accepted": None, "amazon_rejected": None,
        }
    ]  # fmt: skip


def test_orders_json_has_the_csv_columns(w, member_client):
    text = body(member_client("viewer").get("/api/v1/orders/export.json?po_number=OPEN0001"))
    [order] = json.loads(text)
    assert (
        order["po_number"],
        order["lines"],
        order["scanned_eaches"],
        order["needs_mapping"],
    ) == (
        "OPEN0001",
        2,
        4,
        False,
    )
    assert json.loads(body(member_client("viewer").get("/api/v1/orders/export.json?fc=X"))) == []


def test_the_cli_exports_lines_as_json(w, org):
    out = io.StringIO()
    call_command(
        "export_orders", "--organization", org.slug, "--lines", "--format", "json",
        "--po-number", "OPEN0001", stdout=out,
    )  # fmt: skip
    assert [(li["item_sequence_number"], li["sku"]) for li in json.loads(out.getvalue())] == [
        ("1", "SKU-1"),
        ("2", "=CMD()"),
    ]
