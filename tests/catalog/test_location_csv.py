from tests import factories
from tests.catalog.builders import csv_body, upload
from vendorflow.catalog.models import Location

HEADER = "code,name,address_line1,address_line2,city,state_or_region,postal_code,country_code\n"


def test_import_creates_and_updates_by_code(member_client, org):
    factories.make_location(org, "WH1", name="Old name", city="Delhi")
    text = HEADER + "wh1,Main,,,Mumbai,MH,400001,IN\n wh2 ,Second,Plot 4,,Pune,MH,411001,in\n"
    response = member_client("manager").post(
        "/catalog/locations/import/", {"file": upload(text)}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Imported: 1 created, 1 updated, 0 unchanged."
    ]
    rows = list(
        Location.objects.filter(organization=org).values_list(
            "code", "name", "city", "country_code"
        )
    )
    assert rows == [("WH1", "Main", "Mumbai", "IN"), ("WH2", "Second", "Pune", "IN")]


def test_a_bad_file_is_rejected_whole_listing_every_bad_line(member_client, org):
    factories.make_location(org, "WH1", name="Keep")
    text = HEADER + "WH1,Changed,,,,,,IN\nWH2,,,,,,,IN\nwh3,Third,,,,,,IND\nWH3,Again,,,,,,IN\n"
    response = member_client("manager").post("/catalog/locations/import/", {"file": upload(text)})
    assert response.status_code == 422
    assert response.context["errors"] == [
        "line 3: name: This field is required",
        "line 4: country_code: Use a two-letter ISO country code, e.g. IN",
        "line 5: duplicate code WH3 (also on line 4)",
    ]
    assert list(Location.objects.values_list("code", "name")) == [("WH1", "Keep")]


def test_missing_column_is_a_file_error(member_client, org):
    response = member_client("manager").post(
        "/catalog/locations/import/", {"file": upload("code\nWH1\n")}
    )
    assert response.status_code == 422
    assert response.context["errors"] == ["missing column(s): name"]


def test_export_is_formula_safe(member_client, org):
    factories.make_location(org, "WH1", name='=HYPERLINK("x")', city="+91 Pune")
    body = csv_body(member_client("viewer").get("/catalog/locations/export.csv"))
    assert body.splitlines() == [
        HEADER.strip(),
        'WH1,"\'=HYPERLINK(""x"")",,,\'+91 Pune,,,IN',
    ]
