from django import forms
from django.db import models

from vendorflow.catalog.models import Location
from vendorflow.customers.models import Customer, ShippingAddress, WarehouseCodeMapping
from vendorflow.customers.services import ADDRESS_FIELDS, CUSTOMER_FIELDS, SHIPPING_FIELDS
from vendorflow.lib.forms import form_field


class CustomerForm(forms.ModelForm):
    class Meta:
        model = Customer
        fields = CUSTOMER_FIELDS
        help_texts = {
            "tax_id": "GSTIN for Indian customers (15 characters, checked); VAT id elsewhere.",
            "country_code": "2-letter ISO code, e.g. IN.",
        }


class ShippingAddressForm(forms.ModelForm):
    class Meta:
        model = ShippingAddress
        fields = SHIPPING_FIELDS


class WarehouseMappingForm(forms.ModelForm):
    """Code → customer (→ location). Querysets are limited to the organization."""

    class Meta:
        model = WarehouseCodeMapping
        fields = ["code", "customer", "location"]
        help_texts = {"code": "The Amazon FC code (shipToParty.partyId), e.g. BLR7."}

    def __init__(self, *args, organization, fixed_customer=None, **kwargs):
        super().__init__(*args, **kwargs)
        customers = form_field(self, "customer", forms.ModelChoiceField)
        customers.queryset = organization.customers.order_by("name")
        locations = form_field(self, "location", forms.ModelChoiceField)
        locations.queryset = Location.objects.filter(organization=organization)
        locations.empty_label = "The channel's first warehouse code"
        if fixed_customer is not None:
            del self.fields["customer"]
        self.fixed_customer = fixed_customer

    def _post_clean(self):
        """Uniqueness and normalisation are the service's job; skip the model-level checks."""


class CustomerImportForm(forms.Form):
    file = forms.FileField(help_text="UTF-8 CSV, at most 5 MB.")


NEW_CUSTOMER_FIELDS = ("code", "name", "tax_id", *ADDRESS_FIELDS)


class NewCodeMappingForm(WarehouseMappingForm):
    """ "Map a code": to an existing customer, or to a new one created on the spot (its fields
    prefilled from the POs held for the code)."""

    create_customer = forms.BooleanField(required=False, label="Create a new customer")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "customer", forms.ModelChoiceField).required = False
        labels = {name: field.label for name, field in CustomerForm.base_fields.items()}
        for name in NEW_CUSTOMER_FIELDS:
            self.fields[f"new_{name}"] = forms.CharField(
                label=labels[name], required=False, max_length=_max_length(name)
            )

    def new_customer_fields(self) -> dict[str, str]:
        return {name: self.cleaned_data[f"new_{name}"] for name in NEW_CUSTOMER_FIELDS}

    def clean(self):
        data = super().clean() or {}
        wants_existing = not data.get("create_customer")
        if wants_existing and not data.get("customer") and "customer" not in self.errors:
            self.add_error(
                "customer", "Choose the customer, or tick “Create a new customer” and fill it in."
            )
        return data


def _max_length(name: str) -> int | None:
    field = Customer._meta.get_field(name)
    return field.max_length if isinstance(field, models.CharField) else None
