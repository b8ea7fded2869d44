from datetime import UTC, datetime, timedelta

import time_machine
from django.test import Client

from tests.factories import make_member
from vendorflow.accounts import services

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _token(org):
    user = make_member(org, "viewer")
    key = services.create_token(member=user.membership, name="handheld").key
    return user.api_tokens.get(), Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_a_second_use_within_the_minute_does_not_write_the_token(org):
    token, client = _token(org)
    with time_machine.travel(T0, tick=False):
        client.get("/api/v1/accounts/me")
    with time_machine.travel(T0 + timedelta(seconds=59), tick=False):
        assert client.get("/api/v1/accounts/me").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == T0


def test_a_use_a_minute_later_moves_last_used_on(org):
    token, client = _token(org)
    with time_machine.travel(T0, tick=False):
        client.get("/api/v1/accounts/me")
    with time_machine.travel(T0 + timedelta(seconds=60), tick=False):
        client.get("/api/v1/accounts/me")
    token.refresh_from_db()
    assert token.last_used_at == T0 + timedelta(seconds=60)
