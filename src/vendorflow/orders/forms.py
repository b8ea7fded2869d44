from django import forms

from vendorflow.catalog.models import Location
from vendorflow.channels.models import AmazonChannel, SalesChannel
from vendorflow.customers.models import Customer
from vendorflow.lib.forms import form_field
from vendorflow.orders.choices import AckState, OrderStatus
from vendorflow.orders.models import Order
from vendorflow.orders.selectors import DEADLINE_FILTERS, SORTS


class OrderFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        label="Search",
        widget=forms.TextInput(
            attrs={"placeholder": "PO, ASIN, SKU, barcode, FC or customer", "type": "search"}
        ),
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[("", "Default order"), *((key, label) for key, (label, _) in SORTS.items())],
    )
    status = forms.ChoiceField(required=False, choices=[("", "All"), *OrderStatus.choices])
    channel = forms.ModelChoiceField(
        required=False, queryset=AmazonChannel.objects.none(), empty_label="Any channel"
    )
    sales_channel = forms.ModelChoiceField(
        required=False, queryset=SalesChannel.objects.none(), empty_label="Any sales channel"
    )
    customer = forms.ModelChoiceField(
        required=False, queryset=Customer.objects.none(), empty_label="Any customer"
    )
    fc = forms.CharField(
        required=False,
        label="FC",
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "FC code", "size": 8}),
    )
    location = forms.ModelChoiceField(
        required=False, queryset=Location.objects.none(), empty_label="Any location"
    )
    deadline = forms.ChoiceField(
        required=False, choices=[("", "Any deadline"), *DEADLINE_FILTERS.items()]
    )
    ack = forms.ChoiceField(
        required=False, label="Acknowledgement", choices=[("", "Any"), *AckState.choices]
    )
    needs_mapping = forms.BooleanField(required=False, label="Needs mapping")
    changed_after_ack = forms.BooleanField(required=False, label="Changed after ack")

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        channels = AmazonChannel.objects.filter(organization=organization)
        form_field(self, "channel", forms.ModelChoiceField).queryset = channels
        sales_channels = SalesChannel.objects.filter(organization=organization)
        form_field(self, "sales_channel", forms.ModelChoiceField).queryset = sales_channels
        customers = Customer.objects.filter(organization=organization)
        form_field(self, "customer", forms.ModelChoiceField).queryset = customers
        locations = Location.objects.filter(organization=organization)
        form_field(self, "location", forms.ModelChoiceField).queryset = locations


class ScanForm(forms.Form):
    barcode = forms.CharField(max_length=64, required=False)


class BulkQuantityForm(forms.Form):
    quantity_eaches = forms.IntegerField(
        min_value=1,
        label="Eaches",
        error_messages={
            "required": "Enter the eaches to add.",
            "invalid": "Enter the eaches to add as a whole number.",
            "min_value": "Enter a quantity of at least 1 each.",
        },
    )


class AckDatesForm(forms.Form):
    scheduled_ship_date = forms.DateField(
        label="Scheduled ship date", widget=forms.DateInput(attrs={"type": "date"})
    )
    scheduled_delivery_date = forms.DateField(
        label="Scheduled delivery date", widget=forms.DateInput(attrs={"type": "date"})
    )
    # The fingerprint of the plan shown (AckPlan.fingerprint): what the manager confirms.
    preview = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={"required": "The preview is missing; open the acknowledgement again."},
    )


MAX_SELECTED_ORDERS = 200


class OrderChoices(forms.ModelMultipleChoiceField):
    """Order ids, at most MAX_SELECTED_ORDERS of them (what one request works through stays
    bounded); one that is not a database id at all is an invalid choice before any query
    (SQLite cannot even compare an integer past 64 bits)."""

    def clean(self, value):
        if value and len(value) > MAX_SELECTED_ORDERS:
            raise forms.ValidationError(
                f"Tick at most {MAX_SELECTED_ORDERS} orders at a time ({len(value)} ticked).",
                code="too_many",
            )
        for item in value or ():
            if not str(item).isdigit() or int(item) > 2**63 - 1:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super().clean(value)


class OrderSelectionForm(forms.Form):
    """The orders ticked in the list for bulk acknowledgement."""

    orders = OrderChoices(
        queryset=Order.objects.none(),
        error_messages={"required": "Tick at least one order to acknowledge."},
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        orders = Order.objects.filter(organization=organization)
        form_field(self, "orders", forms.ModelMultipleChoiceField).queryset = orders
