"""Each role may do exactly what the declared tables say: success, or 403 with nothing written."""

import itertools

import pytest

from tests import factories
from tests.security import routes
from tests.security.builders import ROLES, changed_tables, make_world, member_client, snapshot
from tests.security.reads import READ_QUERIES, READS, UI_READS
from tests.security.writes import WRITES, send
from vendorflow.accounts.choices import role_at_least
from vendorflow.channels.models import AmazonChannel

pytestmark = pytest.mark.django_db

SUCCESS = {200, 201, 202, 204, 302}
_worlds = itertools.count(1)


def _keys(route: routes.Route) -> list[str]:
    if route.is_api:
        return [f"{method} {route.pattern}" for method in route.methods]
    return [f"GET {route.pattern}", f"POST {route.pattern}"]


def test_every_route_and_operation_has_a_declared_role():
    undeclared, declared = [], set()
    for route in routes.all_routes():
        if routes.is_public(route):
            continue
        keys = _keys(route)
        declared.update(keys)
        if not any(key in READS or key in WRITES for key in keys):
            undeclared.append(str(route))
        if route.is_api:
            undeclared += [key for key in keys if key not in READS and key not in WRITES]
    stale = sorted((set(READS) | set(WRITES)) - declared)
    assert undeclared == []
    assert stale == []


def _role_world(role: str):
    """A fresh organization with one of everything, and a client of `role` in it."""
    world = make_world(factories.make_org(), prefix=f"R{next(_worlds)}")
    client = member_client(world.org, role)
    return world, client


@pytest.mark.parametrize("key", sorted(WRITES))
def test_writes_succeed_for_the_declared_roles_and_are_refused_below(key):
    method = key.split(" ", 1)[0]
    minimum, build = WRITES[key]
    offending = []
    for role in ROLES:
        world, client = _role_world(role)
        request = build(world, client.user)
        allowed = role_at_least(role, minimum)
        before = None if allowed else snapshot()
        response = send(client, method, request)
        if allowed and response.status_code not in SUCCESS:
            offending.append(f"{role}: {response.status_code} {_text(response)[:300]}")
        if not allowed and response.status_code != 403:
            offending.append(f"{role}: answered {response.status_code}, not 403")
        if not allowed and (changed := changed_tables(before, snapshot())):
            offending.append(f"{role}: refused, yet changed {changed}")
    assert offending == []


@pytest.mark.parametrize("key", sorted(READS))
def test_reads_answer_the_declared_roles_and_refuse_below(key):
    pattern = key.split(" ", 1)[1]
    route = routes.Route(pattern, ("GET",), is_api=pattern.startswith(routes.API_PREFIX))
    world = make_world(factories.make_org(), prefix=f"R{next(_worlds)}")
    offending = []
    for role in ROLES:
        client = member_client(world.org, role)
        query = READ_QUERIES.get(key, lambda w: {})(world)
        url = routes.concrete_url(route, world) if route.params else "/" + pattern
        if pattern.startswith("catalog/mappings/") and "channel" not in query:
            query["channel"] = world.channel.pk
        response = client.get(url, query)
        expected = 200 if role_at_least(role, READS[key]) else 403
        if response.status_code != expected:
            offending.append(f"{role}: answered {response.status_code}, not {expected}")
    assert offending == []


READ_ONLY_PAGES = sorted(
    key.split(" ", 1)[1] for key in UI_READS if f"POST {key.split(' ', 1)[1]}" not in WRITES
)


@pytest.mark.parametrize("pattern", READ_ONLY_PAGES)
def test_posting_to_a_read_only_page_writes_nothing(pattern):
    world, client = _role_world("admin")
    route = routes.Route(pattern, ("POST",), is_api=False)
    url = routes.concrete_url(route, world) if route.params else "/" + pattern
    before = snapshot()
    response = client.post(url, {"name": "x", "code": "X1", "active": "0"})
    assert response.status_code in {200, 405}
    assert changed_tables(before, snapshot()) == []


def test_only_an_admin_sets_channel_credentials():
    for role, expected in (("manager", 403), ("admin", 200)):
        world, client = _role_world(role)
        response = client.patch(
            f"/api/v1/channels/{world.channel.pk}",
            {"client_secret": "new-secret-value-0000"},
            content_type="application/json",
        )
        assert response.status_code == expected
        stored = AmazonChannel.objects.get(pk=world.channel.pk).client_secret
        assert (stored == "new-secret-value-0000") is (role == "admin")


def test_a_manager_posting_credentials_in_the_channel_form_changes_none():
    world, client = _role_world("manager")
    before = AmazonChannel.objects.values_list(
        "client_secret_encrypted", "refresh_token_encrypted", "lwa_client_id", "endpoint_override"
    ).get(pk=world.channel.pk)
    data = {
        "vendor_code": world.channel.vendor_code,
        "warehouse_codes": "WH1",
        "registered_emails": "ops@example.com",
        "sales_channel": world.sales_channel.pk,
        "client_secret": "new-secret-value-0000",
        "refresh_token": "Atzr|new-token",
        "lwa_client_id": "amzn1.other",
        "endpoint_override": "http://127.0.0.1:9/",
    }
    response = client.post(f"/channels/{world.channel.pk}/edit/", data)
    assert response.status_code == 302
    after = AmazonChannel.objects.values_list(
        "client_secret_encrypted", "refresh_token_encrypted", "lwa_client_id", "endpoint_override"
    ).get(pk=world.channel.pk)
    assert after == before


def _text(response) -> str:
    return "" if response.streaming else response.content.decode(errors="replace")
