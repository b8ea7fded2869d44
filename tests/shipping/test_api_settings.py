"""The GS1 settings over the API: admins only, validated, and new boxes get SSCCs."""

import pytest

from tests.customers.builders import api_client
from tests.shipping import builders
from vendorflow.accounts.models import AuditLog
from vendorflow.shipping import packing, sscc
from vendorflow.shipping.models import ShippingSettings


def _patch(client, data):
    return client.patch("/api/v1/settings/shipping", data, content_type="application/json")


def test_an_admin_sets_the_prefix_and_new_boxes_get_ssccs(org):
    admin = api_client(org, "admin")
    assert admin.get("/api/v1/settings/shipping").json() == {
        "gs1_company_prefix": "",
        "sscc_extension_digit": 0,
        "carton_id_type": "CID",
    }
    changed = _patch(admin, {"gs1_company_prefix": "8901234", "sscc_extension_digit": 3})
    assert changed.json() == {
        "gs1_company_prefix": "8901234",
        "sscc_extension_digit": 3,
        "carton_id_type": "SSCC",
    }
    assert _patch(admin, {"sscc_extension_digit": 4}).json()["gs1_company_prefix"] == "8901234"
    audit = AuditLog.objects.filter(action="shipping.settings_updated").order_by("pk")
    assert [a.changes for a in audit] == [
        {"gs1_company_prefix": [None, "8901234"], "sscc_extension_digit": [None, 3]},
        {"sscc_extension_digit": [3, 4]},
    ]
    w = builders.world(org)
    order = builders.two_line_order(w)
    box = packing.new_box(order=order, user=builders.packer(org))
    assert (box.carton_id_type, box.carton_id[:8], sscc.is_valid(box.carton_id)) == (
        "SSCC",
        "48901234",
        True,
    )


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (
            {"gs1_company_prefix": "12345"},
            {"gs1_company_prefix": ["A GS1 company prefix is 7 to 10 digits."]},
        ),
        (
            {"gs1_company_prefix": "89012AB"},
            {"gs1_company_prefix": ["A GS1 company prefix is 7 to 10 digits."]},
        ),
        (
            {"sscc_extension_digit": 10},
            {"sscc_extension_digit": ["The extension digit is one digit, 0 to 9."]},
        ),
    ],
)
def test_a_bad_prefix_or_digit_is_a_field_error(org, data, detail):
    response = _patch(api_client(org, "admin"), data)
    assert (response.status_code, response.json()) == (422, {"detail": detail})
    assert not ShippingSettings.objects.exists()


def test_only_admins_see_or_change_the_settings(org):
    for role in ("viewer", "operator", "manager"):
        client = api_client(org, role)
        assert client.get("/api/v1/settings/shipping").status_code == 403
        refused = _patch(client, {"gs1_company_prefix": "8901234"})
        assert (refused.status_code, refused.json()) == (
            403,
            {"detail": f"This needs the Admin role or higher; you are {role.title()}."},
        )
    assert not ShippingSettings.objects.exists()
