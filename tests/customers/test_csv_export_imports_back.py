"""An exported customers file imports back unchanged, formula-quoted cells included."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import make_customer, map_warehouse
from vendorflow.customers.models import Customer

FIELDS = ("code", "name", "contact_phone", "city")


def _customers():
    return list(Customer.objects.order_by("code").values_list(*FIELDS))


def test_exported_file_imports_back_unchanged(member_client, org):
    phone = make_customer(org, code="AMZ-BLR", contact_phone="+91 80 4000 1234", city="Bengaluru")
    map_warehouse(org, "BLR7", phone)
    make_customer(org, code="-7", name="=Dash buyer", city="@Hub")
    before = _customers()
    client = member_client("manager")
    exported = b"".join(client.get("/customers/export.csv").streaming_content)
    assert b"'+91 80 4000 1234" in exported

    upload = SimpleUploadedFile("customers.csv", exported)
    response = client.post("/customers/import/", {"file": upload}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Imported 0 new and 2 updated customer(s); 0 warehouse code(s) mapped."
    ]
    assert _customers() == before
    assert before == [
        ("-7", "=Dash buyer", "", "@Hub"),
        ("AMZ-BLR", "Amazon AMZ-BLR", "+91 80 4000 1234", "Bengaluru"),
    ]
    assert not Customer.objects.filter(code__startswith="'").exists()
