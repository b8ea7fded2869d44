from django.db import models


class BoxState(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class CartonIdType(models.TextChoices):
    SSCC = "SSCC", "SSCC"
    CID = "CID", "Carton id"


class ShipmentState(models.TextChoices):
    DRAFT = "draft", "Draft"
    READY = "ready", "Ready"
    SHIPPED = "shipped", "Shipped"
    SUBMITTED = "submitted", "ASN submitted"
    CONFIRMED = "confirmed", "ASN confirmed by Amazon"
    FAILED = "failed", "ASN failed"


class ShipmentType(models.TextChoices):
    SMALL_PARCEL = "SmallParcel", "Small parcel"
    LESS_THAN_TRUCK_LOAD = "LessThanTruckLoad", "Less than truck load"
    TRUCK_LOAD = "TruckLoad", "Truck load"


class AsnState(models.TextChoices):
    PENDING = "pending", "Queued"
    SENDING = "sending", "Sending"
    SUBMITTED = "submitted", "Submitted, awaiting Amazon"
    FAILED = "failed", "Failed"
    CONFIRMED = "confirmed", "Accepted by Amazon"


class ConfirmationType(models.TextChoices):
    ORIGINAL = "Original", "Original"
    REPLACE = "Replace", "Replace"
