"""Staff views of channel data. Secrets are never shown: only whether one is stored."""

from django.contrib import admin

from vendorflow.channels.models import AmazonChannel, SalesChannel, SyncRun, SyncState


@admin.register(SalesChannel)
class SalesChannelAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "created_at")
    list_filter = ("organization",)
    search_fields = ("name",)


@admin.register(AmazonChannel)
class AmazonChannelAdmin(admin.ModelAdmin):
    list_display = ("vendor_code", "organization", "sales_channel", "region", "is_active")
    list_filter = ("organization", "region", "is_active")
    search_fields = ("vendor_code", "name")
    # The encrypted columns are not editable and stay out of the form; changing credentials goes
    # through the channel dialog (admin role), which audits the change.
    exclude = ("client_secret_encrypted", "refresh_token_encrypted")
    readonly_fields = ("client_secret_stored", "refresh_token_stored", "created_at", "updated_at")

    @admin.display(description="client secret", boolean=True)
    def client_secret_stored(self, obj: AmazonChannel) -> bool:
        return bool(obj.client_secret_encrypted)

    @admin.display(description="refresh token", boolean=True)
    def refresh_token_stored(self, obj: AmazonChannel) -> bool:
        return bool(obj.refresh_token_encrypted)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SyncState)
class SyncStateAdmin(ReadOnlyAdmin):
    list_display = (
        "channel",
        "created_cursor",
        "changed_cursor",
        "last_sync_at",
        "locked_until",
        "consecutive_failures",
    )


@admin.register(SyncRun)
class SyncRunAdmin(ReadOnlyAdmin):
    list_display = (
        "channel",
        "kind",
        "status",
        "started_at",
        "finished_at",
        "pages",
        "pos_new",
        "pos_changed",
        "pos_held",
        "closed",
    )
    list_filter = ("status", "kind", "organization")
    date_hierarchy = "started_at"
