"""Boxes (cartons) packed for a PO, their SSCCs, shipments to an FC, and the ASN's outbox row.

The rules (design.md §7) are carried by constraints where a constraint can carry them: a box
number and a carton id are unique, a box item holds at least one each, one shipment per order,
one ASN row per shipment. "Packed never exceeds accepted" needs the line's other boxes, so the
packing service checks it with the line locked (shipping/packing.py).
"""

from django.conf import settings
from django.db import models

from vendorflow.shipping.choices import (
    AsnState,
    BoxState,
    CartonIdType,
    ConfirmationType,
    ShipmentState,
    ShipmentType,
)


class ShippingSettings(models.Model):
    """The organization's GS1 identity for SSCCs. Without a company prefix, boxes get CIDs."""

    organization = models.OneToOneField(
        "accounts.Organization", on_delete=models.CASCADE, related_name="shipping_settings"
    )
    gs1_company_prefix = models.CharField("GS1 company prefix", max_length=12, blank=True)
    sscc_extension_digit = models.PositiveSmallIntegerField("SSCC extension digit", default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sscc_extension_digit__lte=9), name="sscc_extension_one_digit"
            )
        ]

    def __str__(self) -> str:
        return f"GS1 {self.gs1_company_prefix or '-'} / {self.sscc_extension_digit}"


class SerialSeries(models.Model):
    """The last serial handed out for one kind of carton id. Serials only go up: an SSCC or CID
    is never handed out twice, even for a box that was later discarded."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="serial_series"
    )
    # "SSCC:<extension><prefix>" or "CID": a new prefix starts its own series.
    key = models.CharField(max_length=40)
    last_serial = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="serial_series_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.last_serial}"


class Shipment(models.Model):
    """One dispatch to one Amazon FC, covering one or more acknowledged POs."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="shipments"
    )
    channel = models.ForeignKey(
        "channels.AmazonChannel", on_delete=models.PROTECT, related_name="shipments"
    )
    ship_to_code = models.CharField("FC", max_length=20)
    # Amazon's shipmentIdentifier: ours, unique per organization, kept across a Replace.
    reference = models.CharField(max_length=40)
    state = models.CharField(
        max_length=10, choices=ShipmentState.choices, default=ShipmentState.DRAFT
    )
    shipment_type = models.CharField(
        max_length=20, choices=ShipmentType.choices, default=ShipmentType.SMALL_PARCEL
    )
    appointment_id = models.CharField("appointment id", max_length=40, blank=True)
    appointment_at = models.DateTimeField("appointment date", null=True, blank=True)
    carrier = models.CharField(max_length=80, blank=True)
    carrier_scac = models.CharField("carrier SCAC", max_length=8, blank=True)
    tracking_number = models.CharField("LR / tracking number", max_length=60, blank=True)
    ship_date = models.DateField(null=True, blank=True)
    estimated_delivery_at = models.DateTimeField(null=True, blank=True)
    # What the user said about accepted units left out of the boxes when marking it shipped.
    short_shipped_note = models.TextField(blank=True)
    short_shipped_eaches = models.PositiveIntegerField(default=0)
    shipped_at = models.DateTimeField(null=True, blank=True)
    shipped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "reference"], name="shipment_reference_unique"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "-created_at", "-id"], name="shipment_newest"),
            models.Index(
                fields=["organization", "state", "-created_at", "-id"], name="shipment_by_state"
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class ShipmentOrder(models.Model):
    """An order in a shipment. An order ships in one shipment."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="members")
    order = models.OneToOneField(
        "orders.Order", on_delete=models.PROTECT, related_name="shipment_member"
    )

    def __str__(self) -> str:
        return f"{self.shipment_id}: {self.order_id}"


class Box(models.Model):
    """A carton packed for one PO: its number within the PO, contents, measures and carton id."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="boxes"
    )
    order = models.ForeignKey("orders.Order", on_delete=models.CASCADE, related_name="boxes")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=8, choices=BoxState.choices, default=BoxState.OPEN)
    carton_id = models.CharField(max_length=20)
    carton_id_type = models.CharField(max_length=4, choices=CartonIdType.choices)
    weight_kg = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    length_cm = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    width_cm = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    height_cm = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "number"]
        constraints = [
            models.UniqueConstraint(fields=["order", "number"], name="box_number_unique_per_po"),
            models.UniqueConstraint(
                fields=["organization", "carton_id"], name="box_carton_id_unique"
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="box_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} box {self.number}"


class BoxItem(models.Model):
    """Eaches of one order line in one box."""

    box = models.ForeignKey(Box, on_delete=models.CASCADE, related_name="items")
    line = models.ForeignKey("orders.OrderLine", on_delete=models.CASCADE, related_name="box_items")
    quantity_eaches = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["box", "line"]
        constraints = [
            models.UniqueConstraint(fields=["box", "line"], name="box_item_unique_line"),
            models.CheckConstraint(
                condition=models.Q(quantity_eaches__gte=1), name="box_item_quantity_positive"
            ),
        ]
        indexes = [models.Index(fields=["line", "box"], name="box_item_by_line")]

    def __str__(self) -> str:
        return f"box {self.box_id}: line {self.line_id} ×{self.quantity_eaches}"


class PackEvent(models.Model):
    """The packing history: who put what in which box, closed, reopened or moved it, and when.
    Append-only; it is the evidence of what was shipped in which carton."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="pack_events"
    )
    box = models.ForeignKey(Box, on_delete=models.CASCADE, related_name="events")
    line = models.ForeignKey(
        "orders.OrderLine", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=12)  # packed, unpacked, moved_in, moved_out, closed, …
    quantity_eaches = models.IntegerField(default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["box", "created_at", "id"], name="pack_event_by_box")]

    def __str__(self) -> str:
        return f"box {self.box_id} {self.kind} {self.quantity_eaches}"


class Asn(models.Model):
    """The shipment's ASN (shipment confirmation) in the outbox: one row per shipment, sent
    exactly once per revision. A correction after a failure is a `Replace` on the same row."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="asns"
    )
    shipment = models.OneToOneField(Shipment, on_delete=models.CASCADE, related_name="asn")
    state = models.CharField(max_length=10, choices=AsnState.choices, default=AsnState.PENDING)
    confirmation_type = models.CharField(
        max_length=8, choices=ConfirmationType.choices, default=ConfirmationType.ORIGINAL
    )
    revision = models.PositiveIntegerField(default=1)
    payload = models.JSONField(default=dict)  # the ShipmentConfirmation as sent
    transaction_id = models.CharField(max_length=100, blank=True)
    errors = models.JSONField(default=list, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Set while a send's outcome is unknown: Amazon is asked before anything is sent again.
    in_doubt = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["state", "next_check_at"], name="asn_due_check")]

    def __str__(self) -> str:
        return f"ASN {self.shipment_id} ({self.state})"
