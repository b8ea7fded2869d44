"""The orders CSV from the list, the API and the CLI, and the orders API's paging."""

import csv
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests import factories
from tests.warehouse.builders import order_for, soap_line, world


@pytest.fixture
def w(org):
    w = world(org)
    formula = factories.make_customer(org, "AMZ-EVIL", name="=HYPERLINK(1)")
    order_for(w, [soap_line(product=w.soap, scanned_eaches=4)], po_number="OPEN0001")
    order_for(
        w,
        [soap_line(product=w.soap)],
        po_number="ACKD0001",
        status="acknowledged",
        customer=formula,
    )
    return w


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def streamed(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return b"".join(response.streaming_content).decode()


def test_the_list_exports_its_filters_as_csv(w, member_client):
    viewer = member_client("viewer")
    everything = rows(streamed(viewer.get("/orders/export.csv")))
    assert everything[0][:4] == ["po_number", "status", "customer", "fc"]
    assert [row[0] for row in everything[1:]] == ["ACKD0001", "OPEN0001"]
    open_only = rows(streamed(viewer.get("/orders/export.csv?status=open")))
    assert open_only[1] == [
        "OPEN0001", "open", "Amazon AMZ-BLR7", "BLR7", "", "VEND1",
        open_only[1][6], open_only[1][7], "1", "10", "4", "", "no", "no",
    ]  # fmt: skip
    assert (
        'href="/orders/export.csv?status=open"'
        in viewer.get("/orders/?status=open").content.decode()
    )


def test_exported_cells_never_start_a_formula(w, member_client):
    exported = rows(streamed(member_client("viewer").get("/orders/export.csv?q=ACKD0001")))
    assert exported[1][2] == "'=HYPERLINK(1)"


def test_the_api_exports_the_same_rows(w, member_client):
    client = member_client("viewer")
    api = rows(streamed(client.get("/api/v1/orders/export.csv?status=acknowledged")))
    page = rows(streamed(client.get("/orders/export.csv?status=acknowledged")))
    assert api == page and len(api) == 2


def test_the_cli_exports_an_organizations_orders(w, org, other_org):
    out = io.StringIO()
    call_command("export_orders", "--organization", org.slug, "--status", "open", stdout=out)
    assert [row[0] for row in rows(out.getvalue())] == ["po_number", "OPEN0001"]
    with pytest.raises(CommandError, match="No organization has the slug 'nope'"):
        call_command("export_orders", "--organization", "nope", stdout=io.StringIO())
    theirs = io.StringIO()
    call_command("export_orders", "--organization", other_org.slug, stdout=theirs)
    assert rows(theirs.getvalue()) == [rows(out.getvalue())[0]]


def test_signed_out_visitors_get_no_export(w, client):
    assert client.get("/orders/export.csv").status_code == 302


def test_the_api_pages_by_cursor_past_any_offset(w, member_client):
    client = member_client("viewer")
    for n in range(3):
        order_for(w, [soap_line(product=w.soap)], po_number=f"MORE{n:04d}")
    first = client.get("/api/v1/orders/?limit=2&sort=po_date")
    assert first.status_code == 200 and len(first.json()) == 2
    seen = [o["po_number"] for o in first.json()]
    cursor = first["X-Next-Cursor"]
    while cursor:
        page = client.get(f"/api/v1/orders/?limit=2&sort=po_date&after={cursor}")
        seen += [o["po_number"] for o in page.json()]
        cursor = page.get("X-Next-Cursor")
    assert sorted(seen) == ["ACKD0001", "MORE0000", "MORE0001", "MORE0002", "OPEN0001"]
    offset = client.get("/api/v1/orders/?limit=2&offset=2&sort=po_date").json()
    assert [o["po_number"] for o in offset] == seen[2:4]


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("offset=10001", "offset"),
        ("after=garbage", "page link is not valid"),
        ("offset=2&after=W10", "offset or after"),
        ("sort=price", "sort"),
    ],
)
def test_bad_api_paging_is_a_clear_422(w, member_client, query, problem):
    response = member_client("viewer").get(f"/api/v1/orders/?{query}")
    assert response.status_code == 422
    assert problem in response.content.decode()
