"""A line that is not valid CSV rejects the file with its line number, never silently."""

import csv

import pytest

from vendorflow.lib.csvio import CsvFormatError, read_csv

LIMIT = csv.field_size_limit()


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (
            "sku,name\nA,Tea\nB,Coffee, 500 g\nC,Oats\n",
            3,
            "3 cells, but the header has 2 columns; put a cell that contains a comma in double "
            'quotes ("Filter coffee, 500 g")',
        ),
        (
            'sku,name\nA,Tea\nB,"Coffee\nC,Oats\nD,Honey\n',
            3,
            'a cell opens a double quote (") that is never closed',
        ),
        (
            'sku,name\nA,"Tea" leaves\n',
            2,
            'a quoted cell goes on after its closing quote; write "" for a quote inside it',
        ),
        (
            f"sku,name\nA,Tea\nB,{'x' * (LIMIT + 1)}\n",
            3,
            f"a cell is longer than {LIMIT} characters",
        ),
        (
            "sku,name\nA,Tea\nB,Cof\x00fee\n",
            3,
            "a NUL character (\\0) is not allowed; save the file as UTF-8 CSV text",
        ),
        (f"sku,{'n' * (LIMIT + 1)}\nA,Tea\n", 1, f"a cell is longer than {LIMIT} characters"),
    ],
)
def test_broken_line_is_named(text, line, reason):
    with pytest.raises(CsvFormatError) as exc:
        read_csv(text.encode(), ["sku", "name"])
    assert (exc.value.line, exc.value.reason) == (line, reason)
    assert str(exc.value) == f"line {line}: {reason}"


def test_utf16_without_bom_is_refused_on_line_1():
    with pytest.raises(CsvFormatError) as exc:
        read_csv("sku,name\nA,Tea\n".encode("utf-16-le"), ["sku", "name"])
    assert str(exc.value) == (
        "line 1: a NUL character (\\0) is not allowed; save the file as UTF-8 CSV text"
    )


def test_blank_trailing_cells_and_short_rows_are_fine():
    rows = read_csv(b'sku,name\nA,Tea,,\nB\nC,"Coffee, 500 g"\n', ["sku", "name"])
    assert rows == [
        (2, {"sku": "A", "name": "Tea"}),
        (3, {"sku": "B", "name": ""}),
        (4, {"sku": "C", "name": "Coffee, 500 g"}),
    ]


def test_a_quote_inside_an_unquoted_cell_is_text():
    assert read_csv(b'sku,name\nA,5" tray\n', ["sku", "name"]) == [
        (2, {"sku": "A", "name": '5" tray'})
    ]


def test_whole_file_problems_keep_their_message_without_a_line():
    with pytest.raises(CsvFormatError) as exc:
        read_csv(b"sku\nA\n", ["sku", "name"])
    assert (str(exc.value), exc.value.line) == ("missing column(s): name", 1)


def test_a_column_outside_the_known_ones_is_named_with_the_columns_there_are():
    with pytest.raises(CsvFormatError) as exc:
        read_csv(
            b"sku,name,barcode,notes\nA,Tea,123,\n", ["sku", "name"], ["sku", "name", "barcodes"]
        )
    assert (str(exc.value), exc.value.line) == (
        "unknown column(s): barcode, notes; the columns are: sku, name, barcodes",
        1,
    )


def test_a_column_named_twice_is_refused_rather_than_one_of_them_winning():
    with pytest.raises(CsvFormatError) as exc:
        read_csv(b"sku,Name,name\nA,Tea,Coffee\n", ["sku", "name"])
    assert (str(exc.value), exc.value.line) == ("column(s) named more than once: name", 1)


def test_known_columns_in_any_order_and_case_and_a_blank_trailing_header_are_fine():
    rows = read_csv(b"NAME,Sku,\nTea,A,\n", ["sku", "name"], ["sku", "name", "barcodes"])
    assert rows == [(2, {"name": "Tea", "sku": "A"})]
