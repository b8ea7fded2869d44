import pytest

from vendorflow.shipping import sscc

# GS1 General Specifications, "Check digit calculation" (§7.9): the worked SSCC example
# 3 7610425 002123456 → 9, and the GTIN-13 example 629104150021 → 3 (the same mod-10 rule).
PUBLISHED = [("37610425002123456", 9), ("629104150021", 3)]


@pytest.mark.parametrize(("body", "digit"), PUBLISHED)
def test_check_digit_matches_gs1_examples(body, digit):
    assert sscc.check_digit(body) == digit


def test_an_sscc_is_valid_only_with_its_check_digit():
    assert sscc.is_valid("376104250021234569")
    assert not sscc.is_valid("376104250021234568")
    assert not sscc.is_valid("37610425002123456")  # 17 digits
    assert not sscc.is_valid("37610425002123456X")


def test_build_fills_the_serial_reference_then_adds_the_check_digit():
    assert sscc.build(extension_digit=3, company_prefix="7610425", serial=2123456) == (
        "376104250021234569"
    )
    assert sscc.build(extension_digit=0, company_prefix="8901234567", serial=7) == (
        "08901234567000007" + str(sscc.check_digit("08901234567000007"))
    )
    assert sscc.human("376104250021234569") == "(00) 3 7610425002123456 9"


def test_build_refuses_what_does_not_fit():
    with pytest.raises(sscc.SsccError, match="7 to 10 digits"):
        sscc.build(extension_digit=0, company_prefix="123456", serial=1)
    with pytest.raises(sscc.SsccError, match="room for 999,999 serials"):
        sscc.build(extension_digit=0, company_prefix="8901234567", serial=1_000_000)
    with pytest.raises(sscc.SsccError, match="one digit"):
        sscc.build(extension_digit=10, company_prefix="8901234", serial=1)
    with pytest.raises(sscc.SsccError, match="does not fit"):
        sscc.build(extension_digit=0, company_prefix="8901234", serial=0)
