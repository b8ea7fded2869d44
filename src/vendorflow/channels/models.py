from django.db import models

from vendorflow.channels.choices import ConnectionVerdict, Region, SyncKind, SyncStatus
from vendorflow.lib import crypto


class SalesChannel(models.Model):
    """A routing label that B2B orders are filed under."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="sales_channels"
    )
    name = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="sales_channel_name_unique_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.name


class AmazonChannel(models.Model):
    """One Amazon Retail B2B (Vendor Central) connection."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="amazon_channels"
    )
    name = models.CharField(max_length=100, blank=True)
    vendor_code = models.CharField(max_length=20)
    # The seller's own location codes, in order; the first is the default fulfilment location.
    warehouse_codes = models.JSONField(default=list)
    registered_emails = models.JSONField(default=list)
    sales_channel = models.ForeignKey(
        SalesChannel, on_delete=models.PROTECT, related_name="amazon_channels"
    )
    region = models.CharField(max_length=2, choices=Region.choices, default=Region.EU)
    lwa_client_id = models.CharField("LWA client id", max_length=200, blank=True)
    client_secret_encrypted = models.TextField(blank=True, editable=False)
    refresh_token_encrypted = models.TextField(blank=True, editable=False)
    endpoint_override = models.URLField(
        blank=True, help_text="SP-API base URL for the Amazon sandbox or a local simulator."
    )
    lwa_endpoint_override = models.URLField(
        "LWA token URL override", blank=True, help_text="Token URL for a simulator."
    )
    is_active = models.BooleanField(default=True)
    poll_interval_minutes = models.PositiveIntegerField(default=15)
    backfill_days = models.PositiveIntegerField(default=7)
    polling_disabled_reason = models.TextField(blank=True)
    # When the admins were told that the channel cannot sync; cleared once it can again, so each
    # time it stops being ready they are told once (not on every poll).
    not_ready_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The last "Test connection": when, its verdict and the plain-language explanation.
    connection_tested_at = models.DateTimeField(null=True, blank=True, editable=False)
    connection_verdict = models.CharField(
        max_length=20, choices=ConnectionVerdict.choices, blank=True, editable=False
    )
    connection_message = models.TextField(blank=True, editable=False)
    # Send each shipment's ASN through the API (vendorShipments); off: the shipment page gives
    # the same data as a sheet and CSV to type into Vendor Central.
    send_asn = models.BooleanField("Send ASN to Amazon", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["vendor_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "vendor_code"], name="amazon_channel_vendor_unique_per_org"
            ),
            models.CheckConstraint(
                condition=models.Q(backfill_days__gte=1) & models.Q(backfill_days__lte=180),
                name="amazon_channel_backfill_1_180",
            ),
            models.CheckConstraint(
                condition=models.Q(poll_interval_minutes__gte=1),
                name="amazon_channel_poll_interval_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name or f"Amazon Retail B2B {self.vendor_code}"

    @property
    def client_secret(self) -> str:
        return crypto.decrypt(self.client_secret_encrypted)

    @client_secret.setter
    def client_secret(self, value: str) -> None:
        self.client_secret_encrypted = crypto.encrypt(value)

    @property
    def refresh_token(self) -> str:
        return crypto.decrypt(self.refresh_token_encrypted)

    @refresh_token.setter
    def refresh_token(self, value: str) -> None:
        self.refresh_token_encrypted = crypto.encrypt(value)

    @property
    def missing_credentials(self) -> list[str]:
        """The SP-API credentials not entered yet, by their labels on the channel form."""
        fields = (
            ("LWA client id", self.lwa_client_id),
            ("client secret", self.client_secret_encrypted),
            ("refresh token", self.refresh_token_encrypted),
        )
        return [label for label, value in fields if not value]

    @property
    def readiness(self):
        """Whether the channel can sync, and why not (channels.readiness)."""
        from vendorflow.channels.readiness import readiness

        return readiness(self)

    @property
    def default_location_code(self) -> str:
        return self.warehouse_codes[0] if self.warehouse_codes else ""


class SyncState(models.Model):
    """Per-channel cursors and the lease that keeps one sync per channel at a time."""

    channel = models.OneToOneField(
        AmazonChannel, on_delete=models.CASCADE, related_name="sync_state"
    )
    created_cursor = models.DateTimeField(null=True, blank=True)
    changed_cursor = models.DateTimeField(null=True, blank=True)
    # Where the status pass (POs Amazon closed, by last update) has reached.
    closed_cursor = models.DateTimeField(null=True, blank=True)
    last_resweep_at = models.DateTimeField(null=True, blank=True)
    last_sync_at = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    lock_owner = models.CharField(max_length=64, blank=True)
    # Where an interrupted window goes on: the phase (a cursor field, or "resweep-<query>"), the
    # window, the nextToken of the page after the last one committed and how many were committed.
    resume_phase = models.CharField(max_length=32, blank=True)
    resume_window_start = models.DateTimeField(null=True, blank=True)
    resume_window_end = models.DateTimeField(null=True, blank=True)
    resume_token = models.TextField(blank=True)
    resume_pages = models.PositiveIntegerField(default=0)
    consecutive_failures = models.PositiveIntegerField(default=0)
    consecutive_auth_failures = models.PositiveIntegerField(default=0)
    failure_notified_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"sync state of {self.channel}"


class SyncRun(models.Model):
    """One sync of one channel, kept for the channel page and for staff."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="sync_runs"
    )
    channel = models.ForeignKey(AmazonChannel, on_delete=models.CASCADE, related_name="sync_runs")
    kind = models.CharField(max_length=16, choices=SyncKind.choices)
    status = models.CharField(max_length=16, choices=SyncStatus.choices, default=SyncStatus.RUNNING)
    started_at = models.DateTimeField(auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    window_start = models.DateTimeField(null=True, blank=True)
    window_end = models.DateTimeField(null=True, blank=True)
    pages = models.PositiveIntegerField(default=0)
    api_calls = models.PositiveIntegerField(default=0)
    pos_new = models.PositiveIntegerField(default=0)
    pos_changed = models.PositiveIntegerField(default=0)
    pos_unchanged = models.PositiveIntegerField(default=0)
    pos_held = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)  # orders the status pass closed
    closed_unknown = models.PositiveIntegerField(default=0)  # closed POs without an order here
    # statuses Amazon sent that do not fit its model: skipped, each logged with its message
    closed_unreadable = models.PositiveIntegerField(default=0)
    # pages of an interrupted window that an earlier run had committed, which this one skipped
    resumed_after_pages = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        # The channel page's and the dashboard's sync runs, newest first.
        indexes = [
            models.Index(fields=["channel", "-started_at", "-id"], name="sync_run_channel_newest"),
            models.Index(fields=["organization", "-started_at", "-id"], name="sync_run_org_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.kind} {self.status}"
