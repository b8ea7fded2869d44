"""A new member's username is letters, digits and @ . + - _ only: no spaces, no invisible or
direction-changing characters that would make a name in the audit log read as another one."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import PASSWORD
from vendorflow.accounts.models import AuditLog

User = get_user_model()
MESSAGE = (
    "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ "
    "characters."
)


@pytest.mark.parametrize(
    "username", ["anna smith", "anna\u200b", "\u202eanna", "<b>anna</b>", "a/b", "anna:1"]
)
def test_username_with_other_characters_is_refused(admin_client, org, username):
    before = User.objects.count()
    response = admin_client.post(
        "/accounts/members/add/",
        {"username": username, "password": PASSWORD, "role": "viewer"},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["username"] == [MESSAGE]
    assert User.objects.count() == before
    assert not AuditLog.objects.filter(action="member.added").exists()


@pytest.mark.parametrize("username", ["anna.s", "anna_s-1", "anna@example.com", "Ана", "a+b"])
def test_usual_usernames_are_accepted(admin_client, org, username):
    response = admin_client.post(
        "/accounts/members/add/",
        {"username": username, "password": PASSWORD, "role": "viewer"},
    )
    assert response.status_code == 302
    assert User.objects.get(username=username).membership.organization == org
