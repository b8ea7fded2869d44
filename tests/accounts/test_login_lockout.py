"""Sign-in throttling: a username is locked out from one address after LOGIN_FAILURE_LIMIT
failed sign-ins for LOGIN_COOLOFF_MINUTES; an admin (page or API) or the operator (CLI) unlocks."""

from datetime import timedelta
from io import StringIO

import time_machine
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests import factories
from vendorflow.accounts import services
from vendorflow.accounts.models import AuditLog

LOGIN = "/accounts/login/"
HOME = "127.0.0.1"
LOCKED_MESSAGE = "so signing in with it from here is locked for 15 minutes"


def _sign_in(client: Client, username: str, password: str, address: str = HOME):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _fail(client: Client, username: str, times: int, address: str = HOME) -> list[int]:
    return [_sign_in(client, username, "wrong-password", address).status_code for _ in range(times)]


def _locked_out_member(org, settings):
    user = factories.make_member(org, "operator", username="ravi")
    client = Client()
    assert _fail(client, "ravi", settings.AXES_FAILURE_LIMIT) == [200] * 4 + [429]
    return user, client


def test_the_defaults_are_five_failures_and_fifteen_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_the_fifth_failure_locks_the_username_out_and_the_right_password_no_longer_works(
    org, settings
):
    factories.make_member(org, "operator", username="ravi")
    client = Client()

    answers = [_sign_in(client, "ravi", "wrong-password") for _ in range(5)]

    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert "Please enter a correct username and password" in answers[3].content.decode()
    assert LOCKED_MESSAGE in answers[4].content.decode()
    right = _sign_in(client, "ravi", factories.PASSWORD)
    assert right.status_code == 429
    assert LOCKED_MESSAGE in right.content.decode()
    assert not _signed_in(client)


def test_the_limit_comes_from_the_settings(org, settings):
    settings.AXES_FAILURE_LIMIT = 2
    factories.make_member(org, "viewer", username="asha")

    assert _fail(Client(), "asha", 2) == [200, 429]


def test_one_audit_entry_records_the_lockout_in_the_members_organization(org, other_org, settings):
    user, client = _locked_out_member(org, settings)
    _fail(client, "ravi", 3)  # refused while locked out: no further entries

    entries = AuditLog.objects.filter(action="member.locked_out")
    assert [(e.organization_id, e.actor_id, e.object_id) for e in entries] == [
        (org.pk, None, str(user.membership.pk))
    ]
    assert entries.get().changes == {"ip_address": HOME, "failures": 5, "minutes": 15}
    assert not AuditLog.objects.filter(organization=other_org).exists()


def test_a_lockout_holds_for_that_address_only(org, settings):
    _locked_out_member(org, settings)
    elsewhere = Client()

    response = _sign_in(elsewhere, "ravi", factories.PASSWORD, address="10.0.0.7")

    assert response.status_code == 302
    assert _signed_in(elsewhere)


def test_the_lockout_is_seen_by_every_client_because_it_lives_in_the_database(org, settings):
    _locked_out_member(org, settings)

    fresh = Client()  # another session, as another web process would see it
    assert _sign_in(fresh, "ravi", factories.PASSWORD).status_code == 429
    assert list(AccessAttempt.objects.values_list("username", "ip_address")) == [("ravi", HOME)]


def test_the_lockout_ends_after_the_cooling_off_time(org, settings):
    _locked_out_member(org, settings)
    client = Client()

    with time_machine.travel(timezone.now() + timedelta(minutes=14)):
        assert _sign_in(client, "ravi", factories.PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=30)):
        assert _sign_in(client, "ravi", factories.PASSWORD).status_code == 302
    assert _signed_in(client)


def test_an_unknown_username_is_locked_out_too_with_no_audit_entry(org, settings):
    assert _fail(Client(), "nobody", 5) == [200, 200, 200, 200, 429]

    assert not AuditLog.objects.exists()


def test_a_successful_sign_in_starts_the_count_again(org, settings):
    factories.make_member(org, "viewer", username="asha")
    client = Client()
    _fail(client, "asha", 4)
    assert _sign_in(client, "asha", factories.PASSWORD).status_code == 302
    client.logout()

    assert _fail(client, "asha", 4) == [200] * 4
    assert not AccessAttempt.objects.filter(failures_since_start__gte=5).exists()


# --- unlocking -------------------------------------------------------------------------------


def test_an_admin_sees_the_lockout_on_the_members_page_and_unlocks_it(org, settings, member_client):
    user, locked = _locked_out_member(org, settings)
    admin = member_client("admin")

    page = admin.get("/accounts/members/").content.decode()
    assert "Locked-out sign-ins" in page
    assert f'action="/accounts/members/{user.membership.pk}/unlock/"' in page
    response = admin.post(f"/accounts/members/{user.membership.pk}/unlock/", follow=True)

    assert "ravi is unlocked: they can sign in again from anywhere." in response.content.decode()
    assert not AccessAttempt.objects.exists()
    entry = AuditLog.objects.get(action="member.unlocked")
    assert (entry.actor_id, entry.object_id, entry.changes) == (
        admin.user.pk,
        str(user.membership.pk),
        {"attempts_cleared": 1},
    )
    assert _sign_in(locked, "ravi", factories.PASSWORD).status_code == 302


def test_unlocking_a_member_who_is_not_locked_out_says_so_and_records_nothing(org, member_client):
    user = factories.make_member(org, "viewer", username="asha")
    admin = member_client("admin")

    response = admin.post(f"/accounts/members/{user.membership.pk}/unlock/", follow=True)

    assert "asha was not locked out." in response.content.decode()
    assert not AuditLog.objects.filter(action="member.unlocked").exists()


def test_an_admin_of_another_organization_cannot_unlock_or_see_the_lockout(
    org, other_org, settings, member_client
):
    user, _ = _locked_out_member(org, settings)
    stranger = member_client("admin", organization=other_org)

    assert "ravi" not in stranger.get("/accounts/members/").content.decode()
    response = stranger.post(f"/accounts/members/{user.membership.pk}/unlock/")

    assert response.status_code == 404
    assert AccessAttempt.objects.count() == 1
    assert not AuditLog.objects.filter(action="member.unlocked").exists()


def test_the_api_lists_and_unlocks(org, other_org, settings):
    user, locked = _locked_out_member(org, settings)
    admin = factories.make_member(org, "admin")
    key = services.create_token(member=admin.membership, name="ops").key
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    listed = api.get("/api/v1/accounts/lockouts").json()
    assert [(e["member_id"], e["username"], e["ip_address"], e["failures"]) for e in listed] == [
        (user.membership.pk, "ravi", HOME, 5)
    ]
    response = api.post(f"/api/v1/accounts/members/{user.membership.pk}/unlock")

    assert response.status_code == 200
    assert response.json() == {
        "member_id": user.membership.pk,
        "username": "ravi",
        "attempts_cleared": 1,
    }
    assert api.get("/api/v1/accounts/lockouts").json() == []
    assert _sign_in(locked, "ravi", factories.PASSWORD).status_code == 302


def test_the_api_refuses_a_member_of_another_organization(org, other_org, settings):
    user, _ = _locked_out_member(org, settings)
    stranger = factories.make_member(other_org, "admin")
    key = services.create_token(member=stranger.membership, name="ops").key
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    assert api.get("/api/v1/accounts/lockouts").json() == []
    assert api.post(f"/api/v1/accounts/members/{user.membership.pk}/unlock").status_code == 404
    assert AccessAttempt.objects.count() == 1


def test_the_unlock_command_clears_a_username(org, settings):
    user, locked = _locked_out_member(org, settings)
    out = StringIO()

    call_command("unlock", username="ravi", stdout=out)

    assert out.getvalue() == (
        "Cleared 1 failed sign-in record(s) and 0 API token failure record(s).\n"
    )
    entry = AuditLog.objects.get(action="member.unlocked")
    assert (entry.actor_id, entry.changes) == (
        None,
        {"attempts_cleared": 1, "by": "vendorflow unlock"},
    )
    assert _sign_in(locked, "ravi", factories.PASSWORD).status_code == 302
