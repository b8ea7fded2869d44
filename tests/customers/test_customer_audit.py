from tests.customers.builders import customer_post
from tests.factories import make_customer
from vendorflow.accounts.models import AuditLog


def test_create_and_update_are_audited_with_actor_and_changes(member_client, org):
    client = member_client("manager")
    client.post(
        "/customers/new/", customer_post(code="C1", name="One", tax_id="", contact_phone="")
    )
    created = AuditLog.objects.get(action="customer.created")
    assert (created.actor, created.organization, created.object_type) == (
        client.user,
        org,
        "customers.customer",
    )
    assert created.changes == {
        "code": "C1",
        "name": "One",
        "contact_email": "ap@example.com",
        "address_line1": "Plot 12",
        "city": "Bengaluru",
        "state_or_region": "KA",
        "postal_code": "562149",
        "country_code": "IN",
    }
    customer_id = int(created.object_id)
    client.post(
        f"/customers/{customer_id}/edit/",
        customer_post(code="C1", name="Uno", tax_id="", contact_phone=""),
    )
    updated = AuditLog.objects.get(action="customer.updated")
    assert (updated.actor, updated.changes) == (client.user, {"name": ["One", "Uno"]})


def test_mapping_add_and_remove_are_audited(member_client, org):
    customer = make_customer(org, code="C1")
    client = member_client("manager")
    client.post(f"/customers/{customer.pk}/mappings/", {"code": "blr7"})
    created = AuditLog.objects.get(action="warehouse_mapping.created")
    assert created.changes == {"code": "BLR7", "customer": "C1", "location": None}
    mapping_id = created.object_id
    client.post(f"/customers/{customer.pk}/mappings/{mapping_id}/delete/")
    deleted = AuditLog.objects.get(action="warehouse_mapping.deleted")
    assert (deleted.actor, deleted.changes) == (client.user, {"code": "BLR7", "customer": "C1"})


def test_shipping_address_add_is_audited(member_client, org):
    customer = make_customer(org, code="C1")
    client = member_client("manager")
    response = client.post(
        f"/customers/{customer.pk}/addresses/new/",
        {"label": "Dock", "city": "Pune", "country_code": "in"},
    )
    assert response.status_code == 302
    address = customer.shipping_addresses.get()
    assert (address.label, address.country_code) == ("Dock", "IN")
    entry = AuditLog.objects.get(action="shipping_address.added")
    assert entry.changes == {
        "customer": "C1",
        "label": "Dock",
        "city": "Pune",
        "country_code": "IN",
    }


def test_empty_shipping_address_is_refused(member_client, org):
    customer = make_customer(org)
    response = member_client("manager").post(
        f"/customers/{customer.pk}/addresses/new/", {"country_code": "IN"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["address_line1"] == [
        "Enter at least a label, an address line or a city."
    ]
    assert not customer.shipping_addresses.exists()
