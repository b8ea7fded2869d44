from django.test import Client

from tests.factories import make_member
from vendorflow.accounts import services
from vendorflow.accounts.models import ApiToken, AuditLog

FORBIDDEN_MANAGER = "This needs the Manager role or higher; you are {role}."


def _client(org, role):
    user = make_member(org, role)
    key = services.create_token(member=user.membership, name="setup").key
    return user, Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_members_needs_manager(org):
    _, viewer = _client(org, "viewer")
    response = viewer.get("/api/v1/accounts/members")
    assert response.status_code == 403
    assert response.json() == {"detail": FORBIDDEN_MANAGER.format(role="Viewer")}


def test_manager_lists_own_organization_members(org, other_org):
    user, manager = _client(org, "manager")
    make_member(other_org, "admin", username="stranger")
    response = manager.get("/api/v1/accounts/members")
    assert response.status_code == 200
    assert [(m["username"], m["role"], m["is_active"]) for m in response.json()] == [
        (user.username, "manager", True)
    ]


def test_token_lifecycle_through_the_api(org):
    user, client = _client(org, "operator")
    created = client.post(
        "/api/v1/accounts/tokens", {"name": "ci"}, content_type="application/json"
    )
    assert created.status_code == 201
    body = created.json()
    assert body["key"].startswith("vf_") and body["prefix"] == body["key"][:11]
    token = ApiToken.objects.get(pk=body["id"])
    assert token.key_hash == ApiToken.hash_key(body["key"])
    listed = client.get("/api/v1/accounts/tokens").json()
    assert sorted(t["name"] for t in listed) == ["ci", "setup"]
    assert all("key" not in t for t in listed)
    assert client.delete(f"/api/v1/accounts/tokens/{token.pk}").status_code == 204
    assert not ApiToken.objects.filter(pk=token.pk).exists()


def test_empty_token_name_is_a_422(org):
    _, client = _client(org, "viewer")
    response = client.post(
        "/api/v1/accounts/tokens", {"name": " "}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": {"name": ["Give the token a name, e.g. the script that uses it."]}
    }


def test_cannot_revoke_someone_elses_token(org):
    other, _ = _client(org, "admin")
    _, client = _client(org, "admin")
    theirs = other.api_tokens.get()
    assert client.delete(f"/api/v1/accounts/tokens/{theirs.pk}").status_code == 404
    assert ApiToken.objects.filter(pk=theirs.pk).exists()


def test_audit_api_filters_and_needs_manager(org):
    user, manager = _client(org, "manager")
    _, operator = _client(org, "operator")
    response = operator.get("/api/v1/accounts/audit")
    assert response.status_code == 403
    assert response.json() == {"detail": FORBIDDEN_MANAGER.format(role="Operator")}
    response = manager.get(f"/api/v1/accounts/audit?actor={user.username}")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["action"] == "token.created"
    assert body["items"][0]["actor"] == user.username
    assert AuditLog.objects.count() == 2
