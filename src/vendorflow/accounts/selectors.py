"""Read queries for accounts, always scoped to one organization."""

from django.db.models import QuerySet

from vendorflow.accounts.models import ApiToken, AuditLog, Membership, Organization


def members(organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("user__username")
    )


def tokens(member: Membership) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=member.user).order_by("-created_at", "-id")


def audit_entries(
    organization: Organization,
    *,
    object_type: str = "",
    actor_id: int | None = None,
    actor_username: str = "",
) -> QuerySet[AuditLog]:
    entries = AuditLog.objects.filter(organization=organization).select_related("actor")
    if object_type:
        entries = entries.filter(object_type=object_type)
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    if actor_username:
        entries = entries.filter(actor__username=actor_username)
    return entries
