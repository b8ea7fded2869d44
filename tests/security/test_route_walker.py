"""Walk every route: sign-in is required, and another organization's objects are not found."""

import pytest

from tests.security import routes
from tests.security.builders import (
    changed_tables,
    clients_by_role,
    make_world,
    snapshot,
)
from tests.security.writes import WRITES, Request, send
from vendorflow.accounts.choices import Role

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
# Text that only organization B's rows carry: none of it may reach a member of A.
B_MARKERS = ("BPO1", "BPO2", "B-BLR7", "BVEND", "BHELD1", "b-admin", "b-operator")


def test_every_route_is_described_for_the_walk():
    problems = [problem for route in routes.all_routes() if (problem := routes.unmapped(route))]
    ui = {route.pattern for route in routes.ui_routes()}
    api = {route.pattern for route in routes.api_routes()}
    problems += [f"stale UI entry {p}" for p in routes.UI_OBJECTS if p not in ui]
    problems += [f"stale API entry {p}" for p in routes.API_OBJECTS if p not in api]
    undocumented = routes.api_patterns_in_resolver() - api - routes.PUBLIC_API
    problems += [f"API path missing from the OpenAPI schema: {p}" for p in sorted(undocumented)]
    assert problems == []


def test_anonymous_requests_are_sent_to_sign_in(client, other_org):
    world = make_world(other_org)
    offending = []
    for route in routes.all_routes():
        if routes.is_public(route):
            continue
        url = routes.concrete_url(route, world)
        statuses = [send(client, m, Request(url, json=route.is_api)) for m in route.methods]
        problem = _anonymous_problem(route, url, statuses)
        if problem:
            offending.append(f"{route}: {problem}")
    assert offending == []


def _anonymous_problem(route, url: str, responses) -> str:
    codes = [r.status_code for r in responses]
    if route.is_api:
        return "" if set(codes) == {401} else f"answered {codes}, not 401"
    to_login = [r.status_code == 302 and r["Location"].startswith(LOGIN) for r in responses]
    allowed = all(ok or r.status_code == 405 for ok, r in zip(to_login, responses, strict=True))
    return "" if allowed and any(to_login) else f"answered {codes}, not a sign-in redirect"


def _bodies(world) -> dict[tuple[str, str], Request]:
    """For each (method, pattern) with a write example: the example's body for `world`."""
    return {
        tuple(key.split(" ", 1)): build(world, world.admin) for key, (_, build) in WRITES.items()
    }


def test_members_of_another_organization_get_404_for_every_object(org, other_org):
    world = make_world(other_org)
    bodies = _bodies(world)
    clients = clients_by_role(org)
    before = snapshot()
    offending = []
    for route in routes.all_routes():
        if not route.params:
            continue
        url = routes.concrete_url(route, world)
        for method in route.methods:
            example = bodies.get((method, route.pattern), Request(url, json=route.is_api))
            request = Request(url, example.data if method != "GET" else {}, json=example.json)
            for role, client in clients.items():
                problem = _foreign_problem(role, send(client, method, request))
                if problem:
                    offending.append(f"{method} {url} as {role}: {problem}")
    assert offending == []
    assert changed_tables(before, snapshot()) == []


def _foreign_problem(role: str, response) -> str:
    allowed = {404, 405} if role == Role.ADMIN else {403, 404, 405}
    if response.status_code not in allowed:
        return f"answered {response.status_code}, expected one of {sorted(allowed)}"
    body = b"" if response.streaming else response.content
    leaked = [marker for marker in B_MARKERS if marker.encode() in body]
    return f"shows {leaked}" if leaked else ""


# Ids of B's objects given where the URL belongs to A (query strings, form fields, JSON bodies).
FOREIGN_REFERENCES = [
    ("GET", lambda a, b: Request(f"/catalog/mappings/?channel={b.channel.pk}"), {404}),
    ("GET", lambda a, b: Request(f"/catalog/mappings/export.csv?channel={b.channel.pk}"), {404}),
    (
        "GET",
        lambda a, b: Request(
            f"/catalog/mappings/suggest-product/?channel={b.channel.pk}&vendor_product_id=1"
        ),
        {404},
    ),
    (
        "POST",
        lambda a, b: Request(
            f"/catalog/mappings/new/?channel={b.channel.pk}", {"asin": "B0X", "sku": "SKU-1"}
        ),
        {404},
    ),
    (
        "POST",
        lambda a, b: Request(
            f"/catalog/mappings/suggestions/?channel={b.channel.pk}", {"identifiers": "B0X,1"}
        ),
        {404},
    ),
    (
        "POST",
        lambda a, b: Request(
            "/customers/warehouse-codes/new/", {"code": "DEL9", "customer": b.customer.pk}
        ),
        {422},
    ),
    (
        "POST",
        lambda a, b: Request(
            f"/customers/{a.customer.pk}/mappings/", {"code": "DEL9", "location": b.location.pk}
        ),
        {302, 422},
    ),
    (
        "POST",
        lambda a, b: Request(
            "/channels/add/amazon/",
            {
                "vendor_code": "NEWV",
                "warehouse_codes": "WH1",
                "registered_emails": "a@b.co",
                "sales_channel": b.sales_channel.pk,
            },
        ),
        {422},
    ),
    (
        "POST",
        lambda a, b: Request(
            f"/orders/{a.order.pk}/lines/{b.line.pk}/bulk/", {"quantity_eaches": 1}
        ),
        {404},
    ),
    ("POST", lambda a, b: Request("/orders/acknowledge/", {"orders": [b.order.pk]}), {302}),
    ("POST", lambda a, b: Request("/orders/exceptions/reprocess/", {"code": "DEL4"}), {302}),
    ("GET", lambda a, b: Request(f"/api/v1/catalog/mappings?channel_id={b.channel.pk}"), {404}),
    (
        "POST",
        lambda a, b: Request(
            "/api/v1/catalog/mappings",
            {"channel_id": b.channel.pk, "asin": "B0X", "sku": "SKU-1"},
            json=True,
        ),
        {404},
    ),
    (
        "POST",
        lambda a, b: Request(
            "/api/v1/catalog/mappings/suggestions",
            {"channel_id": b.channel.pk, "identifiers": [{"asin": "B0X"}]},
            json=True,
        ),
        {404},
    ),
    (
        "POST",
        lambda a, b: Request(
            "/api/v1/customers/warehouse-codes",
            {"code": "DEL9", "customer_id": b.customer.pk},
            json=True,
        ),
        {422},
    ),
    (
        "PATCH",
        lambda a, b: Request(
            f"/api/v1/customers/warehouse-codes/{a.warehouse_mapping.pk}",
            {"customer_id": b.customer.pk, "location_id": b.location.pk},
            json=True,
        ),
        {422},
    ),
    (
        "POST",
        lambda a, b: Request(
            "/api/v1/channels/",
            {
                "vendor_code": "NEWV",
                "warehouse_codes": ["WH1"],
                "registered_emails": ["a@b.co"],
                "sales_channel_id": b.sales_channel.pk,
            },
            json=True,
        ),
        {422},
    ),
    (
        "PATCH",
        lambda a, b: Request(
            f"/api/v1/channels/{a.channel.pk}", {"sales_channel_id": b.sales_channel.pk}, json=True
        ),
        {422},
    ),
    (
        "POST",
        lambda a, b: Request(
            f"/api/v1/orders/{a.order.pk}/scans/bulk",
            {"line_id": b.line.pk, "quantity_eaches": 1},
            json=True,
        ),
        {422},
    ),
    (
        "POST",
        lambda a, b: Request("/api/v1/exceptions/reprocess", {"code": "DEL4"}, json=True),
        {200},
    ),
]


def test_ids_of_another_organization_in_queries_and_bodies_are_refused(org, other_org):
    mine, theirs = make_world(org, "A"), make_world(other_org)
    client = clients_by_role(org)[Role.ADMIN]
    requests = [(method, build(mine, theirs), ok) for method, build, ok in FOREIGN_REFERENCES]
    before = snapshot()
    offending = []
    for method, request, ok in requests:
        response = send(client, method, request)
        problem = _reference_problem(response, ok)
        if problem:
            offending.append(f"{method} {request.url}: {problem}")
    after = snapshot()
    assert offending == []
    assert _b_rows(before, other_org) == _b_rows(after, other_org)


def _reference_problem(response, ok: set[int]) -> str:
    if response.status_code not in ok:
        return f"answered {response.status_code}, expected one of {sorted(ok)}"
    body = b"" if response.streaming else response.content
    leaked = [marker for marker in B_MARKERS if marker.encode() in body]
    return f"shows {leaked}" if leaked else ""


def _b_rows(rows: dict, organization) -> dict:
    """All rows, less those A's own writes may add (audit entries of A)."""
    audit = [row for row in rows["accounts.AuditLog"] if row[1] == str(organization.pk)]
    return {**rows, "accounts.AuditLog": audit}


def test_the_public_routes_show_no_organization_data(client, other_org):
    make_world(other_org)
    answers = {url: client.get(url) for url in ("/healthz", "/accounts/login/", "/api/v1/docs")}
    assert {url: r.status_code for url, r in answers.items()} == dict.fromkeys(answers, 200)
    assert client.get("/api/v1/").status_code == 404
    for response in [*answers.values(), client.get("/api/v1/openapi.json")]:
        assert [m for m in B_MARKERS if m.encode() in response.content] == []


def test_the_staff_admin_refuses_organization_members(other_org):
    world = make_world(other_org)
    for role, client in clients_by_role(other_org).items():
        response = client.get(f"/admin/channels/amazonchannel/{world.channel.pk}/change/")
        assert (role, response.status_code) == (role, 302)
        assert response["Location"].startswith("/admin/login/")
