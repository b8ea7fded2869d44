from django.contrib import admin

from vendorflow.customers.models import Customer, ShippingAddress, WarehouseCodeMapping


class ShippingAddressInline(admin.TabularInline):
    model = ShippingAddress
    extra = 0


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "organization", "tax_id", "city"]
    list_filter = ["organization"]
    search_fields = ["code", "name", "tax_id", "warehouse_mappings__code"]
    inlines = [ShippingAddressInline]


@admin.register(WarehouseCodeMapping)
class WarehouseCodeMappingAdmin(admin.ModelAdmin):
    list_display = ["code", "customer", "location", "organization"]
    list_filter = ["organization"]
    search_fields = ["code", "customer__code", "customer__name"]

    # Mappings are written through the Customer Master pages and API (validated, audited).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
