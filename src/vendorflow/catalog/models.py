from django.db import models

from vendorflow.catalog.barcodes import gtin14
from vendorflow.lib.models import AddressFields


class Location(AddressFields):
    """One of the seller's own warehouses."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="locations"
    )
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="location_code_unique_per_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"


class Product(models.Model):
    """A seller SKU."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="products"
    )
    sku = models.CharField("SKU code", max_length=64)
    name = models.CharField(max_length=255)
    mrp = models.DecimalField("MRP", max_digits=12, decimal_places=2, null=True, blank=True)
    expected_cost = models.DecimalField(
        "expected unit cost", max_digits=12, decimal_places=2, null=True, blank=True
    )
    case_pack_size = models.PositiveIntegerField(null=True, blank=True)
    case_barcode = models.CharField(max_length=32, blank=True)
    # Where the product is kept at the location: shown on the scan screen and the pick lists.
    bin = models.CharField("bin / location", max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sku"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "sku"], name="product_sku_unique_per_org"
            ),
            models.CheckConstraint(
                condition=models.Q(case_pack_size__isnull=True) | models.Q(case_pack_size__gte=1),
                name="product_case_pack_positive",
            ),
            models.UniqueConstraint(
                fields=["organization", "case_barcode"],
                condition=~models.Q(case_barcode=""),
                name="product_case_barcode_unique_per_org",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sku} · {self.name}"


class Barcode(models.Model):
    """An EAN/UPC/GTIN of a product's each. A barcode names one product per organization."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="barcodes"
    )
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="barcodes")
    code = models.CharField(max_length=32)
    # The code padded to a GTIN-14, so UPC-A 0xxxxxxxxxxx and EAN-13 00xxxxxxxxxxx are one barcode.
    gtin = models.CharField("GTIN-14", max_length=32, editable=False)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="barcode_unique_per_org"),
            models.UniqueConstraint(
                fields=["organization", "gtin"], name="barcode_gtin_unique_per_org"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs) -> None:
        self.gtin = gtin14(self.code)
        super().save(*args, **kwargs)


class ProductMapping(models.Model):
    """Per channel: Amazon's ASIN and/or vendor product id → the seller's product."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="product_mappings"
    )
    channel = models.ForeignKey(
        "channels.AmazonChannel", on_delete=models.CASCADE, related_name="product_mappings"
    )
    asin = models.CharField("ASIN", max_length=20, blank=True)
    vendor_product_id = models.CharField(max_length=64, blank=True)
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="mappings")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["asin", "vendor_product_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "asin"],
                condition=~models.Q(asin=""),
                name="product_mapping_asin_unique",
            ),
            models.UniqueConstraint(
                fields=["channel", "vendor_product_id"],
                condition=~models.Q(vendor_product_id=""),
                name="product_mapping_vendor_id_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(asin="") | ~models.Q(vendor_product_id=""),
                name="product_mapping_has_identifier",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.asin or self.vendor_product_id} → {self.product.sku}"
