"""The dashboard's failed-acknowledgements tile links to a list of exactly those orders."""

import re

from tests.warehouse.builders import order_for, soap_line, world
from vendorflow.orders.models import Acknowledgement


def test_the_tile_count_is_the_length_of_the_list_it_links_to(org, other_org, member_client):
    w = world(org)
    for n, state in enumerate(["failed", "failed", "confirmed", None]):
        order = order_for(w, [soap_line(product=w.soap)], po_number=f"ACK{n:05d}")
        if state:
            Acknowledgement.objects.create(organization=org, order=order, state=state)
    theirs = order_for(world(other_org), [soap_line()], po_number="THEIRS01")
    Acknowledgement.objects.create(organization=other_org, order=theirs, state="failed")
    client = member_client("viewer")

    dashboard = client.get("/").content.decode()
    link, count = re.search(r'<a class="big" href="([^"]+)" id="card-ack-failed">(\d+)</a>',
                            dashboard).groups()  # fmt: skip
    listed = client.get(link.replace("&amp;", "&"))

    assert (link, count) == ("/orders/?ack=failed", "2")
    assert sorted(order.po_number for order, _ in listed.context["rows"]) == [
        "ACK00000",
        "ACK00001",
    ]
    api = client.get("/api/v1/orders?ack=failed").json()
    assert api["count"] == 2
