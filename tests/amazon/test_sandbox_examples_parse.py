"""Amazon's own sandbox examples (in the official models) parse into our models."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from tests.amazon.builders import FakeAmazon, json_response, make_client, sandbox_cases
from vendorflow.integrations.amazon import schemas, spec
from vendorflow.integrations.amazon.client import PURCHASE_ORDERS

RESPONSE_MODELS = {
    "getPurchaseOrders": schemas.GetPurchaseOrdersResponse,
    "getPurchaseOrder": schemas.GetPurchaseOrderResponse,
    "submitAcknowledgement": schemas.SubmitAcknowledgementResponse,
    "getPurchaseOrdersStatus": schemas.GetPurchaseOrdersStatusResponse,
    "getTransaction": schemas.GetTransactionResponse,
}
CASES = sandbox_cases(spec.ORDERS) + sandbox_cases(spec.TRANSACTIONS)


def test_the_official_models_carry_the_sandbox_examples_we_test():
    assert len(sandbox_cases(spec.ORDERS)) == 19
    assert len(sandbox_cases(spec.TRANSACTIONS)) == 4


@pytest.mark.parametrize(
    ("operation", "response"), [(c[1], c[4]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_sandbox_response_parses_and_serialises_back(operation, response):
    parsed = RESPONSE_MODELS[operation].model_validate(response)

    again = RESPONSE_MODELS[operation].model_validate(parsed.to_amazon())
    assert again == parsed


@pytest.mark.parametrize(
    "request_example",
    [
        c[3]
        for c in CASES
        if c[1] == "submitAcknowledgement" and c[2] == 202 and c[3]["parameters"]["body"]
    ],
)
def test_sandbox_acknowledgement_request_parses(request_example):
    body = request_example["parameters"]["body"]["value"]

    parsed = schemas.SubmitAcknowledgementRequest.model_validate(body)

    assert parsed.to_amazon() == body | {
        "acknowledgements": [
            ack | {"acknowledgementDate": "2021-03-12T17:35:26.308Z"}
            for ack in body["acknowledgements"]
        ]
    }
    assert spec.problems(spec.ORDERS, "SubmitAcknowledgementRequest", parsed.to_amazon()) == []


def test_sandbox_invalid_acknowledgement_request_cannot_be_built_from_our_models():
    (example,) = [c[3] for c in CASES if c[0] == "submitAcknowledgement-400-0"]

    with pytest.raises(ValidationError) as caught:
        schemas.SubmitAcknowledgementRequest.model_validate(example["parameters"]["body"]["value"])

    assert [".".join(map(str, e["loc"])) for e in caught.value.errors()] == [
        "acknowledgements.0.sellingParty.partyId",
        "acknowledgements.0.acknowledgementDate",
        "acknowledgements.0.items",
    ]


def test_sandbox_cases_in_capitals_and_weight_units_are_understood():
    (example,) = [c[4] for c in CASES if c[0] == "getPurchaseOrders-200-0"]

    orders = schemas.GetPurchaseOrdersResponse.model_validate(example).payload.orders
    line = orders[1].order_details.items[0]

    assert line.ordered_quantity.unit_of_measure is schemas.UnitOfMeasure.CASES
    assert line.ordered_quantity.unit_size == 10
    assert line.net_cost.amount == Decimal("94.97")
    assert line.net_cost.unit_of_measure is schemas.WeightUnit.POUNDS
    assert orders[1].order_details.import_details.port_of_delivery == "INDIA"


def test_sandbox_transaction_failure_carries_amazons_errors():
    (example,) = [c[4] for c in CASES if c[0] == "getTransaction-200-1"]

    transaction = schemas.GetTransactionResponse.model_validate(example).payload.transaction_status

    assert transaction.status is schemas.TransactionState.FAILURE
    assert [(e.code, e.message) for e in transaction.errors] == [
        ("INVALID_ORDER_ID", "Invalid order ID.")
    ]


@pytest.mark.parametrize("case_id", ["getPurchaseOrders-200-0", "getPurchaseOrders-200-6"])
def test_sandbox_pages_come_through_the_client_without_rejections(case_id):
    (example,) = [c[4] for c in CASES if c[0] == case_id]
    without_token = {"payload": {"orders": example["payload"]["orders"]}}
    fake = FakeAmazon().queue(PURCHASE_ORDERS, json_response(200, without_token))

    (page,) = make_client(fake).iter_purchase_order_pages()

    assert [o.purchase_order_number for o in page.orders] == [
        o["purchaseOrderNumber"] for o in example["payload"]["orders"]
    ]
    assert page.rejected == []
