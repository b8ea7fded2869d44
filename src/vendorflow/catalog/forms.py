"""Catalog forms: they collect input; the services check it (one set of rules for UI, API, CSV)."""

from django import forms

from vendorflow.catalog.models import Location


def _text(label: str, required: bool = False, **kw) -> forms.CharField:
    return forms.CharField(label=label, required=required, strip=True, **kw)


class LocationForm(forms.Form):
    code = _text("Code", help_text="Stored upper-case, e.g. WH1.")
    name = _text("Name")
    address_line1 = _text("Address line 1")
    address_line2 = _text("Address line 2")
    city = _text("City")
    state_or_region = _text("State or region")
    postal_code = _text("Postal code")
    country_code = _text("Country code", initial="IN", help_text="Two letters, e.g. IN.")

    @classmethod
    def for_location(cls, location: Location, data=None):
        initial = {name: getattr(location, name) for name in cls.base_fields}
        return cls(data, initial=initial)


class ProductForm(forms.Form):
    sku = _text("SKU code")
    name = _text("Name")
    barcodes = _text(
        "Barcodes",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="EAN-8, UPC-A, EAN-13 or GTIN-14; separate several with commas or new lines.",
    )
    mrp = _text("MRP", widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    expected_cost = _text(
        "Expected unit cost", widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    case_pack_size = _text(
        "Case pack size",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text="Eaches in one case (optional).",
    )
    case_barcode = _text("Case barcode", help_text="The GTIN-14 printed on the case (optional).")
    bin = _text(
        "Bin / location",
        help_text="Where it is kept, e.g. A-12-03 (optional): on the scan screen and pick lists.",
    )

    @classmethod
    def for_product(cls, product, data=None):
        initial = {name: getattr(product, name) for name in cls.base_fields if name != "barcodes"}
        initial["barcodes"] = "\n".join(b.code for b in product.barcodes.all())
        initial = {k: ("" if v is None else v) for k, v in initial.items()}
        return cls(data, initial=initial)


class MappingForm(forms.Form):
    asin = _text("ASIN", help_text="Amazon's 10-character product id, usually B0…")
    vendor_product_id = _text("Vendor product id", help_text="Often your EAN/UPC or SKU.")
    sku = _text("Product (SKU)", widget=forms.TextInput(attrs={"list": "sku-options"}))

    @classmethod
    def for_mapping(cls, mapping, data=None):
        initial = {
            "asin": mapping.asin,
            "vendor_product_id": mapping.vendor_product_id,
            "sku": mapping.product.sku,
        }
        return cls(data, initial=initial)


class CsvUploadForm(forms.Form):
    file = forms.FileField(label="CSV file")


class SuggestForm(forms.Form):
    identifiers = forms.CharField(
        label="Identifiers",
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "B0EXAMPLE1,8901234567890"}),
        help_text="One per line: asin,vendor_product_id (either may be empty).",
    )

    def pairs(self) -> list[tuple[str, str]]:
        pairs = []
        for line in self.cleaned_data["identifiers"].splitlines():
            asin, _, vendor_id = line.partition(",")
            if asin.strip() or vendor_id.strip():
                pairs.append((asin.strip(), vendor_id.strip()))
        return pairs


class UnmappedItemForm(forms.Form):
    """Which unmapped item: its channel and identifiers (as the worklist rows carry them)."""

    channel = forms.IntegerField(widget=forms.HiddenInput)
    asin = _text("ASIN", widget=forms.HiddenInput)
    vendor_product_id = _text("Vendor product id", widget=forms.HiddenInput)


class MapUnmappedForm(UnmappedItemForm):
    sku = _text("Product (SKU)", widget=forms.TextInput(attrs={"list": "sku-options"}))


class UnmappedProductForm(UnmappedItemForm, ProductForm):
    """A new product for an unmapped item, prefilled from its PO lines."""
