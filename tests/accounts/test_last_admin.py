from tests.factories import make_member
from vendorflow.accounts.models import AuditLog

MESSAGE = "{user} is the last admin of Acme Brands; make another member admin first."


def test_last_admin_cannot_demote_themselves(admin_client):
    member = admin_client.user.membership
    response = admin_client.post(
        f"/accounts/members/{member.pk}/role/", {"role": "manager"}, follow=True
    )
    member.refresh_from_db()
    assert member.role == "admin"
    assert [str(m) for m in response.context["messages"]] == [
        MESSAGE.format(user=admin_client.user.username)
    ]
    assert not AuditLog.objects.filter(action="member.role_changed").exists()


def test_last_admin_cannot_be_deactivated(admin_client):
    member = admin_client.user.membership
    response = admin_client.post(f"/accounts/members/{member.pk}/deactivate/", follow=True)
    admin_client.user.refresh_from_db()
    assert admin_client.user.is_active is True
    assert [str(m) for m in response.context["messages"]] == [
        MESSAGE.format(user=admin_client.user.username)
    ]


def test_an_inactive_second_admin_does_not_count(admin_client, org):
    other = make_member(org, "admin")
    other.is_active = False
    other.save()
    member = admin_client.user.membership
    admin_client.post(f"/accounts/members/{member.pk}/role/", {"role": "viewer"})
    member.refresh_from_db()
    assert member.role == "admin"


def test_with_a_second_admin_demotion_works(admin_client, org):
    make_member(org, "admin")
    member = admin_client.user.membership
    admin_client.post(f"/accounts/members/{member.pk}/role/", {"role": "manager"})
    member.refresh_from_db()
    assert member.role == "manager"
