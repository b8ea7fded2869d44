from tests.factories import make_customer, make_location, make_org, map_warehouse
from vendorflow.customers.models import WarehouseCodeMapping


def test_list_shows_code_customer_and_location(member_client, org):
    customer = make_customer(org, code="AMZ-1", name="Amazon One")
    map_warehouse(org, "BLR7", customer, make_location(org, "WH1", name="Main"))
    body = member_client("viewer").get("/customers/warehouse-codes/").content.decode()
    assert "BLR7" in body and "Amazon One" in body and "WH1 · Main" in body
    assert "Map a code" not in body  # viewer: no write controls


def test_unmapped_codes_area_is_empty_by_default(member_client):
    response = member_client("manager").get("/customers/warehouse-codes/")
    assert response.context["unmapped_codes"] == []
    assert b'id="unmapped-codes"' not in response.content


def test_manager_adds_mapping_through_modal_form(member_client, org):
    customer = make_customer(org)
    client = member_client("manager")
    response = client.post(
        "/customers/warehouse-codes/new/",
        {"code": " del4 ", "customer": customer.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/customers/warehouse-codes/"
    assert WarehouseCodeMapping.objects.get().code == "DEL4"


def test_duplicate_code_shows_field_error_not_integrity_error(member_client, org):
    first = make_customer(org, code="AMZ-1", name="Amazon One")
    second = make_customer(org, code="AMZ-2")
    map_warehouse(org, "BLR7", first)
    client = member_client("manager")
    response = client.post(
        "/customers/warehouse-codes/new/",
        {"code": "blr7", "customer": second.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert response.context["form"].errors["code"] == [
        "Warehouse code BLR7 is already mapped to customer AMZ-1 (Amazon One)."
    ]
    assert "Warehouse code BLR7 is already mapped" in response.content.decode()
    assert WarehouseCodeMapping.objects.count() == 1


def test_form_offers_only_own_locations_and_customers(member_client, org):
    other = make_org()
    foreign_customer = make_customer(other, code="THEIRS")
    foreign_location = make_location(other, "WH9")
    client = member_client("manager")
    response = client.post(
        "/customers/warehouse-codes/new/",
        {"code": "BLR7", "customer": foreign_customer.pk, "location": foreign_location.pk},
    )
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert errors["customer"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert errors["location"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert not WarehouseCodeMapping.objects.exists()


def test_edit_and_delete_mapping(member_client, org):
    a, b = make_customer(org, code="A"), make_customer(org, code="B")
    mapping = map_warehouse(org, "BLR7", a)
    client = member_client("manager")
    client.post(
        f"/customers/warehouse-codes/{mapping.pk}/edit/", {"code": "BLR7", "customer": b.pk}
    )
    mapping.refresh_from_db()
    assert mapping.customer == b
    client.post(f"/customers/warehouse-codes/{mapping.pk}/delete/")
    assert not WarehouseCodeMapping.objects.exists()


def test_inline_add_and_remove_on_customer_page(member_client, org):
    customer = make_customer(org)
    client = member_client("manager")
    response = client.post(
        f"/customers/{customer.pk}/mappings/", {"code": "blr7"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert '<div class="panel" id="mappings">' in response.content.decode()
    assert "<html" not in response.content.decode()
    mapping = WarehouseCodeMapping.objects.get(code="BLR7", customer=customer)
    response = client.post(
        f"/customers/{customer.pk}/mappings/{mapping.pk}/delete/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert not WarehouseCodeMapping.objects.exists()


def test_inline_add_duplicate_shows_error_in_panel(member_client, org):
    map_warehouse(org, "BLR7", make_customer(org, code="A", name="Alpha"))
    customer = make_customer(org, code="B")
    response = member_client("manager").post(
        f"/customers/{customer.pk}/mappings/", {"code": "BLR7"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert (
        "Warehouse code BLR7 is already mapped to customer A (Alpha)." in response.content.decode()
    )
