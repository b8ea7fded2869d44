import pytest

from tests import factories
from tests.importing.builders import channel_with_customer, purchase_order
from vendorflow.orders.importing import import_purchase_orders
from vendorflow.orders.models import ImportException, Order

pytestmark = pytest.mark.urls("tests.importing.urls")
API = "/api/v1/exceptions"


@pytest.fixture
def held(org):
    channel, _, _ = channel_with_customer(org, code="BLR7")
    import_purchase_orders(
        channel=channel,
        purchase_orders=[
            purchase_order("PO1", ship_to_party_id="DEL4"),
            purchase_order("PO2", ship_to_party_id="PNQ1"),
        ],
    )
    return channel


def test_list_and_get(member_client, held):
    client = member_client("viewer")

    listed = client.get(API, {"code": "del4"}).json()
    detail = client.get(f"{API}/{listed['items'][0]['id']}").json()

    assert listed["count"] == 1
    item = listed["items"][0]
    assert (item["po_number"], item["reason"], item["status"], item["lines"]) == (
        "PO1",
        "no_customer",
        "open",
        2,
    )
    assert item["message"] == "No customer is mapped to marketplace warehouse code DEL4"
    assert item["po_date"] == "2025-03-03T09:00:00Z"
    assert detail["payload"]["raw"] == {"purchaseOrderNumber": "PO1"}


def test_reprocess_one_and_by_code(member_client, held, org):
    factories.map_warehouse(org, "DEL4", factories.make_customer(org, "AMZ-DEL4"))
    factories.map_warehouse(org, "PNQ1", factories.make_customer(org, "AMZ-PNQ1"))
    client = member_client("manager")
    first = ImportException.objects.get(po_number="PO1")

    one = client.post(f"{API}/{first.pk}/reprocess")
    by_code = client.post(f"{API}/reprocess", {"code": "PNQ1"}, content_type="application/json")

    assert (one.status_code, one.json()) == (200, {"reprocessed": 1})
    assert (by_code.status_code, by_code.json()) == (200, {"reprocessed": 1})
    assert sorted(Order.objects.values_list("po_number", flat=True)) == ["PO1", "PO2"]


def test_viewers_cannot_reprocess(member_client, held, org):
    factories.map_warehouse(org, "DEL4", factories.make_customer(org, "AMZ-DEL4"))
    client = member_client("viewer")

    response = client.post(f"{API}/reprocess", {"code": "DEL4"}, content_type="application/json")

    assert response.status_code == 403
    assert not Order.objects.exists()


def test_other_organizations_see_nothing(member_client, held, other_org):
    client = member_client("manager", organization=other_org)
    exception = ImportException.objects.first()

    assert client.get(API).json() == {"count": 0, "items": []}
    assert client.get(f"{API}/{exception.pk}").status_code == 404
    assert client.post(f"{API}/{exception.pk}/reprocess").status_code == 404
