import pytest

from vendorflow.customers.validators import gstin_problem, phone_problem


def test_valid_gstin_passes():
    assert gstin_problem("27AAPFU0939F1ZV") is None
    assert gstin_problem("29AAGCB7383J1Z4") is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("27AAPFU0939F1Z", "A GSTIN has 15 characters; this one has 14."),
        ("27AAPFU0939F1Z-", "A GSTIN has only letters and digits."),
        ("X7AAPFU0939F1ZV", "A GSTIN starts with a 2-digit state code (e.g. 29); got 'X7'."),
        ("00AAPFU0939F1ZV", "A GSTIN starts with a 2-digit state code (e.g. 29); got '00'."),
        (
            "271APFU0939F1ZV",
            "Characters 3–12 must be a PAN (5 letters, 4 digits, 1 letter); got '1APFU0939F'.",
        ),
        ("27AAPFU0939F1YV", "The 14th character of a GSTIN is 'Z'; got 'Y'."),
        (
            "27AAPFU0939F1ZW",
            "The check character (15th) does not match: expected 'V', got 'W'. Check for a typo.",
        ),
    ],
)
def test_invalid_gstin_says_what_is_wrong(value, problem):
    assert gstin_problem(value) == problem


@pytest.mark.parametrize("phone", ["+91 80 4000 1234", "(080) 4000-1234", "9876543210"])
def test_valid_phones(phone):
    assert phone_problem(phone) is None


@pytest.mark.parametrize("phone", ["12345", "call me", "+91 80 4000 1234 5678 90"])
def test_invalid_phones(phone):
    assert phone_problem(phone) is not None
