from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from tests.amazon.builders import bare_notice, notice
from vendorflow.integrations.amazon import shipments, spec


def test_a_full_notice_becomes_a_carton_level_confirmation():
    confirmation = shipments.notice_to_confirmation(notice())

    assert confirmation == {
        "shipmentIdentifier": "SHP-ACME-000123",
        "shipmentConfirmationType": "Original",
        "shipmentType": "LessThanTruckLoad",
        "shipmentStructure": "LooseAssortmentCase",
        "shipmentConfirmationDate": "2026-11-23T09:30:15Z",
        "shippedDate": "2026-11-23T09:00:00Z",
        "estimatedDeliveryDate": "2026-11-25T14:00:00Z",
        "sellingParty": {"partyId": "VEND1"},
        "shipFromParty": {"partyId": "ACMEWH1"},
        "shipToParty": {"partyId": "BLR7"},
        "amazonReferenceNumber": "ARN4410021",
        "transportationDetails": {
            "carrierScac": "BLDT",
            "carrierShipmentReferenceNumber": "LR-99812",
        },
        "shipmentMeasurements": {
            "cartonCount": 2,
            "grossShipmentWeight": {"unitOfMeasure": "Kg", "value": "16.7"},
        },
        "shippedItems": [
            {
                "itemSequenceNumber": "1",
                "amazonProductIdentifier": "B0CASE0001",
                "vendorProductIdentifier": "8901234500001",
                "shippedQuantity": {"amount": 2, "unitOfMeasure": "Cases", "unitSize": 12},
                "itemDetails": {"purchaseOrderNumber": "7QK4TXIN"},
            },
            {
                "itemSequenceNumber": "2",
                "amazonProductIdentifier": "B0EACH0002",
                "shippedQuantity": {"amount": 5, "unitOfMeasure": "Eaches", "unitSize": 1},
                "itemDetails": {"purchaseOrderNumber": "7QK4TXIN"},
            },
            {
                "itemSequenceNumber": "3",
                "vendorProductIdentifier": "8901234500003",
                "shippedQuantity": {"amount": 3, "unitOfMeasure": "Eaches", "unitSize": 1},
                "itemDetails": {"purchaseOrderNumber": "8RM5UYJO"},
            },
        ],
        "cartons": [
            {
                "cartonIdentifiers": [
                    {
                        "containerIdentificationType": "SSCC",
                        "containerIdentificationNumber": "089012340000000017",
                    }
                ],
                "cartonSequenceNumber": "1",
                "weight": {"unitOfMeasure": "Kg", "value": "12.5"},
                "dimensions": {
                    "length": "0.6",
                    "width": "0.405",
                    "height": "0.35",
                    "unitOfMeasure": "Meter",
                },
                "items": [
                    {
                        "itemReference": "1",
                        "shippedQuantity": {"amount": 2, "unitOfMeasure": "Cases", "unitSize": 12},
                    }
                ],
            },
            {
                "cartonIdentifiers": [
                    {
                        "containerIdentificationType": "SSCC",
                        "containerIdentificationNumber": "089012340000000024",
                    }
                ],
                "cartonSequenceNumber": "2",
                "weight": {"unitOfMeasure": "Kg", "value": "4.2"},
                "items": [
                    {
                        "itemReference": "2",
                        "shippedQuantity": {"amount": 5, "unitOfMeasure": "Eaches", "unitSize": 1},
                    },
                    {
                        "itemReference": "3",
                        "shippedQuantity": {"amount": 3, "unitOfMeasure": "Eaches", "unitSize": 1},
                    },
                ],
            },
        ],
    }


def test_a_bare_notice_leaves_every_optional_part_out():
    confirmation = shipments.notice_to_confirmation(bare_notice())

    assert set(confirmation) == {
        "shipmentIdentifier",
        "shipmentConfirmationType",
        "shipmentType",
        "shipmentStructure",
        "shipmentConfirmationDate",
        "sellingParty",
        "shipFromParty",
        "shipToParty",
        "shipmentMeasurements",
        "shippedItems",
        "cartons",
    }
    assert confirmation["shipmentMeasurements"] == {"cartonCount": 1}
    assert confirmation["cartons"] == [
        {
            "cartonIdentifiers": [
                {"containerIdentificationType": "CID", "containerIdentificationNumber": "CID-77"}
            ],
            "cartonSequenceNumber": "1",
            "items": [
                {
                    "itemReference": "1",
                    "shippedQuantity": {"amount": 4, "unitOfMeasure": "Eaches", "unitSize": 1},
                }
            ],
        }
    ]


def test_only_the_carrier_or_only_the_tracking_number_is_sent_alone():
    scac_only = shipments.notice_to_confirmation(notice(tracking_number=""))
    tracking_only = shipments.notice_to_confirmation(notice(carrier_scac=""))

    assert scac_only["transportationDetails"] == {"carrierScac": "BLDT"}
    assert tracking_only["transportationDetails"] == {"carrierShipmentReferenceNumber": "LR-99812"}


def test_a_replace_keeps_the_shipment_identifier():
    confirmation = shipments.notice_to_confirmation(notice(confirmation_type="Replace"))

    assert confirmation["shipmentConfirmationType"] == "Replace"
    assert confirmation["shipmentIdentifier"] == "SHP-ACME-000123"


def test_dimensions_need_all_three_sides():
    full = notice()
    two_sides = replace(full.cartons[0], height_cm=None)

    confirmation = shipments.notice_to_confirmation(
        replace(full, cartons=(two_sides, full.cartons[1]))
    )

    assert "dimensions" not in confirmation["cartons"][0]
    assert "dimensions" not in confirmation["cartons"][1]
    assert confirmation["cartons"][0]["weight"] == {"unitOfMeasure": "Kg", "value": "12.5"}


def test_dates_are_sent_in_utc_to_the_second_and_a_naive_one_is_refused():
    india = timezone(timedelta(hours=5, minutes=30))
    confirmation = shipments.notice_to_confirmation(
        notice(shipped_at=datetime(2026, 11, 23, 15, 45, 59, 999999, tzinfo=india))
    )

    assert confirmation["shippedDate"] == "2026-11-23T10:15:59Z"
    with pytest.raises(ValueError, match="has no time zone"):
        shipments.notice_to_confirmation(notice(confirmed_at=datetime(2026, 11, 23, 9, 30)))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("12.50", "12.5"),
        ("300", "300"),
        ("1E+2", "100"),
        ("0.00", "0"),
        ("0.405", "0.405"),
        ("-0", "0"),
    ],
)
def test_decimals_are_plain_digits(value, text):
    assert shipments.decimal_string(Decimal(value)) == text


def test_the_request_wraps_every_confirmation_and_validates_against_the_official_model():
    body = shipments.submit_request(
        [shipments.notice_to_confirmation(n) for n in (notice(), bare_notice())]
    )

    assert [c["shipmentIdentifier"] for c in body["shipmentConfirmations"]] == [
        "SHP-ACME-000123",
        "SHP-2",
    ]
    assert spec.problems(spec.SHIPMENTS, "SubmitShipmentConfirmationsRequest", body) == []
