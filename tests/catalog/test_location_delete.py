from tests import factories
from vendorflow.catalog.models import Location


def test_unused_location_is_deleted(member_client, org):
    location = factories.make_location(org, "WH5")
    response = member_client("manager").post(f"/catalog/locations/{location.pk}/delete/")
    assert response.status_code == 302
    assert not Location.objects.filter(pk=location.pk).exists()


def test_location_used_by_orders_and_mappings_is_kept_with_a_clear_message(member_client, org):
    location = factories.make_location(org, "WH5")
    channel = factories.make_channel(org, warehouse_codes=["WH1"])
    customer = factories.make_customer(org)
    factories.map_warehouse(org, "BLR7", customer, location=location)
    factories.make_order(channel, customer, location=location)
    client = member_client("manager")
    response = client.post(f"/catalog/locations/{location.pk}/delete/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Location WH5 cannot be deleted: it is used by 1 order(s), 1 warehouse-code mapping(s)."
    ]
    assert Location.objects.filter(pk=location.pk).exists()


def test_location_named_by_a_channel_is_kept(member_client, org):
    location = factories.make_location(org, "WH1")
    factories.make_channel(org, warehouse_codes=["WH0", "WH1"])
    response = member_client("manager").post(
        f"/catalog/locations/{location.pk}/delete/", follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Location WH1 cannot be deleted: it is used by the channel Amazon Retail B2B VEND1."
    ]
    assert Location.objects.filter(pk=location.pk).exists()


def test_confirm_page_lists_the_uses_and_offers_no_delete_button(member_client, org):
    location = factories.make_location(org, "WH1")
    factories.make_channel(org, warehouse_codes=["WH1"])
    response = member_client("manager").get(f"/catalog/locations/{location.pk}/delete/")
    body = response.content.decode()
    assert "It cannot be deleted: it is used by the channel Amazon Retail B2B VEND1." in body
    assert 'class="danger"' not in body
