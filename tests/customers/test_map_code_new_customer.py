""" "Map a code" can create the missing customer, prefilled from the held POs' ship-to party;
saving imports the held POs."""

from tests import factories
from tests.customers.held_pos import hold_pos_for_hyd8
from vendorflow.customers.models import Customer, WarehouseCodeMapping
from vendorflow.customers.prefill import new_customer_fields
from vendorflow.orders.models import ImportException, Order

GSTIN = "36AAHCA1234K1ZT"
NEW = {
    "code": "HYD8",
    "create_customer": "on",
    "new_code": "AMZ-HYD8",
    "new_name": "Amazon HYD8",
    "new_tax_id": GSTIN,
    "new_address_line1": "Survey 201, Shamshabad Mandal",
    "new_city": "Hyderabad",
    "new_state_or_region": "TELANGANA",
    "new_postal_code": "501218",
    "new_country_code": "IN",
}


def test_the_new_customer_is_prefilled_from_the_held_po(org):
    hold_pos_for_hyd8(org, "PO1")

    assert new_customer_fields(org, "HYD8") == {
        "code": "AMZ-HYD8",
        "name": "Amazon HYD8",
        "address_line1": "Survey 201, Shamshabad Mandal",
        "city": "Hyderabad",
        "state_or_region": "TELANGANA",
        "postal_code": "501218",
        "country_code": "IN",
        "tax_id": GSTIN,
    }
    assert new_customer_fields(org, "BLR7") == {"code": "AMZ-BLR7", "name": ""}


def test_a_po_without_address_or_tax_id_prefills_only_the_code(org):
    hold_pos_for_hyd8(org, "PO1", party={"partyId": "HYD8"})

    assert new_customer_fields(org, "HYD8") == {"code": "AMZ-HYD8", "name": ""}


def test_the_dialog_shows_the_prefilled_customer(member_client, org):
    hold_pos_for_hyd8(org, "PO1")

    page = member_client("manager").get("/customers/warehouse-codes/new/?code=HYD8")

    html = page.content.decode()
    assert "Or create the customer from the held POs: Amazon HYD8" in html
    assert f'name="new_tax_id" value="{GSTIN}"' in html
    assert 'name="new_city" value="Hyderabad"' in html
    assert 'name="create_customer"' in html and "checked" not in html


def test_saving_creates_the_customer_and_imports_the_held_pos(
    member_client, org, django_capture_on_commit_callbacks
):
    hold_pos_for_hyd8(org, "PO1", "PO2")
    client = member_client("manager")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/customers/warehouse-codes/new/", NEW, HTTP_HX_REQUEST="true")

    assert response["HX-Redirect"] == "/customers/warehouse-codes/"
    customer = Customer.objects.get()
    assert (customer.code, customer.name, customer.tax_id, customer.city) == (
        "AMZ-HYD8",
        "Amazon HYD8",
        GSTIN,
        "Hyderabad",
    )
    assert WarehouseCodeMapping.objects.get().customer == customer
    orders = Order.objects.order_by("po_number")
    assert [(o.po_number, o.customer) for o in orders] == [("PO1", customer), ("PO2", customer)]
    assert set(ImportException.objects.values_list("status", flat=True)) == {"resolved"}


def test_a_bad_gstin_names_the_field_and_creates_nothing(member_client, org):
    hold_pos_for_hyd8(org, "PO1")

    response = member_client("manager").post(
        "/customers/warehouse-codes/new/", {**NEW, "new_tax_id": "36AAHCA1234K1ZX"}
    )

    assert response.status_code == 422
    errors = response.context["form"].errors
    assert list(errors) == ["new_tax_id"]
    assert Customer.objects.count() == 0
    assert WarehouseCodeMapping.objects.count() == 0
    assert Order.objects.count() == 0


def test_a_taken_customer_code_is_reported_on_the_new_code_field(member_client, org):
    hold_pos_for_hyd8(org, "PO1")
    factories.make_customer(org, code="AMZ-HYD8", name="Already here")

    response = member_client("manager").post("/customers/warehouse-codes/new/", NEW)

    assert response.status_code == 422
    assert response.context["form"].errors == {
        "new_code": ["Customer code AMZ-HYD8 is already used by Already here."]
    }
    assert WarehouseCodeMapping.objects.count() == 0


def test_without_a_customer_or_a_new_one_the_form_says_what_to_do(member_client, org):
    response = member_client("manager").post("/customers/warehouse-codes/new/", {"code": "HYD8"})

    assert response.status_code == 422
    assert response.context["form"].errors == {
        "customer": ["Choose the customer, or tick “Create a new customer” and fill it in."]
    }
