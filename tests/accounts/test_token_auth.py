from django.test import Client

from tests.factories import make_member
from vendorflow.accounts import services


def _bearer(key):
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def _key(org, role="viewer"):
    user = make_member(org, role)
    return user, services.create_token(member=user.membership, name="script").key


def test_valid_token_authenticates_as_its_member(org):
    user, key = _key(org)
    response = _bearer(key).get("/api/v1/accounts/me")
    assert response.status_code == 200
    assert response.json() == {
        "user": {"id": user.pk, "username": user.username, "email": ""},
        "organization": {
            "id": org.pk,
            "name": "Acme Brands",
            "slug": org.slug,
            "time_zone": "Asia/Kolkata",
        },
        "role": "viewer",
        "time_zone": "",
    }


def test_last_used_is_recorded(org):
    user, key = _key(org)
    assert user.api_tokens.get().last_used_at is None
    _bearer(key).get("/api/v1/accounts/me")
    assert user.api_tokens.get().last_used_at is not None


def test_revoked_token_is_refused(org):
    user, key = _key(org)
    services.revoke_token(member=user.membership, token_id=user.api_tokens.get().pk)
    response = _bearer(key).get("/api/v1/accounts/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_wrong_token_is_refused(org):
    _key(org)
    assert _bearer("vf_not-a-real-token").get("/api/v1/accounts/me").status_code == 401
    assert Client().get("/api/v1/accounts/me").status_code == 401


def test_token_of_deactivated_member_is_refused(org):
    user, key = _key(org)
    user.is_active = False
    user.save()
    assert _bearer(key).get("/api/v1/accounts/me").status_code == 401
