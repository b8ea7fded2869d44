"""API token authentication failures are limited per address: API_TOKEN_FAILURE_LIMIT per window
of API_TOKEN_COOLOFF_MINUTES, then 429 for every token from that address until the window ends."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.factories import make_member
from vendorflow.accounts import services
from vendorflow.accounts.models import ApiTokenFailure

ME = "/api/v1/accounts/me"
HOME = "127.0.0.1"


@pytest.fixture(autouse=True)
def _three_failures(settings):
    settings.API_TOKEN_FAILURE_LIMIT = 3


def _get(key: str, address: str = HOME):
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}").get(ME, REMOTE_ADDR=address)


def _valid_key(org) -> str:
    return services.create_token(member=make_member(org).membership, name="script").key


def _used_up(address: str = HOME) -> list[int]:
    return [_get(f"vf_wrong-{n}", address).status_code for n in range(3)]


def test_the_defaults_are_twenty_failures_per_fifteen_minutes(settings):
    from vendorflow import settings as defaults

    assert (defaults.API_TOKEN_FAILURE_LIMIT, defaults.API_TOKEN_COOLOFF_MINUTES) == (20, 15)


def test_after_the_limit_every_token_from_that_address_gets_429(org):
    key = _valid_key(org)

    assert _used_up() == [401, 401, 401]
    response = _get(key)

    assert response.status_code == 429
    assert response.json() == {
        "detail": "Too many failed API token attempts from your address; try again in 15 minutes."
    }
    assert response["Retry-After"] == "900"
    failure = ApiTokenFailure.objects.get()
    assert (failure.ip_address, failure.failures) == (HOME, 3)


def test_a_refused_request_is_not_counted_and_a_valid_one_does_not_reset_the_count(org):
    key = _valid_key(org)
    _get("vf_wrong", HOME)
    assert _get(key).status_code == 200
    _get("vf_wrong", HOME)
    _get("vf_wrong", HOME)

    assert _get("vf_wrong").status_code == 429
    assert ApiTokenFailure.objects.get().failures == 3


def test_other_addresses_are_not_affected(org):
    key = _valid_key(org)
    _used_up()

    assert _get(key, address="10.0.0.9").status_code == 200


def test_the_address_may_try_again_once_the_window_ends(org):
    key = _valid_key(org)
    _used_up()

    with time_machine.travel(timezone.now() + timedelta(minutes=14)):
        assert _get(key).status_code == 429
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert _get(key).status_code == 200
        assert _get("vf_wrong").status_code == 401
    assert ApiTokenFailure.objects.get().failures == 1  # a new window


def test_requests_without_a_token_are_not_counted(org, client):
    assert [client.get(ME).status_code for _ in range(4)] == [401] * 4

    assert not ApiTokenFailure.objects.exists()


def test_the_unlock_command_clears_an_address(org):
    key = _valid_key(org)
    _used_up()
    out = StringIO()

    call_command("unlock", ip=HOME, stdout=out)

    assert out.getvalue() == (
        "Cleared 0 failed sign-in record(s) and 1 API token failure record(s).\n"
    )
    assert _get(key).status_code == 200


def test_the_unlock_command_needs_a_username_or_an_address():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Name a --username, an --ip or both."):
        call_command("unlock")


def test_the_unlock_command_refuses_what_is_not_an_address():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="'not-an-ip' is not an IP address."):
        call_command("unlock", ip="not-an-ip")
