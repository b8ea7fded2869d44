"""A NUL character in a parameter, a form field or a JSON body is refused naming the field,
before it reaches the database (PostgreSQL cannot store or compare it: a server error)."""

import json

import pytest

from tests import factories
from tests.customers.builders import api_client
from vendorflow.catalog.models import ProductMapping
from vendorflow.customers.models import Customer
from vendorflow.orders.models import Scan

MESSAGE = "A NUL character (\\0) is not allowed."


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/customers/?q=a%00", "q"),
        ("/customers/warehouse-codes/?q=%00", "q"),
        ("/catalog/products/?q=%00", "q"),
        ("/orders/exceptions/?code=BLR%00", "code"),
        ("/orders/?page=1&fc=%00", "fc"),
        ("/customers/?%00=1", "\\0"),
    ],
)
def test_page_parameter(member_client, org, url, field):
    response = member_client("viewer").get(url)
    assert (response.status_code, response.content.decode()) == (400, f"{field}: {MESSAGE}")


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/customers/?q=%00", "q"),
        ("/api/v1/catalog/products?q=%00", "q"),
        ("/api/v1/catalog/products/lookup?code=8901%00", "code"),
        ("/api/v1/exceptions?code=%00", "code"),
    ],
)
def test_api_parameter(org, url, field):
    response = api_client(org, "viewer").get(url)
    assert (response.status_code, response.json()) == (422, {"detail": {field: [MESSAGE]}})


def test_api_json_body_names_the_field_and_writes_nothing(org):
    api = api_client(org, "manager")
    response = api.post(
        "/api/v1/customers/",
        json.dumps({"code": "A\u0000B", "name": "Alpha"}),
        content_type="application/json",
    )
    assert (response.status_code, response.json()) == (422, {"detail": {"code": [MESSAGE]}})
    assert not Customer.objects.exists()


def test_api_json_body_names_a_nested_field(org):
    channel = factories.make_channel(org)
    response = api_client(org, "manager").post(
        "/api/v1/catalog/mappings/suggestions",
        json.dumps({"channel_id": channel.pk, "identifiers": [{"asin": "B0\u0000"}]}),
        content_type="application/json",
    )
    assert response.json() == {"detail": {"identifiers.0.asin": [MESSAGE]}}
    assert not ProductMapping.objects.exists()


def test_scan_form_field_is_refused_and_no_scan_recorded(member_client, org):
    from tests.warehouse.builders import order_for, soap_line, world

    w = world(org)
    order = order_for(w, [soap_line(product=w.soap)])
    response = member_client("operator").post(f"/orders/{order.pk}/scan/", {"barcode": "89\x0001"})
    assert (response.status_code, response.content.decode()) == (400, f"barcode: {MESSAGE}")
    assert not Scan.objects.exists()


def test_an_escaped_backslash_u0000_is_ordinary_text(org):
    response = api_client(org, "manager").post(
        "/api/v1/customers/",
        json.dumps({"code": "A\\u0000B", "name": "Alpha"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Customer.objects.get().code == "A\\u0000B"


def test_a_body_nested_too_deep_to_search_goes_on_to_the_api_which_refuses_it(org):
    body = "[" * 100_000 + '"\\u0000"' + "]" * 100_000
    response = api_client(org, "manager").post(
        "/api/v1/customers/", body, content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert not Customer.objects.exists()
