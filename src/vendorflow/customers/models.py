from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper

from vendorflow.customers.validators import gstin_problem, normalize_tax_id, phone_problem
from vendorflow.lib.models import AddressFields


class Customer(AddressFields):
    """A B2B buyer. The inherited address fields are the billing address."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="customers"
    )
    code = models.CharField(max_length=50)
    name = models.CharField(max_length=200)
    tax_id = models.CharField("GSTIN / VAT id", max_length=30, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="customer_code_unique_per_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self) -> None:
        """Normalise and cross-check fields; field errors name the field."""
        self.code = self.code.strip()
        self.name = self.name.strip()
        self.tax_id = normalize_tax_id(self.tax_id)
        self.country_code = (self.country_code or "").strip().upper()
        self.contact_phone = (self.contact_phone or "").strip()
        errors = {}
        if self.country_code and not (len(self.country_code) == 2 and self.country_code.isalpha()):
            errors["country_code"] = "Use the 2-letter ISO country code, e.g. IN."
        if self.tax_id and self.country_code == "IN" and (problem := gstin_problem(self.tax_id)):
            errors["tax_id"] = problem
        if problem := phone_problem(self.contact_phone):
            errors["contact_phone"] = problem
        if errors:
            raise ValidationError(errors)


class ShippingAddress(AddressFields):
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="shipping_addresses"
    )
    label = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label or self.address_text()

    def clean(self) -> None:
        self.country_code = (self.country_code or "").strip().upper()
        if self.country_code and not (len(self.country_code) == 2 and self.country_code.isalpha()):
            raise ValidationError({"country_code": "Use the 2-letter ISO country code, e.g. IN."})
        if not (self.label or self.address_line1 or self.city):
            raise ValidationError(
                {"address_line1": "Enter at least a label, an address line or a city."}
            )


class WarehouseCodeMapping(models.Model):
    """An Amazon fulfilment-centre code (shipToParty.partyId) → the customer that buys there."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="warehouse_mappings"
    )
    code = models.CharField("marketplace warehouse code", max_length=20)
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="warehouse_mappings"
    )
    location = models.ForeignKey(
        "catalog.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="warehouse_mappings",
        help_text="The seller location that fulfils POs for this code (optional).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "code"], name="warehouse_code_unique_per_org"
            ),
            models.CheckConstraint(
                condition=models.Q(code=Upper("code")) & ~models.Q(code=""),
                name="warehouse_code_upper_nonempty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} → {self.customer.code}"
