"""Members over the API, as on the Members page: add, change role, deactivate, reactivate."""

import json

import pytest

from tests import factories
from vendorflow.accounts.models import AuditLog, Membership


@pytest.fixture
def api(member_client):
    return member_client("admin")


def send(client, method, url, body=None):
    return client.generic(method, url, json.dumps(body or {}), "application/json")


def test_an_admin_adds_a_member_who_can_sign_in(api, org, client):
    response = send(
        api,
        "POST",
        "/api/v1/accounts/members",
        {"username": "newbie", "password": "long-enough-pass-1", "role": "operator"},
    )
    assert response.status_code == 201
    assert (response.json()["username"], response.json()["role"]) == ("newbie", "operator")
    member = Membership.objects.get(user__username="newbie")
    assert member.organization == org and member.user.check_password("long-enough-pass-1")
    assert AuditLog.objects.filter(action="member.added").count() == 1


def test_a_weak_password_or_unknown_role_is_a_422_naming_the_field(api):
    weak = send(
        api,
        "POST",
        "/api/v1/accounts/members",
        {"username": "x1", "password": "1", "role": "viewer"},
    )
    assert (weak.status_code, list(weak.json()["detail"])) == (422, ["password"])
    role = send(
        api,
        "POST",
        "/api/v1/accounts/members",
        {"username": "x2", "password": "long-enough-pass-1", "role": "boss"},
    )
    assert role.status_code == 422
    assert [error["loc"][-1] for error in role.json()["detail"]] == ["role"]
    assert not Membership.objects.filter(user__username__in=["x1", "x2"]).exists()


def test_role_change_deactivate_and_reactivate(api, org):
    user = factories.make_member(org, "viewer", username="vera")
    member = user.membership
    changed = send(api, "PATCH", f"/api/v1/accounts/members/{member.pk}", {"role": "manager"})
    assert (changed.status_code, changed.json()["role"]) == (200, "manager")
    off = send(api, "POST", f"/api/v1/accounts/members/{member.pk}/deactivate")
    assert (off.status_code, off.json()["is_active"]) == (200, False)
    on = send(api, "POST", f"/api/v1/accounts/members/{member.pk}/reactivate")
    assert on.json()["is_active"] is True
    assert list(AuditLog.objects.order_by("id").values_list("action", flat=True)) == [
        "member.role_changed",
        "member.deactivated",
        "member.reactivated",
    ]


def test_the_last_admin_keeps_their_role(api):
    me = api.user.membership
    response = send(api, "PATCH", f"/api/v1/accounts/members/{me.pk}", {"role": "viewer"})
    assert (response.status_code, list(response.json()["detail"])) == (422, ["role"])
    me.refresh_from_db()
    assert me.role == "admin"


def test_managers_cannot_manage_members_and_other_orgs_are_not_found(member_client, other_org):
    manager = member_client("manager")
    body = {"username": "x3", "password": "long-enough-pass-1", "role": "viewer"}
    assert send(manager, "POST", "/api/v1/accounts/members", body).status_code == 403
    theirs = factories.make_member(other_org, "viewer").membership
    admin = member_client("admin")
    assert (
        send(admin, "POST", f"/api/v1/accounts/members/{theirs.pk}/deactivate").status_code == 404
    )
    theirs.user.refresh_from_db()
    assert theirs.user.is_active
