from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from vendorflow.accounts.models import Membership, Organization


def _run(*args):
    out = StringIO()
    call_command("create_member", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_creates_organization_and_admin():
    out = _run(
        "--organization",
        "acme",
        "--create-org",
        "Acme Brands",
        "--username",
        "ana",
        "--role",
        "admin",
        "--password",
        "correct-horse-battery",
    )
    member = Membership.objects.get(user__username="ana")
    assert (member.organization.slug, member.organization.name, member.role) == (
        "acme",
        "Acme Brands",
        "admin",
    )
    assert member.user.check_password("correct-horse-battery")
    assert out.splitlines() == [
        "Created organization acme (Acme Brands).",
        "Added ana as Admin of acme.",
    ]


@pytest.mark.django_db
def test_generated_password_is_printed_once_and_works():
    Organization.objects.create(name="Acme", slug="acme")
    out = _run("--organization", "acme", "--username", "bo", "--role", "viewer")
    password = out.splitlines()[-1].removeprefix("Generated password (shown once): ")
    assert Membership.objects.get(user__username="bo").user.check_password(password)


@pytest.mark.django_db
def test_unknown_organization_without_create_org_fails():
    with pytest.raises(
        CommandError, match="organization: No organization 'nope'; pass --create-org NAME"
    ):
        _run("--organization", "nope", "--username", "x", "--role", "viewer")
    assert not Organization.objects.exists()
