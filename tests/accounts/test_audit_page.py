from tests.factories import make_member
from vendorflow.accounts import audit
from vendorflow.accounts.models import AuditLog


def _entries(org, actor, n, object_type="customers.customer"):
    for i in range(n):
        audit.record(
            organization=org,
            actor=actor,
            action="customer.updated",
            object_type=object_type,
            changes={"name": [f"a{i}", f"b{i}"]},
        )


def test_manager_sees_the_log_with_changes(member_client, org):
    client = member_client("manager")
    _entries(org, client.user, 1)
    body = client.get("/accounts/audit/").content.decode()
    assert "customer.updated" in body
    assert "[&#x27;a0&#x27;, &#x27;b0&#x27;]" in body


def test_operator_cannot_see_the_log(member_client):
    assert member_client("operator").get("/accounts/audit/").status_code == 403


def test_filter_by_type_and_actor(member_client, org):
    client = member_client("manager")
    other = make_member(org, "manager")
    _entries(org, client.user, 2)
    _entries(org, other, 3, object_type="customers.warehousecodemapping")
    by_type = client.get("/accounts/audit/", {"object_type": "customers.warehousecodemapping"})
    assert len(by_type.context["page"].items) == 3
    by_actor = client.get("/accounts/audit/", {"actor": client.user.pk})
    assert len(by_actor.context["page"].items) == 2


def test_log_is_paginated(member_client, org):
    client = member_client("admin")
    _entries(org, client.user, 51)
    first = client.get("/accounts/audit/")
    assert len(first.context["page"].items) == 50
    second = client.get("/accounts/audit/", {"after": first.context["page"].next_cursor})
    assert len(second.context["page"].items) == 1
    assert second.context["page"].next_cursor is None
    assert AuditLog.objects.count() == 51
