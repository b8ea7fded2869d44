import pytest

from tests import factories
from tests.importing.builders import channel_with_customer, purchase_order
from vendorflow.orders import dto
from vendorflow.orders.choices import ExceptionStatus
from vendorflow.orders.importing import import_purchase_orders
from vendorflow.orders.models import ImportException, Order

pytestmark = pytest.mark.urls("tests.importing.urls")
URL = "/orders/exceptions/"


@pytest.fixture
def held(org):
    channel, _, _ = channel_with_customer(org, code="BLR7")
    import_purchase_orders(
        channel=channel,
        purchase_orders=[
            purchase_order("PO-D1", ship_to_party_id="DEL4"),
            purchase_order("PO-D2", ship_to_party_id="DEL4"),
            purchase_order("PO-P1", ship_to_party_id="PNQ1"),
        ],
        rejected=[
            dto.RejectedPurchaseOrder(
                "PO-BAD",
                "items.0.orderedQuantity.unitOfMeasure: 'Pallets' is not one of ['Cases']",
            )
        ],
    )
    return channel


def test_open_exceptions_are_listed_by_fc_code_with_map_links(member_client, held):
    client = member_client("viewer")

    page = client.get(URL).content.decode()

    assert "FC DEL4" in page and "FC PNQ1" in page and "No warehouse code" in page
    assert page.index("PO-D1") < page.index("PO-D2") < page.index("PO-P1")
    assert "No customer is mapped to marketplace warehouse code DEL4" in page
    assert "&#x27;Pallets&#x27; is not one of" in page
    assert page.count('href="/customers/warehouse-codes/?code=DEL4"') == 2  # summary + group
    assert "2025-03-03 14:30 IST" in page  # 09:00 UTC, in Asia/Kolkata
    assert "Reprocess" not in page  # viewers cannot reprocess


def test_managers_see_reprocess_buttons(member_client, held):
    page = member_client("manager").get(URL).content.decode()

    assert "Reprocess all for DEL4" in page
    assert page.count(">Reprocess</button>") == 3  # not for the invalid PO


def test_reprocess_a_code_after_mapping_it(member_client, held, org):
    factories.map_warehouse(org, "DEL4", factories.make_customer(org, "AMZ-DEL4"))
    client = member_client("manager")

    response = client.post(URL + "reprocess/", {"code": "del4"}, follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "2 held POs for DEL4 imported as orders." in response.content.decode()
    assert sorted(Order.objects.values_list("po_number", flat=True)) == ["PO-D1", "PO-D2"]
    assert ImportException.objects.filter(status=ExceptionStatus.OPEN).count() == 2


def test_reprocess_one_that_is_still_unmapped_says_why(member_client, held):
    exception = ImportException.objects.get(po_number="PO-P1")

    response = member_client("manager").post(f"{URL}{exception.pk}/reprocess/", follow=True)

    assert (
        "PO PO-P1 is still held: No customer is mapped to marketplace warehouse code PNQ1."
        in response.content.decode()
    )
    assert not Order.objects.exists()


def test_operators_cannot_reprocess(member_client, held):
    exception = ImportException.objects.get(po_number="PO-P1")
    client = member_client("operator")

    assert client.post(f"{URL}{exception.pk}/reprocess/").status_code == 403
    assert client.post(URL + "reprocess/", {"code": "PNQ1"}).status_code == 403


def test_another_organizations_exception_is_not_found(member_client, held, other_org):
    exception = ImportException.objects.get(po_number="PO-P1")
    client = member_client("manager", organization=other_org)

    assert client.post(f"{URL}{exception.pk}/reprocess/").status_code == 404
    assert "PO-P1" not in client.get(URL).content.decode()


def test_reprocess_needs_post(member_client, held):
    exception = ImportException.objects.get(po_number="PO-P1")

    assert member_client("manager").get(f"{URL}{exception.pk}/reprocess/").status_code == 405


def test_resolved_exceptions_are_filterable(member_client, held, org):
    factories.map_warehouse(org, "PNQ1", factories.make_customer(org, "AMZ-PNQ1"))
    client = member_client("manager")
    client.post(URL + "reprocess/", {"code": "PNQ1"})

    resolved = client.get(URL, {"status": "resolved"}).content.decode()
    open_page = client.get(URL).content.decode()

    order = Order.objects.get()
    assert f'<a href="/orders/{order.pk}/">PO-P1</a>' in resolved
    assert "PO-D1" not in resolved
    assert "PO-P1" not in open_page


def test_filter_by_code(member_client, held):
    page = member_client("viewer").get(URL, {"code": "pnq1"}).content.decode()

    assert "PO-P1" in page and "PO-D1" not in page


def test_login_required(client, held):
    assert client.get(URL).status_code == 302


def test_a_mapped_code_waiting_for_reprocess_says_so(member_client, held, org):
    factories.map_warehouse(org, "DEL4", factories.make_customer(org, "AMZ-DEL4"))

    page = member_client("manager").get(URL).content.decode()

    assert "Mapped — ready to reprocess" in page
    assert 'href="/customers/warehouse-codes/?code=DEL4"' not in page
    assert page.count('href="/customers/warehouse-codes/?code=PNQ1"') == 2
