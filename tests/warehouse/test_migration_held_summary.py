"""Migration 0004 of orders fills each existing exception's PO date and line count from its
payload; an invalid PO's payload leaves them empty."""

import pytest

BEFORE = ("orders", "0003_kept_totals_and_list_indexes")
AFTER = ("orders", "0004_held_summary_and_exception_indexes")


def _held(apps):
    org = apps.get_model("accounts", "Organization").objects.create(name="Acme", slug="acme")
    sales = apps.get_model("channels", "SalesChannel").objects.create(organization=org, name="B2B")
    channel = apps.get_model("channels", "AmazonChannel").objects.create(
        organization=org, vendor_code="VEND1", sales_channel=sales
    )
    exception = apps.get_model("orders", "ImportException")

    def held(po_number, payload, reason="no_customer"):
        exception.objects.create(
            organization=org,
            channel=channel,
            po_number=po_number,
            reason=reason,
            message="held",
            ship_to_code="DEL9",
            payload=payload,
        )

    lines = [{"item_sequence_number": str(n)} for n in range(1, 4)]
    held("HELD1", {"purchase_order": {"po_date": "2026-05-01T09:00:00+00:00", "lines": lines}})
    held("HELD2", {"purchase_order": {"po_date": "2026-05-02T10:30:00+00:00", "lines": []}})
    held("BAD1", {"raw": {"purchaseOrderNumber": "BAD1"}}, reason="invalid_payload")


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_summary_of_held_pos(migrator):
    old = migrator.apply_initial_migration(BEFORE)
    _held(old.apps)

    new = migrator.apply_tested_migration(AFTER)

    rows = new.apps.get_model("orders", "ImportException").objects.values_list(
        "po_number", "po_date", "line_count"
    )
    summary = {po: (when.isoformat() if when else None, count) for po, when, count in rows}
    assert summary == {
        "HELD1": ("2026-05-01T09:00:00+00:00", 3),
        "HELD2": ("2026-05-02T10:30:00+00:00", 0),
        "BAD1": (None, None),
    }
    migrator.reset()
