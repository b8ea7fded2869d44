import csv
import io

from tests.factories import make_customer, map_warehouse


def _rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_export_has_header_codes_and_neutralised_formulas(member_client, org):
    customer = make_customer(
        org,
        code="=HYPERLINK(1)",
        name="+Plus",
        city="-Minus",
        contact_email="a@example.com",
        address_line1="@SUM(A1)",
    )
    map_warehouse(org, "BLR7", customer)
    map_warehouse(org, "BLR8", customer)
    response = member_client("viewer").get("/customers/export.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="customers.csv"'
    header, row = _rows(response)
    assert header == [
        "code",
        "name",
        "tax_id",
        "contact_email",
        "contact_phone",
        "address_line1",
        "address_line2",
        "city",
        "state_or_region",
        "postal_code",
        "country_code",
        "warehouse_codes",
    ]
    assert row == [
        "'=HYPERLINK(1)",
        "'+Plus",
        "",
        "a@example.com",
        "",
        "'@SUM(A1)",
        "",
        "'-Minus",
        "",
        "",
        "IN",
        "BLR7|BLR8",
    ]


def test_export_contains_only_own_customers(member_client, org, other_org):
    make_customer(org, code="MINE")
    make_customer(other_org, code="THEIRS")
    rows = _rows(member_client("viewer").get("/customers/export.csv"))
    assert [r[0] for r in rows[1:]] == ["MINE"]


def test_exported_file_imports_back_unchanged(member_client, org):
    from vendorflow.customers import services

    customer = make_customer(org, code="C1", name="One", city="Pune")
    map_warehouse(org, "PNQ1", customer)
    data = b"".join(member_client("viewer").get("/customers/export.csv").streaming_content)
    result = services.import_customers_csv(organization=org, actor=None, data=data)
    assert (result.created, result.updated, result.mapped_codes) == ([], ["C1"], [])
