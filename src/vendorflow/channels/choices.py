from django.db import models


class Region(models.TextChoices):
    NA = "NA", "North America"
    EU = "EU", "Europe (incl. India)"
    FE = "FE", "Far East"


class SyncKind(models.TextChoices):
    CREATED = "created", "New POs"
    CHANGED = "changed", "Changed POs"
    RESWEEP = "resweep", "Daily re-sweep"
    MANUAL = "manual", "Sync now"


class SyncStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped (another sync was running)"


class ChannelState(models.TextChoices):
    """What the channel pages show: whether a channel syncs, and if not, why."""

    ACTIVE = "active", "Active"
    NEEDS_CREDENTIALS = "needs_credentials", "Needs credentials"
    INACTIVE = "inactive", "Inactive"


class ConnectionVerdict(models.TextChoices):
    """The outcome of a channel's "Test connection"."""

    OK = "ok", "Connected"
    MISSING_CREDENTIALS = "missing_credentials", "Credentials missing"
    WRONG_CLIENT = "wrong_client", "Wrong LWA client id or secret"
    REVOKED_TOKEN = "revoked_token", "Refresh token refused"
    ROLE_MISSING = "role_missing", "Role missing"
    UNREACHABLE = "unreachable", "Host unreachable"
    THROTTLED = "throttled", "Amazon busy"
    AMAZON_ERROR = "amazon_error", "Amazon error"
