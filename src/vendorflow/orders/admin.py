"""Read-mostly admin for staff: orders, lines, scans and acknowledgements."""

from django.contrib import admin

from vendorflow.orders.models import Acknowledgement, Order, OrderEvent, OrderLine, Scan

ORDER_LINE_FIELDS = (
    "item_sequence_number",
    "asin",
    "product",
    "ordered_quantity",
    "unit_of_measure",
    "unit_size",
    "ordered_eaches",
    "scanned_eaches",
    "ack_accepted",
    "ack_rejected",
)


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    fields = ORDER_LINE_FIELDS
    readonly_fields = ORDER_LINE_FIELDS
    can_delete = False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = [
        "po_number",
        "organization",
        "status",
        "customer",
        "ship_to_code",
        "po_date",
        "ack_due_at",
    ]
    list_filter = ["status", "needs_mapping", "organization"]
    search_fields = ["po_number"]
    list_select_related = ["organization", "customer"]
    readonly_fields = ["raw_payload"]
    inlines = [OrderLineInline]


@admin.register(Scan)
class ScanAdmin(admin.ModelAdmin):
    list_display = [
        "order",
        "line",
        "user",
        "kind",
        "barcode",
        "quantity_eaches",
        "created_at",
        "undone_at",
    ]
    list_select_related = ["order", "line__order", "user"]
    search_fields = ["order__po_number", "barcode"]


@admin.register(Acknowledgement)
class AcknowledgementAdmin(admin.ModelAdmin):
    list_display = [
        "order",
        "organization",
        "state",
        "transaction_id",
        "attempts",
        "batch_id",
        "needs_status_check",
        "created_at",
    ]
    list_filter = ["state", "needs_status_check"]
    list_select_related = ["order", "organization"]
    search_fields = ["order__po_number", "transaction_id", "batch_id"]
    readonly_fields = ["payload", "errors"]


@admin.register(OrderEvent)
class OrderEventAdmin(admin.ModelAdmin):
    list_display = ["order", "kind", "actor", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["order", "actor"]
