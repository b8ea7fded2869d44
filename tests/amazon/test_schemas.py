from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from pydantic import ValidationError

from tests.amazon.builders import load_payload
from vendorflow.integrations.amazon import schemas, spec


def test_windows_parse_into_aware_utc_pairs_and_serialise_back():
    details = schemas.Order.from_amazon(load_payload("po_india_cases_eaches.json")).order_details

    assert details.ship_window == (
        datetime(2026, 11, 22, tzinfo=UTC),
        datetime(2026, 11, 26, 23, 59, 59, tzinfo=UTC),
    )
    assert details.ship_window.start.tzinfo is UTC
    assert str(details.ship_window) == "2026-11-22T00:00:00Z--2026-11-26T23:59:59Z"
    assert details.to_amazon()["deliveryWindow"] == "2026-11-24T00:00:00Z--2026-11-28T23:59:59Z"


def test_window_with_offsets_is_normalised_to_utc():
    window = schemas.parse_window("2026-11-22T05:30:00+05:30--2026-11-23T05:30:00+05:30")

    assert window == schemas.Window(
        datetime(2026, 11, 22, tzinfo=UTC), datetime(2026, 11, 23, tzinfo=UTC)
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2026-11-22T00:00:00Z", "is not an interval 'start--end'"),
        ("2026-11-22T00:00:00--2026-11-23T00:00:00Z", "has no time zone"),
        ("2026-11-23T00:00:00Z--2026-11-22T00:00:00Z", "ends before it starts"),
    ],
)
def test_bad_windows_are_refused_with_the_reason(text, problem):
    with pytest.raises(ValueError, match=problem):
        schemas.parse_window(text)


def test_enums_are_read_in_any_case_and_written_in_the_official_spelling():
    quantity = schemas.ItemQuantity.model_validate(
        {"amount": 2, "unitOfMeasure": "CASES", "unitSize": 6}
    )
    status = schemas.Transaction.model_validate({"transactionId": "t", "status": "processing"})

    assert quantity.unit_of_measure is schemas.UnitOfMeasure.CASES
    assert quantity.to_amazon() == {"amount": 2, "unitOfMeasure": "Cases", "unitSize": 6}
    assert status.status is schemas.TransactionState.PROCESSING


def test_money_is_decimal_and_sent_as_a_decimal_string():
    money = schemas.Money.model_validate({"currencyCode": "INR", "amount": "1250.50"})

    assert money.amount == Decimal("1250.50")
    assert money.to_amazon() == {"currencyCode": "INR", "amount": "1250.50"}
    assert schemas.Money(amount=Decimal("1E+2")).to_amazon() == {"amount": "100"}
    assert (
        spec.problems(spec.ORDERS, "Money", schemas.Money(amount=Decimal("1E+2")).to_amazon()) == []
    )


def test_item_sequence_number_stays_a_string_with_its_zeros():
    item = load_payload("po_india_cases_eaches.json")["orderDetails"]["items"][0]

    assert schemas.OrderItem.model_validate(item).item_sequence_number == "00001"
    with pytest.raises(ValidationError, match="itemSequenceNumber"):
        schemas.OrderItem.model_validate(item | {"itemSequenceNumber": 1})


def test_dates_must_carry_a_time_zone_and_come_back_in_utc():
    ack_date = datetime(2026, 11, 21, 15, 30, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    body = {
        "purchaseOrderNumber": "PO1",
        "sellingParty": {"partyId": "V"},
        "acknowledgementDate": ack_date,
        "items": [],
    }

    ack = schemas.OrderAcknowledgement.model_validate(body)

    assert ack.acknowledgement_date == datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
    assert ack.to_amazon()["acknowledgementDate"] == "2026-11-21T10:00:00Z"
    with pytest.raises(ValidationError, match="timezone"):
        schemas.OrderAcknowledgement.model_validate(
            body | {"acknowledgementDate": "2026-11-21T10:00:00"}
        )


def test_models_accept_snake_case_names_too():
    party = schemas.PartyIdentification(party_id="BLR7")

    assert party.to_amazon() == {"partyId": "BLR7"}
