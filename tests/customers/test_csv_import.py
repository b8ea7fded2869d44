from tests.customers.builders import VALID_GSTIN, csv_file
from tests.factories import make_customer, make_location, map_warehouse
from vendorflow.accounts.models import AuditLog
from vendorflow.customers import services
from vendorflow.customers.models import Customer, WarehouseCodeMapping


def _import(org, data, actor=None):
    return services.import_customers_csv(organization=org, actor=actor, data=data)


def test_happy_path_creates_customers_and_mappings(org, admin_client):
    data = csv_file(
        f"AMZ-BLR,Amazon BLR,{VALID_GSTIN},ap@example.com,+91 80 4000 1234,Plot 12,,"
        "Bengaluru,KA,562149,IN,blr7|BLR8",
        "AMZ-DEL,Amazon DEL,,,,,,Delhi,,,IN, del4 ; DEL5",
    )
    result = _import(org, data.encode(), actor=admin_client.user)
    assert (result.created, result.updated) == (["AMZ-BLR", "AMZ-DEL"], [])
    assert result.mapped_codes == ["BLR7", "BLR8", "DEL4", "DEL5"]
    rows = list(
        Customer.objects.order_by("code").values_list(
            "code",
            "name",
            "tax_id",
            "contact_email",
            "contact_phone",
            "city",
            "postal_code",
            "country_code",
        )
    )
    assert rows == [
        (
            "AMZ-BLR",
            "Amazon BLR",
            VALID_GSTIN,
            "ap@example.com",
            "+91 80 4000 1234",
            "Bengaluru",
            "562149",
            "IN",
        ),
        ("AMZ-DEL", "Amazon DEL", "", "", "", "Delhi", "", "IN"),
    ]
    assert sorted(WarehouseCodeMapping.objects.values_list("code", "customer__code")) == [
        ("BLR7", "AMZ-BLR"),
        ("BLR8", "AMZ-BLR"),
        ("DEL4", "AMZ-DEL"),
        ("DEL5", "AMZ-DEL"),
    ]
    summary = AuditLog.objects.get(action="customers.imported")
    assert summary.actor == admin_client.user
    assert summary.changes == {
        "created": ["AMZ-BLR", "AMZ-DEL"],
        "updated": [],
        "mapped_codes": ["BLR7", "BLR8", "DEL4", "DEL5"],
    }


def test_upsert_updates_by_code_and_moves_codes_between_file_customers(org):
    old = make_customer(org, code="AMZ-1", name="Old name")
    other = make_customer(org, code="AMZ-2", name="Two")
    wh = make_location(org, "WH1")
    map_warehouse(org, "BLR7", other, location=wh)
    map_warehouse(org, "KEEP1", old)
    data = csv_file(
        "AMZ-1,New name,,,,,,,,,IN,BLR7",
        "AMZ-2,Two,,,,,,,,,IN,",
    )
    result = _import(org, data)
    assert (result.created, result.updated, result.mapped_codes) == (
        [],
        ["AMZ-1", "AMZ-2"],
        ["BLR7"],
    )
    old.refresh_from_db()
    assert old.name == "New name"
    moved = WarehouseCodeMapping.objects.get(code="BLR7")
    assert (moved.customer, moved.location) == (old, wh)  # moved, fulfilment location kept
    assert WarehouseCodeMapping.objects.get(code="KEEP1").customer == old  # never deleted
    assert Customer.objects.count() == 2


def test_reimporting_the_same_file_maps_nothing_new(org):
    data = csv_file("AMZ-1,One,,,,,,,,,IN,BLR7")
    _import(org, data)
    again = _import(org, data)
    assert (again.created, again.updated, again.mapped_codes) == ([], ["AMZ-1"], [])
    assert AuditLog.objects.filter(action="customer.updated").count() == 0


def test_upload_page_imports_and_reports(member_client, org):
    client = member_client("manager")
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("c.csv", csv_file("AMZ-1,One,,,,,,,,,IN,BLR7").encode())
    response = client.post("/customers/import/", {"file": upload}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Imported 1 new and 0 updated customer(s); 1 warehouse code(s) mapped."
    ]
    assert WarehouseCodeMapping.objects.get().code == "BLR7"
