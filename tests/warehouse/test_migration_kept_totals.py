"""Migration 0003 of orders backfills the kept totals, customer names, fill shares and tallies
of orders that exist before it, from their lines and acknowledgements."""

from datetime import UTC, datetime, timedelta

import pytest

BEFORE = ("orders", "0002_warehouse_ack_needs_status_check")
AFTER = ("orders", "0003_kept_totals_and_list_indexes")
PO_DATE = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


def _history(apps):
    """Two customers' orders as the app stored them before the migration."""
    org = apps.get_model("accounts", "Organization").objects.create(name="Acme", slug="acme")
    sales = apps.get_model("channels", "SalesChannel").objects.create(organization=org, name="B2B")
    channel = apps.get_model("channels", "AmazonChannel").objects.create(
        organization=org, vendor_code="VEND1", sales_channel=sales
    )
    customer_model = apps.get_model("customers", "Customer")
    blr = customer_model.objects.create(organization=org, code="AMZ-BLR7", name="Amazon BLR7")
    del4 = customer_model.objects.create(organization=org, code="AMZ-DEL4", name="Amazon DEL4")
    order_model = apps.get_model("orders", "Order")
    line_model = apps.get_model("orders", "OrderLine")
    ack_model = apps.get_model("orders", "Acknowledgement")

    def order(po_number, customer, lines, ack_state=None):
        made = order_model.objects.create(
            organization=org,
            channel=channel,
            sales_channel=sales,
            customer=customer,
            po_number=po_number,
            ship_to_code="BLR7",
            po_date=PO_DATE,
            ack_due_at=PO_DATE + timedelta(hours=24),
        )
        for seq, (quantity, unit, size, scanned, accepted, amazon) in enumerate(lines, 1):
            line_model.objects.create(
                order=made,
                item_sequence_number=str(seq),
                ordered_quantity=quantity,
                unit_of_measure=unit,
                unit_size=size,
                ordered_eaches=quantity * size,
                scanned_eaches=scanned,
                ack_accepted=accepted,
                amazon_accepted=amazon,
            )
        if ack_state:
            ack_model.objects.create(organization=org, order=made, state=ack_state)
        return made

    # 10 eaches + 2 cases of 6: ordered 22; accepted 8 + Amazon's 1 case = 14.
    order("CONF1", blr, [(10, "Eaches", 1, 8, 8, None), (2, "Cases", 6, 12, 2, 1)], "confirmed")
    order("SENT1", del4, [(5, "Eaches", 1, 5, 5, None)], "submitted")
    order("PEND1", blr, [(4, "Eaches", 1, 4, 4, None)], "pending")  # not sent: no share
    order("OPEN1", blr, [(3, "Eaches", 1, 1, None, None)])
    order("EMPTY", del4, [])
    return channel, blr, del4


@pytest.mark.django_db(transaction=True)
def test_the_migration_backfills_orders_that_exist(migrator):
    old = migrator.apply_initial_migration(BEFORE)
    channel, blr, del4 = _history(old.apps)

    new = migrator.apply_tested_migration(AFTER)

    order_model = new.apps.get_model("orders", "Order")
    kept = {
        row[0]: row[1:]
        for row in order_model.objects.values_list(
            "po_number",
            "customer_name",
            "line_count",
            "ordered_total",
            "scanned_total",
            "fill_ordered",
            "fill_accepted",
        )
    }
    assert kept == {
        "CONF1": ("Amazon BLR7", 2, 22, 20, 22, 14),
        "SENT1": ("Amazon DEL4", 1, 5, 5, 5, 5),
        "PEND1": ("Amazon BLR7", 1, 4, 4, 0, 0),
        "OPEN1": ("Amazon BLR7", 1, 3, 1, 0, 0),
        "EMPTY": ("Amazon DEL4", 0, 0, 0, 0, 0),
    }
    tallies = new.apps.get_model("orders", "FillTally").objects.values_list(
        "channel_id", "customer_id", "ordered_eaches", "accepted_eaches"
    )
    assert sorted(tallies) == sorted([(channel.pk, blr.pk, 22, 14), (channel.pk, del4.pk, 5, 5)])
    migrator.reset()
