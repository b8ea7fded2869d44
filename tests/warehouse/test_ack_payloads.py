"""The OrderAcknowledgement sent for each scanning situation, exactly, and valid per the model."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.warehouse.builders import WINDOWS, order_for, soap_line, world
from vendorflow.integrations.amazon import spec
from vendorflow.integrations.amazon.acks import plan_to_acknowledgement, submit_request
from vendorflow.orders.acknowledging import build_plan

ACK_AT = datetime(2026, 11, 27, 10, 30, tzinfo=UTC)
SHIP, DELIVERY = "2026-12-01T06:00:00Z", "2026-12-03T09:00:00Z"
EACHES_10 = {"amount": 10, "unitOfMeasure": "Eaches", "unitSize": 1}


def accepted(amount, uom="Eaches", size=1):
    return {
        "acknowledgementCode": "Accepted",
        "acknowledgedQuantity": {"amount": amount, "unitOfMeasure": uom, "unitSize": size},
        "scheduledShipDate": SHIP,
        "scheduledDeliveryDate": DELIVERY,
    }


def rejected(amount, reason="TemporarilyUnavailable", uom="Eaches", size=1):
    return {
        "acknowledgementCode": "Rejected",
        "acknowledgedQuantity": {"amount": amount, "unitOfMeasure": uom, "unitSize": size},
        "rejectionReason": reason,
    }


def item(seq, acks, ordered=EACHES_10, asin="B0SOAP0001", vendor_id="SOAP-V", cost="100.00"):
    result = {"itemSequenceNumber": seq, "amazonProductIdentifier": asin}
    if vendor_id:
        result["vendorProductIdentifier"] = vendor_id
    result["orderedQuantity"] = ordered
    result["netCost"] = {"currencyCode": "INR", "amount": cost}
    result["itemAcknowledgements"] = acks
    return result


def payload_for(order):
    payload = plan_to_acknowledgement(build_plan(order), acknowledged_at=ACK_AT)
    assert spec.problems(spec.ORDERS, "OrderAcknowledgement", payload) == []
    assert (
        spec.problems(spec.ORDERS, "SubmitAcknowledgementRequest", submit_request([payload])) == []
    )
    return payload


def expected(*items):
    return {
        "purchaseOrderNumber": "4Z32PABC",
        "sellingParty": {"partyId": "VEND1"},
        "acknowledgementDate": "2026-11-27T10:30:00Z",
        "items": list(items),
    }


@pytest.fixture
def w(org):
    return world(org)


def test_fully_scanned_line_is_accepted(w):
    order = order_for(w, [soap_line(product=w.soap, scanned_eaches=10)], **WINDOWS)
    assert payload_for(order) == expected(item("1", [accepted(10)]))


def test_partly_scanned_line_accepts_the_scans_and_rejects_the_rest(w):
    order = order_for(w, [soap_line(product=w.soap, scanned_eaches=4)], **WINDOWS)
    assert payload_for(order) == expected(item("1", [accepted(4), rejected(6)]))


def test_unscanned_line_is_rejected_whole(w):
    order = order_for(w, [soap_line(product=w.soap)], **WINDOWS)
    assert payload_for(order) == expected(item("1", [rejected(10)]))


def test_unmapped_line_is_rejected_as_an_invalid_product(w):
    order = order_for(
        w,
        [{"asin": "B0UNMAPPED", "product": None, "net_cost": Decimal("12.3450")}],
        needs_mapping=True,
        **WINDOWS,
    )
    assert payload_for(order) == expected(
        item(
            "1",
            [rejected(10, "InvalidProductIdentifier")],
            asin="B0UNMAPPED",
            vendor_id="",
            cost="12.345",
        )
    )


def test_case_line_accepts_whole_cases_and_warns_of_leftover_eaches(w):
    order = order_for(
        w,
        [
            soap_line(
                product=w.soap,
                ordered_quantity=3,
                unit_of_measure="Cases",
                unit_size=12,
                scanned_eaches=30,
            )
        ],
        **WINDOWS,
    )
    cases = {"amount": 3, "unitOfMeasure": "Cases", "unitSize": 12}
    assert payload_for(order) == expected(
        item("1", [accepted(2, "Cases", 12), rejected(1, uom="Cases", size=12)], ordered=cases)
    )
    assert build_plan(order).warnings == [
        "Line 1 (SKU-1): 6 scanned eaches do not make a whole case of 12 and will not be accepted."
    ]


def test_line_cancelled_by_amazon_is_not_sent(w):
    order = order_for(
        w,
        [
            soap_line(product=w.soap, scanned_eaches=10),
            {"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": 0},
        ],
        **WINDOWS,
    )
    plan = build_plan(order)
    assert [(line.accepted, line.rejected, line.rejection_reason) for line in plan.lines] == [
        (10, 0, ""),
        (0, 0, ""),
    ]
    assert payload_for(order) == expected(item("1", [accepted(10)]))


def test_never_accepts_more_than_ordered_after_amazon_lowered_the_quantity(w):
    order = order_for(
        w,
        [
            soap_line(
                product=w.soap,
                ordered_quantity=8,
                ordered_eaches=8,
                scanned_eaches=10,
                over_scanned=True,
            )
        ],
        **WINDOWS,
    )
    ordered = {"amount": 8, "unitOfMeasure": "Eaches", "unitSize": 1}
    assert payload_for(order) == expected(item("1", [accepted(8)], ordered=ordered))
    assert build_plan(order).warnings == [
        "Line 1 (SKU-1): 10 eaches scanned but Amazon now orders 8; only 8 can be accepted."
    ]


def test_an_unscanned_po_warns_that_amazon_will_cancel_it(w):
    order = order_for(w, [soap_line(product=w.soap)], **WINDOWS)
    assert build_plan(order).warnings == [
        "Nothing is scanned: every line will be rejected and Amazon will cancel the whole PO."
    ]
