"""CSRF stays on: every form POST and every session-authenticated API write needs the token."""

import pytest
from django.test import Client

from tests import factories
from tests.security import routes
from tests.security.builders import changed_tables, make_world, member_client, snapshot
from tests.security.writes import API_WRITES, UI_WRITES, Request, send

pytestmark = pytest.mark.django_db

SUCCESS = {200, 201, 202, 204, 302}


def _strict_admin(org) -> Client:
    return member_client(org, "admin", enforce_csrf_checks=True)


def _example(key: str, table, world, user):
    method = key.split(" ", 1)[0]
    return method, table[key][1](world, user)


def test_every_form_post_without_the_token_is_refused(org):
    world = make_world(org, "C")
    client = _strict_admin(org)
    requests = []
    for route in routes.ui_routes():
        key = f"POST {route.pattern}"
        if key in UI_WRITES:
            requests.append(_example(key, UI_WRITES, world, client.user)[1])
        else:
            requests.append(_plain(route, world))
    before = snapshot()
    refused = {
        request.url: client.post(request.url, request.data).status_code for request in requests
    }
    assert {url: status for url, status in refused.items() if status != 403} == {}
    assert changed_tables(before, snapshot()) == []


def _plain(route, world) -> Request:
    url = routes.concrete_url(route, world) if route.params else "/" + route.pattern
    return Request(url)


def test_api_writes_over_the_session_need_the_csrf_header(org):
    world = make_world(org, "C")
    client = _strict_admin(org)
    requests = [_example(key, API_WRITES, world, client.user) for key in sorted(API_WRITES)]
    before = snapshot()
    answered = {f"{m} {r.url}": send(client, m, r).status_code for m, r in requests}
    assert {key: status for key, status in answered.items() if status != 403} == {}
    assert changed_tables(before, snapshot()) == []


def test_a_session_write_with_the_csrf_header_goes_through(org):
    client = _strict_admin(org)
    client.get("/accounts/tokens/")  # the page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/channels/sales-channels",
        {"name": "Retail"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201
    form = client.post("/channels/sales/new/", {"name": "Wholesale", "csrfmiddlewaretoken": token})
    assert form.status_code == 302


@pytest.mark.parametrize("key", sorted(API_WRITES))
def test_bearer_token_writes_need_no_csrf_token(key):
    world = make_world(factories.make_org(), "T")
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {world.token_key}")
    method, request = _example(key, API_WRITES, world, world.admin)
    response = send(client, method, request)
    assert response.status_code in SUCCESS, response.content[:300]
