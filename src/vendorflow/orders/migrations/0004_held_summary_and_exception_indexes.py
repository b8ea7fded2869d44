"""Held POs keep their PO date and line count (the Exceptions page reads no payload), and the
page's filters and sorts get their indexes. Existing exceptions are filled from their payloads."""

from django.db import migrations, models

from vendorflow.orders.import_payload import held_summary

BATCH = 500


def fill_from_payloads(apps, schema_editor):
    ImportException = apps.get_model("orders", "ImportException")
    ids = list(ImportException.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        held = list(ImportException.objects.filter(pk__in=ids[start : start + BATCH]))
        for exception in held:
            exception.po_date, exception.line_count = held_summary(exception.payload)
        ImportException.objects.bulk_update(held, ["po_date", "line_count"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_list_indexes"),
        ("channels", "0004_list_indexes"),
        ("orders", "0003_kept_totals_and_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="importexception",
            name="line_count",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="importexception",
            name="po_date",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="importexception",
            index=models.Index(
                fields=["organization", "status", "ship_to_code", "po_number", "id"],
                name="import_exception_by_code",
            ),
        ),
        migrations.AddIndex(
            model_name="importexception",
            index=models.Index(
                fields=["organization", "status", "-resolved_at", "-id"],
                name="import_exception_resolved",
            ),
        ),
        migrations.RunPython(fill_from_payloads, migrations.RunPython.noop),
    ]
