"""Export cells are formula-safe, and reading them back gives the stored value exactly."""

import pytest

from vendorflow.lib.csvio import read_csv, safe_cell, unquote_cell

VALUES = ["=SUM(A1)", "+91 80 4000 1234", "-7", "@Hub", "|pipe", "%x", "'=kept", "''+x", "plain"]


@pytest.mark.parametrize("value", VALUES)
def test_cell_round_trip(value):
    assert unquote_cell(safe_cell(value)) == value


def test_only_formula_cells_are_quoted():
    assert [safe_cell(v) for v in VALUES] == [
        "'=SUM(A1)",
        "'+91 80 4000 1234",
        "'-7",
        "'@Hub",
        "'|pipe",
        "'%x",
        "''=kept",
        "'''+x",
        "plain",
    ]


def test_a_quote_before_ordinary_text_is_kept():
    assert unquote_cell("'quoted") == "'quoted"
    assert unquote_cell("'") == "'"
    assert unquote_cell("it's") == "it's"


def test_read_csv_unquotes_formula_cells():
    rows = read_csv("code,name\n'-7,'=Dash\nA,'Alpha\n", ["code", "name"])
    assert rows == [(2, {"code": "-7", "name": "=Dash"}), (3, {"code": "A", "name": "'Alpha"})]
