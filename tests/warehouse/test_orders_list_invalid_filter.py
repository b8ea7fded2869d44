"""An invalid filter in the orders link (a stale id, another organization's id, garbage) is
ignored on its own and named; the other filters, the status tab included, still apply."""

import pytest

from tests import factories
from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.customers import services


@pytest.fixture
def w(org):
    return world(org)


def _pos(response):
    return sorted(o.po_number for o in response.context["page"].items)


def test_status_and_fc_still_apply_next_to_a_bad_customer(w, org, other_org, member_client):
    order_for(w, [soap_line(product=w.soap)], po_number="OPEN0001", ship_to_code="BLR7")
    order_for(
        w, [soap_line(product=w.soap)], po_number="CLOSED01", ship_to_code="BLR7", status="closed"
    )
    order_for(
        w, [soap_line(product=w.soap)], po_number="CLOSED02", ship_to_code="DEL4", status="closed"
    )
    theirs = factories.make_customer(other_org, "THEIRS")
    viewer = member_client("viewer")
    for bad in ["abc", str(theirs.pk), "99999999999999999999"]:
        response = viewer.get(f"/orders/?status=closed&fc=blr7&customer={bad}")
        assert response.status_code == 200
        assert _pos(response) == ["CLOSED01"]
        page = response.content.decode()
        assert "Ignored filter, the other filters apply:" in page
        assert (
            "<li>Customer: Select a valid choice. That choice is not one of the available "
            "choices.</li>" in page
        )
        assert 'class="active">Closed' in " ".join(page.split())


def test_valid_filters_show_no_notice(w, member_client):
    order_for(w, [soap_line(product=w.soap)], po_number="OPEN0001")
    response = member_client("viewer").get(f"/orders/?customer={w.customer.pk}")
    assert _pos(response) == ["OPEN0001"]
    assert "Ignored filter" not in response.content.decode()


def test_audit_log_keeps_the_type_filter_next_to_an_unknown_actor(org, member_client):
    manager = member_client("manager")
    customer = services.create_customer(
        organization=org, actor=manager.user, fields={"code": "AMZ-2", "name": "Two"}
    )
    services.add_shipping_address(customer=customer, actor=manager.user, fields={"label": "Dock"})
    response = manager.get("/accounts/audit/?object_type=customers.customer&actor=abc")
    assert response.status_code == 200
    assert [e.action for e in response.context["page"].items] == ["customer.created"]
    assert "<li>Who: Select a valid choice." in response.content.decode()
