import pytest

from tests import factories
from tests.channels.builders import field_errors
from vendorflow.accounts.models import AuditLog
from vendorflow.channels.models import SalesChannel

pytestmark = pytest.mark.django_db


def names(org):
    return list(SalesChannel.objects.filter(organization=org).values_list("name", flat=True))


def test_create_rename_delete(member_client, org):
    client = member_client("manager")
    response = client.post("/channels/sales/new/", {"name": "  Amazon   B2B India "})
    assert response.status_code == 302
    sc = SalesChannel.objects.get(organization=org)
    assert sc.name == "Amazon B2B India"
    assert client.post(f"/channels/sales/{sc.pk}/rename/", {"name": "Amazon IN"}).status_code == 302
    assert names(org) == ["Amazon IN"]
    assert client.post(f"/channels/sales/{sc.pk}/delete/").status_code == 302
    assert names(org) == []
    assert list(AuditLog.objects.order_by("id").values_list("action", "changes")) == [
        ("sales_channel.created", {"name": "Amazon B2B India"}),
        ("sales_channel.renamed", {"name": ["Amazon B2B India", "Amazon IN"]}),
        ("sales_channel.deleted", {"name": "Amazon IN"}),
    ]


def test_duplicate_name_is_refused(member_client, org):
    client = member_client("manager")
    factories.make_sales_channel(org, name="Amazon B2B India")
    other = factories.make_sales_channel(org, name="Other")
    response = client.post("/channels/sales/new/", {"name": "amazon b2b india"})
    assert response.status_code == 422
    assert field_errors(response.content.decode(), "name") == [
        "A sales channel named “amazon b2b india” already exists."
    ]
    rename = client.post(f"/channels/sales/{other.pk}/rename/", {"name": "Amazon B2B India"})
    assert rename.status_code == 422
    assert names(org) == ["Amazon B2B India", "Other"]


def test_delete_is_refused_while_a_channel_uses_it(member_client, org):
    client = member_client("manager")
    channel = factories.make_channel(org, vendor_code="VEND1")
    response = client.post(f"/channels/sales/{channel.sales_channel.pk}/delete/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "“Amazon VEND1” cannot be deleted: it is used by channel VEND1."
    ]
    assert names(org) == ["Amazon VEND1"]
    assert not AuditLog.objects.filter(action="sales_channel.deleted").exists()


def test_delete_is_refused_while_an_order_uses_it(member_client, org):
    client = member_client("manager")
    channel = factories.make_channel(org, vendor_code="VEND1")
    factories.make_order(channel, factories.make_customer(org))
    factories.make_order(channel, factories.make_customer(org, code="C2"), po_number="PO2")
    old = channel.sales_channel
    channel.sales_channel = factories.make_sales_channel(org, name="New label")
    channel.save()
    response = client.delete(f"/api/v1/channels/sales-channels/{old.pk}")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "“Amazon VEND1” cannot be deleted: it is used by 2 orders."
    }
    assert SalesChannel.objects.filter(pk=old.pk).exists()


def test_inline_create_answers_the_select_with_the_new_one_chosen(member_client, org):
    client = member_client("manager")
    existing = factories.make_sales_channel(org, name="Existing")
    response = client.post(
        "/channels/sales/inline/",
        {"new_sales_channel_name": "Amazon B2B India", "sales_channel": existing.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    created = SalesChannel.objects.get(organization=org, name="Amazon B2B India")
    html = response.content.decode()
    assert html.lstrip().startswith('<div class="field" id="field-sales_channel">')
    assert f'<option value="{created.pk}" selected>Amazon B2B India</option>' in html
    assert f'<option value="{existing.pk}">Existing</option>' in html
    assert "<form" not in html


def test_inline_create_error_keeps_the_current_choice(member_client, org):
    client = member_client("manager")
    existing = factories.make_sales_channel(org, name="Existing")
    response = client.post(
        "/channels/sales/inline/",
        {"new_sales_channel_name": "existing", "sales_channel": existing.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "A sales channel named “existing” already exists." in html
    assert f'<option value="{existing.pk}" selected>Existing</option>' in html
    assert names(org) == ["Existing"]


def test_inline_create_needs_a_name(member_client, org):
    client = member_client("manager")
    response = client.post("/channels/sales/inline/", {"new_sales_channel_name": "  "})
    assert response.status_code == 422
    assert "Enter a name." in response.content.decode()
    assert names(org) == []


def test_sales_channels_api(member_client, org):
    client = member_client("manager")
    json = {"content_type": "application/json"}
    created = client.post("/api/v1/channels/sales-channels", {"name": "B2B"}, **json)
    assert created.status_code == 201
    pk = created.json()["id"]
    assert client.post("/api/v1/channels/sales-channels", {"name": "b2b"}, **json).json() == {
        "detail": {"name": ["A sales channel named “b2b” already exists."]}
    }
    assert (
        client.patch(f"/api/v1/channels/sales-channels/{pk}", {"name": "B2B IN"}, **json).json()[
            "name"
        ]
        == "B2B IN"
    )
    assert [s["name"] for s in client.get("/api/v1/channels/sales-channels").json()] == ["B2B IN"]
    assert client.delete(f"/api/v1/channels/sales-channels/{pk}").status_code == 204
    assert names(org) == []
