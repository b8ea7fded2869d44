from tests.importing.builders import channel_with_customer, po_line, purchase_order
from vendorflow.orders import dto
from vendorflow.orders.choices import ExceptionReason, ExceptionStatus
from vendorflow.orders.importing import ImportResult, import_purchase_orders
from vendorflow.orders.models import ImportException, Order


def test_a_rejected_po_is_quarantined_while_the_rest_of_its_page_imports(org):
    channel, _, _ = channel_with_customer(org)
    bad = dto.RejectedPurchaseOrder(
        "PO2",
        "items.0.orderedQuantity.amount: -1 is less than the minimum of 0",
        raw={"purchaseOrderNumber": "PO2"},
    )

    result = import_purchase_orders(
        channel=channel,
        purchase_orders=[purchase_order("PO1"), purchase_order("PO3")],
        rejected=[bad],
    )

    assert result == ImportResult(new=2, invalid=1)
    assert sorted(Order.objects.values_list("po_number", flat=True)) == ["PO1", "PO3"]
    held = ImportException.objects.get()
    assert (held.po_number, held.reason, held.status) == (
        "PO2",
        ExceptionReason.INVALID_PAYLOAD,
        ExceptionStatus.OPEN,
    )
    assert held.message == "items.0.orderedQuantity.amount: -1 is less than the minimum of 0"
    assert held.payload == {"raw": {"purchaseOrderNumber": "PO2"}}


def test_a_po_the_database_cannot_hold_is_quarantined_with_the_reason(org):
    channel, _, _ = channel_with_customer(org)
    po = purchase_order("PO1", lines=[po_line(1), po_line(1, ordered_quantity=-2)])

    result = import_purchase_orders(channel=channel, purchase_orders=[po, purchase_order("PO2")])

    assert result == ImportResult(new=1, invalid=1)
    held = ImportException.objects.get()
    assert held.po_number == "PO1"
    assert (
        held.message
        == "itemSequenceNumber is repeated; item 1: orderedQuantity must not be negative"
    )
    assert list(Order.objects.values_list("po_number", flat=True)) == ["PO2"]


def test_a_valid_later_version_resolves_the_invalid_exception(org):
    channel, _, _ = channel_with_customer(org)
    import_purchase_orders(
        channel=channel, purchase_orders=[], rejected=[dto.RejectedPurchaseOrder("PO1", "bad")]
    )

    import_purchase_orders(channel=channel, purchase_orders=[purchase_order("PO1")])

    held = ImportException.objects.get()
    assert (held.status, held.order) == (ExceptionStatus.RESOLVED, Order.objects.get())
