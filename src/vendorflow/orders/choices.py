from django.db import models


class OrderStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACKNOWLEDGING = "acknowledging", "Acknowledging"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"


class UnitOfMeasure(models.TextChoices):
    CASES = "Cases", "Cases"
    EACHES = "Eaches", "Eaches"


class ScanKind(models.TextChoices):
    BARCODE = "barcode", "Barcode"
    CASE = "case", "Case barcode"
    BULK = "bulk", "Bulk quantity"


class AckState(models.TextChoices):
    PENDING = "pending", "Queued"
    SENDING = "sending", "Sending"
    SUBMITTED = "submitted", "Submitted, awaiting Amazon"
    FAILED = "failed", "Failed"
    CONFIRMED = "confirmed", "Confirmed by Amazon"


class RejectionReason(models.TextChoices):
    TEMPORARILY_UNAVAILABLE = "TemporarilyUnavailable", "Temporarily unavailable"
    INVALID_PRODUCT_IDENTIFIER = "InvalidProductIdentifier", "Invalid product identifier"
    OBSOLETE_PRODUCT = "ObsoleteProduct", "Obsolete product"


class ExceptionReason(models.TextChoices):
    NO_CUSTOMER = "no_customer", "No customer mapped to the warehouse code"
    INVALID_PAYLOAD = "invalid_payload", "Invalid purchase order"


class ExceptionStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"


class EventKind(models.TextChoices):
    IMPORTED = "imported", "Imported"
    CHANGED = "changed", "Changed by Amazon"
    CHANGED_AFTER_ACK = "changed_after_ack", "Changed by Amazon after acknowledgement"
    CLOSED = "closed", "Closed"
    CANCELLED = "cancelled", "Cancelled"
    LINE_MAPPED = "line_mapped", "Line mapped"
    SCANNED = "scanned", "Scanned"
    SCAN_UNDONE = "scan_undone", "Scan undone"
    ACK_QUEUED = "ack_queued", "Acknowledgement queued"
    ACK_SUBMITTED = "ack_submitted", "Acknowledgement submitted"
    ACK_FAILED = "ack_failed", "Acknowledgement failed"
    ACK_CONFIRMED = "ack_confirmed", "Acknowledgement confirmed"
    DEADLINE = "deadline", "Deadline warning sent"
