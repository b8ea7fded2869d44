from tests import factories
from tests.importing.builders import channel_with_customer, purchase_order
from vendorflow.orders.choices import ExceptionReason, ExceptionStatus
from vendorflow.orders.import_payload import purchase_order_from_payload
from vendorflow.orders.importing import (
    ImportResult,
    import_purchase_orders,
    open_exception_count,
    reprocess_exceptions,
    unmapped_warehouse_codes,
)
from vendorflow.orders.models import ImportException, Order


def test_a_po_for_an_unmapped_fc_is_held_not_imported(org):
    channel, _, _ = channel_with_customer(org, code="BLR7")
    po = purchase_order("PO9", ship_to_party_id="DEL4")

    result = import_purchase_orders(channel=channel, purchase_orders=[po])

    assert result == ImportResult(held=1)
    assert not Order.objects.exists()
    held = ImportException.objects.get()
    assert (held.organization, held.channel, held.po_number) == (org, channel, "PO9")
    assert held.reason == ExceptionReason.NO_CUSTOMER
    assert held.message == "No customer is mapped to marketplace warehouse code DEL4"
    assert held.ship_to_code == "DEL4"
    assert held.status == ExceptionStatus.OPEN
    assert held.payload["raw"] == {"purchaseOrderNumber": "PO9"}
    assert purchase_order_from_payload(held.payload) == po
    assert open_exception_count(org) == 1
    assert unmapped_warehouse_codes(org) == [("DEL4", 1)]


def test_mapping_the_code_and_reprocessing_makes_the_order_and_resolves_the_exception(org):
    channel, _, _ = channel_with_customer(org, code="BLR7")
    import_purchase_orders(
        channel=channel,
        purchase_orders=[
            purchase_order("PO9", ship_to_party_id="DEL4"),
            purchase_order("PO8", ship_to_party_id="PNQ1"),
        ],
    )
    delhi = factories.make_customer(org, "AMZ-DEL4")
    factories.map_warehouse(org, "DEL4", delhi)

    assert reprocess_exceptions(organization=org, code="del4") == 1

    order = Order.objects.get()
    assert (order.po_number, order.customer, order.ship_to_code) == ("PO9", delhi, "DEL4")
    assert order.lines.count() == 2
    resolved = ImportException.objects.get(po_number="PO9")
    assert (resolved.status, resolved.order) == (ExceptionStatus.RESOLVED, order)
    assert resolved.resolved_at is not None
    assert ImportException.objects.get(po_number="PO8").status == ExceptionStatus.OPEN
    assert unmapped_warehouse_codes(org) == [("PNQ1", 1)]
    # Idempotent: a second reprocess finds nothing to do.
    assert reprocess_exceptions(organization=org) == 0
    assert Order.objects.count() == 1


def test_reprocess_leaves_codes_that_are_still_unmapped_alone(org):
    channel, _, _ = channel_with_customer(org, code="BLR7")
    import_purchase_orders(
        channel=channel, purchase_orders=[purchase_order("PO9", ship_to_party_id="DEL4")]
    )

    assert reprocess_exceptions(organization=org) == 0
    assert ImportException.objects.get().status == ExceptionStatus.OPEN
    assert not Order.objects.exists()


def test_reprocess_is_scoped_to_the_organization(org, other_org):
    channel, _, _ = channel_with_customer(org, code="BLR7")
    import_purchase_orders(
        channel=channel, purchase_orders=[purchase_order("PO9", ship_to_party_id="DEL4")]
    )
    factories.map_warehouse(other_org, "DEL4", factories.make_customer(other_org, "THEIRS"))

    assert reprocess_exceptions(organization=other_org) == 0
    assert reprocess_exceptions(organization=org) == 0
    assert not Order.objects.exists()


def test_reprocess_by_exception_id_only_touches_those(org):
    channel, _, _ = channel_with_customer(org, code="BLR7")
    import_purchase_orders(
        channel=channel,
        purchase_orders=[
            purchase_order("PO1", ship_to_party_id="DEL4"),
            purchase_order("PO2", ship_to_party_id="DEL4"),
        ],
    )
    factories.map_warehouse(org, "DEL4", factories.make_customer(org, "AMZ-DEL4"))
    first = ImportException.objects.get(po_number="PO1")

    assert reprocess_exceptions(organization=org, exception_ids=[first.pk]) == 1

    assert list(Order.objects.values_list("po_number", flat=True)) == ["PO1"]


def test_a_later_sync_after_mapping_also_resolves_the_exception(org):
    channel, _, _ = channel_with_customer(org, code="BLR7")
    po = purchase_order("PO9", ship_to_party_id="DEL4")
    import_purchase_orders(channel=channel, purchase_orders=[po])
    factories.map_warehouse(org, "DEL4", factories.make_customer(org, "AMZ-DEL4"))

    assert import_purchase_orders(channel=channel, purchase_orders=[po]) == ImportResult(new=1)

    held = ImportException.objects.get()
    assert (held.status, held.order) == (ExceptionStatus.RESOLVED, Order.objects.get())
    assert open_exception_count(org) == 0
