from django.db import migrations, models


def fill_gtin(apps, schema_editor):
    from vendorflow.catalog.barcodes import gtin14

    Barcode = apps.get_model("catalog", "Barcode")
    for barcode in Barcode.objects.all().only("id", "code"):
        Barcode.objects.filter(pk=barcode.pk).update(gtin=gtin14(barcode.code))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("catalog", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="barcode",
            name="gtin",
            field=models.CharField(
                default="", editable=False, max_length=32, verbose_name="GTIN-14"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_gtin, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="barcode",
            constraint=models.UniqueConstraint(
                fields=("organization", "gtin"), name="barcode_gtin_unique_per_org"
            ),
        ),
        migrations.AddConstraint(
            model_name="product",
            constraint=models.UniqueConstraint(
                condition=models.Q(("case_barcode", ""), _negated=True),
                fields=("organization", "case_barcode"),
                name="product_case_barcode_unique_per_org",
            ),
        ),
    ]
