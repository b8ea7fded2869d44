import pytest

from tests import factories
from tests.importing.builders import changed, channel_with_customer, po_line, purchase_order
from vendorflow.orders.importing import ImportResult, import_purchase_orders

# Savepoint, 4 loads (FC mappings, default location, product mappings, existing orders), then
# the writes: one statement per table whatever the page size.
NEW_PAGE_QUERIES = 12
CHANGED_PAGE_QUERIES = 14


def _page(prefix, count):
    return [
        purchase_order(f"{prefix}{n}", lines=[po_line(i) for i in range(1, 21)])
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [1, 60])
def test_a_page_of_new_pos_takes_the_same_queries_however_large(
    org, count, django_assert_max_num_queries
):
    channel, _, _ = channel_with_customer(org)
    for i in range(1, 21):
        factories.map_product(
            channel, factories.make_product(org, f"SKU{i}"), asin=f"B0ASIN{i:04d}"
        )
    page = _page("PO", count) + [purchase_order("HELD", ship_to_party_id="NOPE")]

    with django_assert_max_num_queries(NEW_PAGE_QUERIES):
        result = import_purchase_orders(channel=channel, purchase_orders=page)

    assert result == ImportResult(new=count, held=1)


@pytest.mark.parametrize("count", [1, 60])
def test_a_page_of_changed_pos_takes_the_same_queries_however_large(
    org, count, django_assert_max_num_queries
):
    channel, _, _ = channel_with_customer(org)
    page = _page("PO", count)
    import_purchase_orders(channel=channel, purchase_orders=page)
    later = [changed(po, lines=(*po.lines[:10], po_line(21), po_line(22))) for po in page]

    with django_assert_max_num_queries(CHANGED_PAGE_QUERIES):
        result = import_purchase_orders(channel=channel, purchase_orders=later)

    assert result == ImportResult(changed=count)


def test_an_unchanged_page_only_reads(org, django_assert_num_queries):
    channel, _, _ = channel_with_customer(org)
    page = _page("PO", 30)
    import_purchase_orders(channel=channel, purchase_orders=page)

    with django_assert_num_queries(6):  # savepoint, 4 loads, release
        assert import_purchase_orders(channel=channel, purchase_orders=page) == ImportResult(
            unchanged=30
        )
