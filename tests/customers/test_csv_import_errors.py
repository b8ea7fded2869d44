import csv

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.customers.builders import HEADER, csv_file
from tests.factories import make_customer, map_warehouse
from vendorflow.accounts.models import AuditLog
from vendorflow.customers import services
from vendorflow.customers.models import Customer, WarehouseCodeMapping


def _rejected(org, data) -> list[str]:
    before = (
        list(Customer.objects.values_list("code", "name", "contact_email")),
        list(WarehouseCodeMapping.objects.values_list("code", "customer_id")),
        AuditLog.objects.count(),
    )
    with pytest.raises(services.CustomerImportError) as exc:
        services.import_customers_csv(organization=org, actor=None, data=data)
    after = (
        list(Customer.objects.values_list("code", "name", "contact_email")),
        list(WarehouseCodeMapping.objects.values_list("code", "customer_id")),
        AuditLog.objects.count(),
    )
    assert after == before  # nothing written
    return exc.value.errors


def test_every_bad_row_is_listed_and_good_rows_are_not_imported(org):
    data = csv_file(
        "GOOD,Good customer,,,,,,,,,IN,GOOD1",
        ",No code,,,,,,,,,IN,",
        "NONAME,,,,,,,,,,IN,",
        "BADMAIL,Bad mail,,nope@,,,,,,,IN,",
        "BADGST,Bad GSTIN,27AAPFU0939F1ZW,,,,,,,,IN,",
        "BADPHONE,Bad phone,,,12,,,,,,IN,",
    )
    assert _rejected(org, data) == [
        "line 3: code is required",
        "line 4: name is required",
        "line 5: contact_email: Enter a valid email address.",
        "line 6: tax_id: The check character (15th) does not match: expected 'V', got 'W'. "
        "Check for a typo.",
        "line 7: contact_phone: Enter a phone number of 7–15 digits, optionally starting with + "
        "(spaces, dashes, brackets allowed).",
    ]


def test_warehouse_code_listed_twice_in_file(org):
    data = csv_file(
        "A,Alpha,,,,,,,,,IN,BLR7", "B,Beta,,,,,,,,,IN,DEL4|blr7", "C,Gamma,,,,,,,,,IN,X1;x1"
    )
    assert _rejected(org, data) == [
        "line 3: warehouse code BLR7 is listed twice (also on line 2)",
        "line 4: warehouse code X1 is listed twice (also earlier in this row)",
    ]


def test_customer_code_listed_twice_in_file(org):
    data = csv_file("A,Alpha,,,,,,,,,IN,", "A,Alpha again,,,,,,,,,IN,")
    assert _rejected(org, data) == ["line 3: customer code A is also on line 2"]


def test_code_mapped_to_a_customer_not_in_the_file(org):
    map_warehouse(org, "BLR7", make_customer(org, code="OTHER", name="Other buyer"))
    data = csv_file("A,Alpha,,,,,,,,,IN,BLR7")
    assert _rejected(org, data) == [
        "line 2: warehouse code BLR7 is already mapped to customer OTHER (Other buyer), "
        "which is not in this file"
    ]


def test_bad_warehouse_code_and_overlong_value(org):
    data = csv_file("A,Alpha,,,,,,,,,IN,BL R7", f"B,{'n' * 201},,,,,,,,,IN,")
    assert _rejected(org, data) == [
        "line 2: warehouse_codes: 'BL R7' is not a warehouse code: "
        "use letters, digits, '-' or '_'.",
        "line 3: name: Ensure this value has at most 200 characters (it has 201).",
    ]


def test_existing_customer_is_not_changed_when_file_is_rejected(org):
    make_customer(org, code="A", name="Alpha", contact_email="keep@example.com")
    data = csv_file("A,Renamed,,changed@example.com,,,,,,,IN,NEW1", "B,Beta,,bad,,,,,,,IN,")
    assert _rejected(org, data) == ["line 3: contact_email: Enter a valid email address."]
    assert Customer.objects.get(code="A").name == "Alpha"


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (b"code,tax_id\nA,\n", ["line 1: missing column(s): name"]),
        (
            b"code,name,warehouse_code\nA,Alpha,BLR7\n",
            [
                "line 1: unknown column(s): warehouse_code; the columns are: "
                + ", ".join(services.CSV_COLUMNS)
            ],
        ),
        (b"", ["line 1: the file is empty; expected a header row"]),
        (b"\xff\xfe\x00", ["line 1: the file is not UTF-8 text"]),
        ((HEADER + "\n").encode(), ["line 2: no customer rows after the header"]),
    ],
)
def test_unreadable_files(org, data, errors):
    assert _rejected(org, data) == errors


def test_upload_page_lists_line_errors(member_client, org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = member_client("manager")
    upload = SimpleUploadedFile("c.csv", csv_file(",x,,,,,,,,,IN,").encode())
    response = client.post("/customers/import/", {"file": upload})
    assert response.status_code == 422
    assert response.context["errors"] == ["line 2: code is required"]
    assert "line 2: code is required" in response.content.decode()
    assert not Customer.objects.exists()


def test_an_over_long_cell_is_named_by_its_line(member_client, org):
    limit = csv.field_size_limit()
    upload = SimpleUploadedFile("c.csv", f"code,name\nA,Alpha\nB,{'x' * (limit + 1)}\n".encode())
    response = member_client("manager").post("/customers/import/", {"file": upload})
    assert response.status_code == 422
    assert response.context["errors"] == [f"line 3: a cell is longer than {limit} characters"]
    assert not Customer.objects.exists()


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            b"code,name\nA,Alpha\nB,Beta, Bengaluru\n",
            [
                "line 3: 3 cells, but the header has 2 columns; put a cell that contains a comma "
                'in double quotes ("Filter coffee, 500 g")'
            ],
        ),
        (
            b'code,name\nA,"Alpha\nB,Beta\n',
            ['line 2: a cell opens a double quote (") that is never closed'],
        ),
        (
            b"code,name\nA,Al\x00pha\n",
            ["line 2: a NUL character (\\0) is not allowed; save the file as UTF-8 CSV text"],
        ),
    ],
)
def test_broken_lines(org, data, errors):
    assert _rejected(org, data) == errors
