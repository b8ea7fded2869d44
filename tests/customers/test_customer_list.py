from tests.factories import make_customer, map_warehouse


def _codes(response):
    return [c.code for c in response.context["page_obj"]]


def test_search_matches_code_name_tax_id_and_fc_code(member_client, org):
    a = make_customer(org, code="AMZ-A", name="Alpha Retail", tax_id="DE123")
    make_customer(org, code="AMZ-B", name="Beta Retail")
    map_warehouse(org, "BLR7", a)
    map_warehouse(org, "BLR8", a)
    client = member_client("viewer")
    assert _codes(client.get("/customers/", {"q": "amz-a"})) == ["AMZ-A"]
    assert _codes(client.get("/customers/", {"q": "beta"})) == ["AMZ-B"]
    assert _codes(client.get("/customers/", {"q": "de123"})) == ["AMZ-A"]
    assert _codes(client.get("/customers/", {"q": "blr"})) == ["AMZ-A"]  # once, not per code
    assert _codes(client.get("/customers/", {"q": "retail"})) == ["AMZ-A", "AMZ-B"]


def test_fc_codes_are_badges_and_list_is_paginated(member_client, org):
    for n in range(26):
        make_customer(org, code=f"C{n:02}", name=f"Customer {n:02}")
    from vendorflow.customers.models import Customer

    map_warehouse(org, "BLR7", Customer.objects.get(code="C00"))
    client = member_client("viewer")
    first = client.get("/customers/")
    assert len(first.context["page_obj"].object_list) == 25
    assert '<span class="badge">BLR7</span>' in first.content.decode()
    second = client.get("/customers/", {"page": 2, "q": "Customer"})
    assert _codes(second) == ["C25"]
    assert "q=Customer&amp;page=1" in second.content.decode()
