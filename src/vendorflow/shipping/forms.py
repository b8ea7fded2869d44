from decimal import Decimal
from typing import Any

from django import forms

from vendorflow.lib.forms import form_field
from vendorflow.orders.models import Order
from vendorflow.shipping import packing, shipments
from vendorflow.shipping.choices import ShipmentType
from vendorflow.shipping.models import Shipment, ShippingSettings


def _measure(label: str, places: int, maximum: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal("0.001") if places == 3 else Decimal("0.1"),
        max_value=Decimal(maximum),
        decimal_places=places,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any", "size": 5}),
    )


class CloseBoxForm(forms.Form):
    weight_kg = _measure("Weight (kg)", 3, "1000")
    length_cm = _measure("Length (cm)", 1, "500")
    width_cm = _measure("Width (cm)", 1, "500")
    height_cm = _measure("Height (cm)", 1, "500")

    def clean(self):
        data = super().clean() or {}
        dims = [data.get(name) for name in ("length_cm", "width_cm", "height_cm")]
        if any(value is not None for value in dims) and None in dims:
            raise forms.ValidationError("Give all three dimensions, or none.")
        return data

    def measures(self) -> packing.Measures:
        return packing.Measures(**{name: self.cleaned_data.get(name) for name in self.fields})


class ReopenBoxForm(forms.Form):
    reason = forms.CharField(max_length=200, label="Why reopen it?")


class MoveForm(forms.Form):
    line = forms.IntegerField(min_value=1)
    quantity_eaches = forms.IntegerField(min_value=1, label="Eaches")
    target = forms.IntegerField(min_value=1, label="To box", required=False)


class ShipmentDetailsForm(forms.ModelForm):
    class Meta:
        model = Shipment
        fields = shipments.DETAIL_FIELDS
        widgets = {
            "appointment_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "estimated_delivery_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ship_date": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "appointment_id": "Booked on Amazon's carrier portal (there is no API for it): "
            "enter its id here. The ASN sends it as the Amazon reference number.",
            "carrier_scac": "The carrier's 2-4 letter SCAC, when it has one.",
        }

    def details(self) -> shipments.Details:
        values: dict[str, Any] = {
            name: self.cleaned_data.get(name) for name in shipments.DETAIL_FIELDS
        }
        return shipments.Details(**values)


class NewShipmentForm(ShipmentDetailsForm):
    orders: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        queryset=Order.objects.none(), widget=forms.CheckboxSelectMultiple, label="Acknowledged POs"
    )

    class Meta(ShipmentDetailsForm.Meta):
        pass

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        orders = shipments.shippable_orders(organization)
        form_field(self, "orders", forms.ModelMultipleChoiceField).queryset = orders
        self.fields["shipment_type"].initial = ShipmentType.SMALL_PARCEL


class ShipForm(forms.Form):
    short_note = forms.CharField(
        required=False,
        max_length=500,
        label="Accepted units left behind, and why",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ShippingSettingsForm(forms.ModelForm):
    class Meta:
        model = ShippingSettings
        fields = ["gs1_company_prefix", "sscc_extension_digit"]
        help_texts = {
            "gs1_company_prefix": "7 to 10 digits, from your GS1 membership. Empty: boxes get "
            "carton ids (CID) instead of SSCCs.",
            "sscc_extension_digit": "0 to 9: the first digit of your SSCCs, your choice.",
        }
