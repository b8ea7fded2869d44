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
