import pytest
from django.contrib.auth import get_user_model

from tests.factories import PASSWORD, make_member
from vendorflow.accounts.models import AuditLog, Membership

User = get_user_model()


def test_manager_sees_members_but_no_admin_controls(member_client, org):
    make_member(org, "viewer", username="vera")
    client = member_client("manager")
    response = client.get("/accounts/members/")
    assert response.status_code == 200
    assert "vera" in response.content.decode()
    assert b"Add a member" not in response.content
    assert b"Only admins can add members" in response.content


def test_operator_and_viewer_cannot_see_members(member_client, org):
    assert member_client("operator").get("/accounts/members/").status_code == 403
    assert member_client("viewer", org).get("/accounts/members/").status_code == 403


def test_admin_adds_member_to_own_organization(admin_client, org):
    response = admin_client.post(
        "/accounts/members/add/",
        {"username": "newbie", "email": "n@example.com", "password": PASSWORD, "role": "operator"},
    )
    assert response.status_code == 302
    member = Membership.objects.get(user__username="newbie")
    assert (member.organization, member.role) == (org, "operator")
    assert member.user.check_password(PASSWORD)
    entry = AuditLog.objects.get(action="member.added")
    assert entry.actor == admin_client.user
    assert entry.changes == {"username": "newbie", "email": "n@example.com", "role": "operator"}


def test_add_member_errors_are_shown_and_nothing_created(admin_client, org):
    make_member(org, "viewer", username="taken")
    response = admin_client.post(
        "/accounts/members/add/",
        {"username": "taken", "email": "not-an-email", "password": "short", "role": "viewer"},
    )
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert errors["email"] == ["Enter a valid email address."]
    assert User.objects.filter(username="taken").count() == 1


def test_add_member_duplicate_username_message(admin_client, org):
    make_member(org, "viewer", username="taken")
    response = admin_client.post(
        "/accounts/members/add/",
        {"username": "taken", "email": "", "password": PASSWORD, "role": "viewer"},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["username"] == ["A user named 'taken' already exists."]


def test_weak_password_is_refused(admin_client):
    response = admin_client.post(
        "/accounts/members/add/",
        {"username": "weak", "email": "", "password": "short", "role": "viewer"},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["password"] == [
        "This password is too short. It must contain at least 8 characters."
    ]
    assert not User.objects.filter(username="weak").exists()


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("anna", "password1", "This password is too common."),
        ("anna", "40123456789", "This password is entirely numeric."),
        ("warehouse-anna", "warehouse-anna1", "The password is too similar to the username."),
    ],
)
def test_common_numeric_or_username_like_passwords_are_refused(
    admin_client, username, password, message
):
    response = admin_client.post(
        "/accounts/members/add/",
        {"username": username, "email": "", "password": password, "role": "viewer"},
    )
    assert response.status_code == 422
    assert message in response.context["form"].errors["password"]
    assert not User.objects.filter(username=username).exists()


def test_manager_cannot_add_members_or_change_roles(member_client, org):
    target = make_member(org, "viewer")
    client = member_client("manager")
    add = client.post(
        "/accounts/members/add/",
        {"username": "x", "email": "", "password": PASSWORD, "role": "admin"},
    )
    role = client.post(f"/accounts/members/{target.membership.pk}/role/", {"role": "admin"})
    deactivate = client.post(f"/accounts/members/{target.membership.pk}/deactivate/")
    assert (add.status_code, role.status_code, deactivate.status_code) == (403, 403, 403)
    target.membership.refresh_from_db()
    target.refresh_from_db()
    assert (target.membership.role, target.is_active) == ("viewer", True)
    assert not User.objects.filter(username="x").exists()


def test_admin_changes_role_with_audit(admin_client, org):
    target = make_member(org, "viewer")
    response = admin_client.post(
        f"/accounts/members/{target.membership.pk}/role/", {"role": "manager"}
    )
    assert response.status_code == 302
    target.membership.refresh_from_db()
    assert target.membership.role == "manager"
    entry = AuditLog.objects.get(action="member.role_changed")
    assert (entry.actor, entry.changes) == (admin_client.user, {"role": ["viewer", "manager"]})


def test_deactivated_member_cannot_sign_in(admin_client, org, client):
    target = make_member(org, "operator", username="leaver")
    admin_client.post(f"/accounts/members/{target.membership.pk}/deactivate/")
    target.refresh_from_db()
    assert target.is_active is False
    admin_client.logout()
    response = client.post("/accounts/login/", {"username": "leaver", "password": PASSWORD})
    assert response.status_code == 200  # the login form again, with an error
    assert "_auth_user_id" not in client.session
