from django import forms

from vendorflow.channels import validation
from vendorflow.channels.choices import Region
from vendorflow.channels.models import AmazonChannel, SalesChannel
from vendorflow.channels.services import ADMIN_FIELDS
from vendorflow.lib import crypto
from vendorflow.lib.forms import form_field

SECRET_HELP = "Stored: {masked}. Leave blank to keep it."


class AmazonChannelForm(forms.Form):
    """The Add/Edit Amazon Retail B2B dialog. Credential fields exist only for admins."""

    vendor_code = forms.CharField(
        label="Vendor Code",
        max_length=20,
        help_text="Amazon's id of your vendor account, e.g. ABCD1.",
    )
    warehouse_codes = forms.CharField(
        label="Warehouse Code(s)",
        max_length=500,
        help_text=(
            "Your location codes, comma separated. The first is the default fulfilment location."
        ),
    )
    registered_emails = forms.CharField(
        label="Registered Email Address(es)",
        max_length=1000,
        help_text="Comma separated. They are told about POs that cannot be imported.",
    )
    sales_channel = forms.ModelChoiceField(
        label="Sales Channel", queryset=SalesChannel.objects.none(), empty_label="Choose…"
    )
    region = forms.ChoiceField(label="Region", choices=Region.choices, initial=Region.EU)
    lwa_client_id = forms.CharField(label="LWA client id", max_length=200, required=False)
    client_secret = forms.CharField(
        label="LWA client secret",
        required=False,
        max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )
    refresh_token = forms.CharField(
        label="Refresh token",
        required=False,
        max_length=2000,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )
    endpoint_override = forms.CharField(
        label="SP-API endpoint override",
        required=False,
        max_length=200,
        help_text="Optional: the Amazon sandbox or a local simulator. http only for localhost.",
        widget=forms.URLInput(
            attrs={"placeholder": "https://sandbox.sellingpartnerapi-eu.amazon.com"}
        ),
    )
    lwa_endpoint_override = forms.CharField(
        label="LWA token URL override",
        required=False,
        max_length=200,
        help_text="Optional: the token URL of a simulator.",
        widget=forms.URLInput(attrs={"placeholder": "https://api.amazon.com/auth/o2/token"}),
    )

    send_asn = forms.BooleanField(
        label="Send ASN to Amazon",
        required=False,
        help_text="Send each shipment's ASN through the API when it is marked shipped. Off: "
        "the shipment page gives the ASN as a sheet and CSV to type into Vendor Central.",
    )

    def __init__(self, *args, organization, can_edit_credentials: bool, instance=None, **kwargs):
        self.organization = organization
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from(instance)
        super().__init__(*args, **kwargs)
        sales_channels = SalesChannel.objects.filter(organization=organization)
        form_field(self, "sales_channel", forms.ModelChoiceField).queryset = sales_channels
        if not can_edit_credentials:
            for name in ADMIN_FIELDS:
                del self.fields[name]
        elif instance is not None:
            self._describe_stored_secrets(instance)

    def _describe_stored_secrets(self, instance: AmazonChannel) -> None:
        for name in ("client_secret", "refresh_token"):
            if getattr(instance, f"{name}_encrypted"):
                masked = crypto.mask(getattr(instance, name))
                self.fields[name].help_text = SECRET_HELP.format(masked=masked)

    @property
    def shows_credentials(self) -> bool:
        return "client_secret" in self.fields

    def clean_vendor_code(self):
        return validation.clean_vendor_code(self.cleaned_data["vendor_code"])

    def clean_warehouse_codes(self):
        value = self.cleaned_data["warehouse_codes"]
        return validation.clean_warehouse_codes(self.organization, value)

    def clean_registered_emails(self):
        return validation.clean_emails(self.cleaned_data["registered_emails"])

    def clean_endpoint_override(self):
        return validation.clean_endpoint(self.cleaned_data["endpoint_override"])

    def clean_lwa_endpoint_override(self):
        return validation.clean_endpoint(self.cleaned_data["lwa_endpoint_override"])

    def service_values(self) -> dict:
        """The cleaned values as keyword arguments for the channel services."""
        return dict(self.cleaned_data)


def initial_from(channel: AmazonChannel) -> dict:
    return {
        "vendor_code": channel.vendor_code,
        "warehouse_codes": ", ".join(channel.warehouse_codes),
        "registered_emails": ", ".join(channel.registered_emails),
        "sales_channel": channel.sales_channel_id,
        "region": channel.region,
        "lwa_client_id": channel.lwa_client_id,
        "endpoint_override": channel.endpoint_override,
        "lwa_endpoint_override": channel.lwa_endpoint_override,
        "send_asn": channel.send_asn,
    }


class SalesChannelForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100)
