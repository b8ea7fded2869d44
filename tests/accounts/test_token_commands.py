"""A first API token from the shell: `create_member --token` and `create_token`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests import factories
from vendorflow.accounts.models import ApiToken, AuditLog, Membership


def _run(command, *args):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_create_member_with_a_token_prints_a_key_that_works(client):
    out = _run(
        "create_member",
        *("--organization", "acme", "--create-org", "Acme", "--username", "erp"),
        *("--role", "manager", "--password", "correct-horse-battery", "--token", "erp"),
    )
    last = out.splitlines()[-1]
    assert last.startswith("API token 'erp' (shown once): ")
    key = last.rsplit(" ", 1)[1]
    token = ApiToken.objects.get()
    assert (token.name, token.user.username, token.key_hash) == (
        "erp",
        "erp",
        ApiToken.hash_key(key),
    )
    me = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert (me.status_code, me.json()["role"]) == (200, "manager")


@pytest.mark.django_db
def test_a_bad_token_name_adds_no_member_either():
    with pytest.raises(CommandError, match="name: The name must be at most 100 characters."):
        _run(
            "create_member",
            *("--organization", "acme", "--create-org", "Acme", "--username", "erp"),
            *("--role", "manager", "--password", "correct-horse-battery", "--token", "x" * 101),
        )
    assert not Membership.objects.exists() and not ApiToken.objects.exists()


def test_create_token_for_an_existing_member_is_audited(org, client):
    factories.make_member(org, "operator", username="scanner")
    key = _run("create_token", "--user", "scanner", "--name", "handheld", "--key-only").strip()
    me = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert me.json()["user"]["username"] == "scanner"
    entry = AuditLog.objects.get()
    assert (entry.action, entry.actor.username) == ("token.created", "scanner")


def test_create_token_refuses_an_unknown_user(org):
    with pytest.raises(CommandError, match="No active member has the username 'nobody'."):
        _run("create_token", "--user", "nobody", "--name", "x")
    assert not ApiToken.objects.exists()
