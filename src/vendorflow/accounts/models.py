import hashlib

from django.conf import settings
from django.db import models

from vendorflow.accounts.choices import Role, role_at_least


def default_time_zone() -> str:
    return settings.VENDORFLOW_TIME_ZONE


class Organization(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    # IANA name (e.g. Asia/Kolkata): every date and time on its pages is shown in it.
    time_zone = models.CharField(max_length=64, default=default_time_zone)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's place in one organization. A user belongs to exactly one organization."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.VIEWER)
    # The member's own time zone for pages; blank: the organization's.
    time_zone = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) @ {self.organization}"

    @property
    def shown_time_zone(self) -> str:
        return self.time_zone or self.organization.time_zone

    def has_role(self, minimum: str) -> bool:
        return role_at_least(self.role, minimum)


class ApiToken(models.Model):
    """A per-user API token. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()


class AuditLog(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=255, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organization", "object_type", "object_id"]),
            # The audit page, newest first, whole or by object type or actor.
            models.Index(fields=["organization", "-created_at", "-id"], name="audit_newest"),
            models.Index(
                fields=["organization", "object_type", "-created_at", "-id"],
                name="audit_type_newest",
            ),
            models.Index(
                fields=["organization", "actor", "-created_at", "-id"], name="audit_actor_newest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} {self.object_repr}"


class ApiTokenFailure(models.Model):
    """Failed API token authentications from one address in the window that started at its
    first failure: at API_TOKEN_FAILURE_LIMIT within API_TOKEN_COOLOFF_MINUTES, the address gets
    429 until the window ends (in the database, so every web process counts together)."""

    ip_address = models.GenericIPAddressField(unique=True)
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()
    last_failure_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.failures} token failures from {self.ip_address}"
