import pytest

from tests import factories
from vendorflow.accounts.models import AuditLog

pytestmark = pytest.mark.django_db


def test_deactivate_and_activate_from_the_channel_page(member_client, org):
    client = member_client("manager")
    channel = factories.make_channel(org, polling_disabled_reason="")
    response = client.post(f"/channels/{channel.pk}/active/", {"active": "0"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Channel VEND1 deactivated: polling stopped."
    ]
    channel.refresh_from_db()
    assert channel.is_active is False
    client.post(f"/channels/{channel.pk}/active/", {"active": "1"})
    channel.refresh_from_db()
    assert channel.is_active is True
    assert list(AuditLog.objects.order_by("id").values_list("action", flat=True)) == [
        "channel.deactivated",
        "channel.activated",
    ]


def test_activating_clears_the_reason_polling_was_stopped(member_client, org):
    client = member_client("manager")
    channel = factories.make_channel(
        org, is_active=False, polling_disabled_reason="LWA refused the refresh token."
    )
    html = client.get(f"/channels/{channel.pk}/").content.decode()
    assert "Polling stopped: LWA refused the refresh token." in html
    response = client.post(f"/api/v1/channels/{channel.pk}/activate")
    assert response.status_code == 200
    assert response.json()["is_active"] is True
    assert response.json()["polling_disabled_reason"] == ""


def test_setting_the_same_state_writes_nothing(member_client, org):
    client = member_client("manager")
    channel = factories.make_channel(org)
    client.post(f"/channels/{channel.pk}/active/", {"active": "1"})
    assert not AuditLog.objects.exists()


def test_activation_needs_post(member_client, org):
    client = member_client("manager")
    channel = factories.make_channel(org, is_active=False)
    assert client.get(f"/channels/{channel.pk}/active/?active=1").status_code == 405
    channel.refresh_from_db()
    assert channel.is_active is False
