import hashlib
import re

from tests.factories import make_member
from vendorflow.accounts.models import ApiToken, AuditLog


def _create(client, name="ERP export"):
    response = client.post("/accounts/tokens/create/", {"name": name})
    assert response.status_code == 200
    return response, response.context["new_key"]


def test_key_is_shown_once_and_only_its_sha256_is_stored(member_client):
    client = member_client("viewer")
    response, key = _create(client)
    assert re.fullmatch(r"vf_[A-Za-z0-9_-]{43}", key)
    assert key in response.content.decode()
    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:11]
    assert token.user == client.user
    stored = [str(v) for v in ApiToken.objects.values_list(flat=False).get()]
    assert key not in stored
    later = client.get("/accounts/tokens/").content.decode()
    assert key not in later
    assert f"{token.prefix}…" in later


def test_create_token_requires_a_name(member_client):
    client = member_client("viewer")
    response = client.post("/accounts/tokens/create/", {"name": ""})
    assert response.status_code == 422
    assert response.context["form"].errors["name"] == ["This field is required."]
    assert not ApiToken.objects.exists()


def test_member_revokes_own_token(member_client):
    client = member_client("operator")
    _create(client)
    token = ApiToken.objects.get()
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    entry = AuditLog.objects.get(action="token.revoked")
    assert entry.changes == {"name": "ERP export", "prefix": token.prefix}
    assert entry.actor == client.user


def test_member_cannot_revoke_a_colleagues_token(member_client, org):
    colleague = make_member(org, "viewer")
    token = ApiToken.objects.create(
        user=colleague, name="theirs", prefix="vf_abc", key_hash="x" * 64
    )
    client = member_client("admin")
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_token_list_shows_only_own_tokens(member_client, org):
    colleague = make_member(org, "viewer")
    ApiToken.objects.create(
        user=colleague, name="colleague-token", prefix="vf_zzz", key_hash="y" * 64
    )
    client = member_client("admin")
    assert b"colleague-token" not in client.get("/accounts/tokens/").content
