"""The admins are told once when a channel stops being ready, not on every poll; once it is ready
again, the next time it stops being ready they are told again."""

import pytest
from django.core import mail
from django.db.models import Q

from tests import factories
from vendorflow.channels import readiness, services
from vendorflow.channels.models import AmazonChannel
from vendorflow.integrations.amazon import jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(org):
    user = factories.make_member(org, "admin", username="ana")
    user.email = "ana@example.com"
    user.save()
    return user


def test_a_manager_saving_a_channel_without_credentials_tells_the_admin_once(org, admin):
    manager = factories.make_member(org, "manager")
    sales_channel = factories.make_sales_channel(org)
    factories.make_location(org, code="WH1")
    channel = services.create_amazon_channel(
        organization=org,
        actor=manager,
        vendor_code="NEWV",
        warehouse_codes="WH1",
        registered_emails="ops@example.com",
        sales_channel=sales_channel,
    )
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["ana@example.com"], "[vendorflow] Amazon Retail B2B NEWV needs credentials")
    ]
    assert "SP-API credentials missing: LWA client id, client secret, refresh token." in (
        mail.outbox[0].body
    )
    services.update_amazon_channel(channel=channel, actor=manager, name="Renamed")
    for _ in range(3):
        jobs.sync_due_channels.call_local()
    assert len(mail.outbox) == 1


def test_the_sweep_tells_about_channels_however_they_lost_credentials(org, admin):
    channel = factories.make_channel(org)
    AmazonChannel.objects.filter(pk=channel.pk).update(refresh_token_encrypted="")
    assert readiness.note_all() == 1
    assert readiness.note_all() == 0
    assert [m.to for m in mail.outbox] == [["ana@example.com"]]


def test_ready_again_then_not_ready_tells_again(org, admin):
    channel = factories.make_channel(org, client_secret="")
    assert len(mail.outbox) == 0  # made by the factory, not through the service
    assert readiness.note(channel) is True
    channel.client_secret = "new-secret-value-1"
    channel.save()
    assert readiness.note_all() == 0
    channel.refresh_from_db()
    assert channel.not_ready_notified_at is None
    AmazonChannel.objects.filter(pk=channel.pk).update(client_secret_encrypted="")
    assert readiness.note_all() == 1
    assert len(mail.outbox) == 2


def test_inactive_and_ready_channels_are_not_told_about(org, admin):
    factories.make_channel(org, vendor_code="OK1")
    factories.make_channel(org, vendor_code="OFF1", is_active=False, client_secret="")
    assert readiness.note_all() == 0
    assert mail.outbox == []
    assert not AmazonChannel.objects.filter(~Q(not_ready_notified_at=None)).exists()
