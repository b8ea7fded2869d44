import pytest

from tests.catalog.builders import CASE_A, EAN8, EAN13_A, UPC_A
from vendorflow.catalog.barcodes import (
    BarcodeError,
    check_digit,
    gtin14,
    split_barcodes,
    validate_case_gtin,
    validate_gtin,
)


@pytest.mark.parametrize(
    ("body", "digit"),
    [("400638133393", 1), ("03600029145", 2), ("9638507", 4), ("1890123456789", 7)],
)
def test_check_digit_follows_gs1_weights(body, digit):
    assert check_digit(body) == digit


@pytest.mark.parametrize("code", [EAN8, UPC_A, EAN13_A, CASE_A, " 4006381333931 "])
def test_valid_codes_of_every_length_pass_trimmed(code):
    assert validate_gtin(code) == code.strip()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("4006381333932", "4006381333932: wrong check digit (expected 1, got 2)"),
        ("036000291453", "036000291453: wrong check digit (expected 2, got 3)"),
        (
            "12345",
            "12345: must have 8 (EAN-8), 12 (UPC-A), 13 (EAN-13) or 14 (GTIN-14) digits; it has 5",
        ),
        ("890123456789O", "890123456789O: a barcode may contain only digits"),
        (
            "８９０１２３４５６７８９０",
            "８９０１２３４５６７８９０: a barcode may contain only digits",
        ),
    ],
)
def test_invalid_codes_say_what_is_wrong(code, message):
    with pytest.raises(BarcodeError) as exc:
        validate_gtin(code)
    assert str(exc.value) == message


def test_case_barcode_must_be_a_gtin14():
    assert validate_case_gtin(CASE_A) == CASE_A
    with pytest.raises(BarcodeError) as exc:
        validate_case_gtin(EAN13_A)
    assert str(exc.value) == f"{EAN13_A}: a GTIN-14 has 14 digits; it has 13"


def test_upc_ean_and_gtin14_forms_compare_equal():
    assert gtin14(UPC_A) == gtin14("0" + UPC_A) == gtin14("00" + UPC_A) == "00036000291452"
    assert gtin14("SKU-1") == "SKU-1"


def test_split_trims_drops_blanks_and_repeats_including_padded_forms():
    text = f" {EAN13_A} ,\n\n{EAN13_A}, 0{UPC_A}\n{UPC_A},"
    assert split_barcodes(text) == [EAN13_A, "0" + UPC_A]
