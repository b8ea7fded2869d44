import filecmp
import hashlib
from pathlib import Path

import pytest

from vendorflow.integrations.amazon import spec

SHARED = Path(__file__).resolve().parents[3] / "shared" / "reference" / "sp-api"


# SHA-256 of Amazon's official model files (the reference copies in ../shared/reference/sp-api),
# so the bundled copies are checked also where no reference copy sits beside the checkout.
OFFICIAL_SHA256 = {
    "vendorOrders.json": "bd06d1ac68146ad98e81fb66b79d2b55b6a7c8a16ebb5c6d6087ec17daca11eb",
    "vendorTransactionStatus.json": (
        "c0adee3ed9281a1043ad896c003a3d23017ca8e385abc9f8e6a048ecf46357a5"
    ),
    "LICENSE.txt": "e4a60a92a7384abe682d94276ef2ba1c9edca1952e8aaf2469e22f708a3b7f8d",
}


@pytest.mark.parametrize("name", sorted(OFFICIAL_SHA256))
def test_bundled_models_are_the_official_files_unmodified(name):
    bundled = spec.SPEC_DIR / name
    assert hashlib.sha256(bundled.read_bytes()).hexdigest() == OFFICIAL_SHA256[name]
    if SHARED.exists():  # the reference copy beside the checkout, where there is one
        assert filecmp.cmp(bundled, SHARED / name, shallow=False)


def test_valid_acknowledgement_request_has_no_problems():
    body = {
        "acknowledgements": [
            {
                "purchaseOrderNumber": "4Z32PABC",
                "sellingParty": {"partyId": "VEND1"},
                "acknowledgementDate": "2026-11-27T10:00:00Z",
                "items": [
                    {
                        "itemSequenceNumber": "1",
                        "amazonProductIdentifier": "B07XYZ1234",
                        "orderedQuantity": {"amount": 10, "unitOfMeasure": "Eaches"},
                        "netCost": {"currencyCode": "INR", "amount": "120.50"},
                        "itemAcknowledgements": [
                            {
                                "acknowledgementCode": "Accepted",
                                "acknowledgedQuantity": {"amount": 10, "unitOfMeasure": "Eaches"},
                            }
                        ],
                    }
                ],
            }
        ]
    }
    assert spec.problems(spec.ORDERS, "SubmitAcknowledgementRequest", body) == []


def test_bad_enum_and_missing_field_are_named_with_their_path():
    body = {
        "acknowledgements": [
            {
                "purchaseOrderNumber": "4Z32PABC",
                "sellingParty": {"partyId": "VEND1"},
                "acknowledgementDate": "not a date",
                "items": [
                    {
                        "orderedQuantity": {"amount": 10, "unitOfMeasure": "Boxes"},
                        "itemAcknowledgements": [],
                    }
                ],
            }
        ]
    }
    found = spec.problems(spec.ORDERS, "SubmitAcknowledgementRequest", body)
    assert "acknowledgements.0.acknowledgementDate: 'not a date' is not a 'date-time'" in found
    assert (
        "acknowledgements.0.items.0.orderedQuantity.unitOfMeasure: 'Boxes' is not one of "
        "['Cases', 'Eaches']" in found
    )
    with pytest.raises(spec.SpecViolation):
        spec.validate(spec.ORDERS, "SubmitAcknowledgementRequest", body)


def test_query_parameters_are_checked_against_the_operation():
    path = "/vendor/orders/v1/purchaseOrders"
    ok = {"limit": "100", "includeDetails": "true", "createdAfter": "2026-11-20T00:00:00Z"}
    assert spec.query_problems(spec.ORDERS, path, "get", ok) == []
    bad = {"limit": "101", "includeDetails": "yes", "createdAfter": "2026-11-20", "foo": "1"}
    assert spec.query_problems(spec.ORDERS, path, "get", bad) == [
        "foo: not a parameter of this operation",
        "limit: 101 is greater than the maximum of 100",
        "createdAfter: '2026-11-20' is not an ISO 8601 date-time with a time zone",
        "includeDetails: 'yes' is not true or false",
    ]
