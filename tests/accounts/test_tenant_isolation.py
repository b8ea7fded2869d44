from django.test import Client

from tests.factories import make_member
from vendorflow.accounts import audit, services
from vendorflow.accounts.models import ApiToken


def test_admin_of_a_gets_404_for_members_of_b(admin_client, other_org):
    stranger = make_member(other_org, "admin")
    member = stranger.membership
    assert (
        admin_client.post(f"/accounts/members/{member.pk}/role/", {"role": "viewer"}).status_code
        == 404
    )
    assert admin_client.post(f"/accounts/members/{member.pk}/deactivate/").status_code == 404
    member.refresh_from_db()
    stranger.refresh_from_db()
    assert (member.role, stranger.is_active) == ("admin", True)
    assert stranger.username not in admin_client.get("/accounts/members/").content.decode()


def test_tokens_of_b_are_not_found(admin_client, other_org):
    stranger = make_member(other_org, "admin")
    token = services.create_token(member=stranger.membership, name="b-token").token
    assert admin_client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_audit_of_b_is_invisible_in_ui_and_api(admin_client, org, other_org):
    stranger = make_member(other_org, "admin")
    theirs = services.create_token(member=stranger.membership, name="b-token").token
    audit.record(organization=other_org, actor=stranger, action="secret.thing", object_type="x.y")
    assert b"secret.thing" not in admin_client.get("/accounts/audit/").content
    key = services.create_token(member=admin_client.user.membership, name="t").key
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    actions = [e["action"] for e in api.get("/api/v1/accounts/audit").json()["items"]]
    assert actions == ["token.created"]
    assert api.delete(f"/api/v1/accounts/tokens/{theirs.pk}").status_code == 404
    assert ApiToken.objects.filter(pk=theirs.pk).exists()
