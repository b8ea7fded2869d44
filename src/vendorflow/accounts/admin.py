from django.contrib import admin

from vendorflow.accounts.models import ApiToken, AuditLog, Membership, Organization

API_TOKEN_FIELDS = ("name", "prefix", "user", "created_at", "last_used_at")


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role", "organization"]
    search_fields = ["user__username", "user__email", "organization__name"]
    autocomplete_fields = ["user", "organization"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens can be seen and revoked (deleted) here, never created: the key would be unknown."""

    list_display = ["name", "prefix", "user", "created_at", "last_used_at"]
    search_fields = ["name", "prefix", "user__username"]
    fields = API_TOKEN_FIELDS
    readonly_fields = API_TOKEN_FIELDS

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "organization", "actor", "action", "object_type", "object_repr"]
    list_filter = ["organization", "object_type", "action"]
    search_fields = ["object_repr", "object_id", "actor__username"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
