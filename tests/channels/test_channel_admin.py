import pytest
from django.contrib.auth import get_user_model

from tests import factories

pytestmark = pytest.mark.django_db


def test_admin_pages_never_show_secrets(client, org):
    staff = get_user_model().objects.create_superuser("staff", "staff@example.com", "pw-staff-123")
    client.force_login(staff)
    channel = factories.make_channel(org)
    for url in (
        "/admin/channels/amazonchannel/",
        f"/admin/channels/amazonchannel/{channel.pk}/change/",
        "/admin/channels/syncrun/",
        "/admin/channels/salesChannel/".lower(),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "client-secret-value-123" not in html
        assert "refresh-token-value-456" not in html
        assert channel.client_secret_encrypted not in html
