from django.contrib import admin

from vendorflow.catalog.models import Barcode, Location, Product, ProductMapping


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "city", "country_code", "organization"]
    list_filter = ["organization"]
    search_fields = ["code", "name", "city"]


class BarcodeInline(admin.TabularInline):
    model = Barcode
    fields = ["code", "gtin"]
    readonly_fields = ["gtin"]
    extra = 0


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["sku", "name", "mrp", "expected_cost", "case_pack_size", "organization"]
    list_filter = ["organization"]
    search_fields = ["sku", "name", "barcodes__code", "case_barcode"]
    inlines = [BarcodeInline]

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            instance.organization_id = form.instance.organization_id
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()


@admin.register(ProductMapping)
class ProductMappingAdmin(admin.ModelAdmin):
    list_display = ["asin", "vendor_product_id", "product", "channel", "organization"]
    list_filter = ["organization", "channel"]
    search_fields = ["asin", "vendor_product_id", "product__sku"]
    raw_id_fields = ["product", "channel"]
