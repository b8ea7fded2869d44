from datetime import UTC, datetime

import time_machine

from tests.customers.builders import VALID_GSTIN, api_client, csv_file
from tests.factories import make_customer, make_location, map_warehouse
from vendorflow.customers.models import Customer, WarehouseCodeMapping

JSON = "application/json"


def test_create_get_update_delete_customer(org):
    client = api_client(org, "manager")
    created = client.post(
        "/api/v1/customers/",
        {"code": "AMZ-1", "name": "Amazon One", "tax_id": VALID_GSTIN, "city": "Pune"},
        content_type=JSON,
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["code"], body["tax_id"], body["warehouse_codes"], body["shipping_addresses"]) == (
        "AMZ-1",
        VALID_GSTIN,
        [],
        [],
    )
    cid = body["id"]
    address = client.post(
        f"/api/v1/customers/{cid}/shipping-addresses",
        {"label": "Dock 2", "city": "Pune"},
        content_type=JSON,
    )
    assert address.status_code == 201
    patched = client.patch(f"/api/v1/customers/{cid}", {"name": "Amazon 1"}, content_type=JSON)
    assert patched.json()["name"] == "Amazon 1"
    assert patched.json()["city"] == "Pune"
    assert [
        a["label"] for a in client.get(f"/api/v1/customers/{cid}").json()["shipping_addresses"]
    ] == ["Dock 2"]
    assert client.delete(f"/api/v1/customers/{cid}").status_code == 204
    assert not Customer.objects.exists()


def test_validation_errors_are_422_with_fields(org):
    client = api_client(org, "manager")
    response = client.post(
        "/api/v1/customers/",
        {"code": "A", "name": "A", "tax_id": "27AAPFU0939F1Z", "contact_email": "x"},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": {
            "contact_email": ["Enter a valid email address."],
            "tax_id": ["A GSTIN has 15 characters; this one has 14."],
        }
    }
    assert not Customer.objects.exists()


def test_search_by_fc_code(org):
    client = api_client(org, "viewer")
    a = make_customer(org, code="A", name="Alpha")
    make_customer(org, code="B", name="Beta")
    map_warehouse(org, "BLR7", a)
    body = client.get("/api/v1/customers/?q=blr").json()
    assert [(c["code"], c["warehouse_codes"]) for c in body["items"]] == [("A", ["BLR7"])]


def test_mapping_endpoints(org):
    client = api_client(org, "manager")
    a, b = make_customer(org, code="A"), make_customer(org, code="B")
    wh = make_location(org, "WH1")
    with time_machine.travel(datetime(2025, 3, 4, 5, 6, 7, 890000, tzinfo=UTC), tick=False):
        created = client.post(
            "/api/v1/customers/warehouse-codes",
            {"code": " blr7", "customer_id": a.pk, "location_id": wh.pk},
            content_type=JSON,
        )
    assert created.status_code == 201
    body = created.json()
    assert body == {
        "id": body["id"],
        "code": "BLR7",
        "customer_id": a.pk,
        "customer_code": "A",
        "location_id": wh.pk,
        "location_code": "WH1",
        "created_at": "2025-03-04T05:06:07.890Z",
        "mapped_codes": ["BLR7"],
    }
    dup = client.post(
        "/api/v1/customers/warehouse-codes",
        {"code": "BLR7", "customer_id": b.pk},
        content_type=JSON,
    )
    assert dup.status_code == 422
    assert dup.json() == {
        "detail": {"code": ["Warehouse code BLR7 is already mapped to customer A (Amazon A)."]}
    }
    moved = client.patch(
        f"/api/v1/customers/warehouse-codes/{body['id']}",
        {"customer_id": b.pk, "location_id": None},
        content_type=JSON,
    )
    assert moved.status_code == 200
    assert moved.json() == {
        "id": body["id"],
        "code": "BLR7",
        "customer_id": b.pk,
        "customer_code": "B",
        "location_id": None,
        "location_code": None,
        "created_at": "2025-03-04T05:06:07.890Z",
        "mapped_codes": ["BLR7"],
    }
    listed = client.get("/api/v1/customers/warehouse-codes").json()
    assert [(m["code"], m["customer_code"]) for m in listed["items"]] == [("BLR7", "B")]
    assert client.delete(f"/api/v1/customers/warehouse-codes/{body['id']}").status_code == 204
    assert not WarehouseCodeMapping.objects.exists()


def test_csv_import_endpoint(org):
    client = api_client(org, "manager")
    ok = client.post(
        "/api/v1/customers/import", {"file": _upload(csv_file("A,Alpha,,,,,,,,,IN,BLR7"))}
    )
    assert ok.status_code == 200
    assert ok.json() == {"created": ["A"], "updated": [], "mapped_codes": ["BLR7"]}
    bad = client.post(
        "/api/v1/customers/import",
        {"file": _upload(csv_file("B,Beta,,nope,,,,,,,IN,", ",x,,,,,,,,,IN,"))},
    )
    assert bad.status_code == 422
    assert bad.json() == {
        "detail": "The file was not imported.",
        "errors": [
            "line 2: contact_email: Enter a valid email address.",
            "line 3: code is required",
        ],
    }
    assert list(Customer.objects.values_list("code", flat=True)) == ["A"]


def _upload(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("customers.csv", text.encode(), content_type="text/csv")
