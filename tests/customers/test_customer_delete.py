from tests.customers.builders import api_client
from tests.factories import make_channel, make_customer, make_order, map_warehouse
from vendorflow.accounts.models import AuditLog
from vendorflow.customers.models import Customer, WarehouseCodeMapping


def test_customer_with_orders_cannot_be_deleted(member_client, org):
    customer = make_customer(org, code="AMZ-1", name="Amazon One")
    map_warehouse(org, "BLR7", customer)
    make_order(make_channel(org), customer)
    client = member_client("manager")
    response = client.post(f"/customers/{customer.pk}/delete/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Amazon One (AMZ-1) cannot be deleted: it has 1 order. Orders keep their customer; "
        "leave this customer in place."
    ]
    assert Customer.objects.filter(pk=customer.pk).exists()
    assert WarehouseCodeMapping.objects.filter(code="BLR7").exists()
    assert not AuditLog.objects.filter(action="customer.deleted").exists()


def test_api_delete_with_orders_is_422(org):
    customer = make_customer(org, code="AMZ-1", name="Amazon One")
    make_order(make_channel(org), customer, po_number="PO1")
    make_order(make_channel(org, vendor_code="V2"), customer, po_number="PO2")
    response = api_client(org, "manager").delete(f"/api/v1/customers/{customer.pk}")
    assert response.status_code == 422
    assert response.json() == {
        "detail": {
            "__all__": [
                "Amazon One (AMZ-1) cannot be deleted: it has 2 orders. "
                "Orders keep their customer; "
                "leave this customer in place."
            ]
        }
    }
    assert Customer.objects.filter(pk=customer.pk).exists()


def test_customer_without_orders_is_deleted_with_its_codes(member_client, org):
    customer = make_customer(org, code="AMZ-1")
    map_warehouse(org, "BLR7", customer)
    client = member_client("manager")
    response = client.post(f"/customers/{customer.pk}/delete/")
    assert response.url == "/customers/"
    assert not Customer.objects.exists() and not WarehouseCodeMapping.objects.exists()
    entry = AuditLog.objects.get(action="customer.deleted")
    assert entry.changes == {"code": "AMZ-1", "name": "Amazon AMZ-1", "warehouse_codes": ["BLR7"]}
    assert entry.actor == client.user
