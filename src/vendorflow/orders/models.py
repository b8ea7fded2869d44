from django.conf import settings
from django.db import models

from vendorflow.orders.choices import (
    AckState,
    EventKind,
    ExceptionReason,
    ExceptionStatus,
    OrderStatus,
    ScanKind,
    UnitOfMeasure,
)


class Order(models.Model):
    """A B2B order imported from one Amazon purchase order."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="orders"
    )
    channel = models.ForeignKey(
        "channels.AmazonChannel", on_delete=models.PROTECT, related_name="orders"
    )
    sales_channel = models.ForeignKey(
        "channels.SalesChannel", on_delete=models.PROTECT, related_name="orders"
    )
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, related_name="orders"
    )
    location = models.ForeignKey(
        "catalog.Location", on_delete=models.PROTECT, null=True, blank=True, related_name="orders"
    )
    po_number = models.CharField("PO number", max_length=32)
    ship_to_code = models.CharField("FC", max_length=20, db_index=True)
    status = models.CharField(
        max_length=16, choices=OrderStatus.choices, default=OrderStatus.OPEN, db_index=True
    )
    amazon_state = models.CharField(max_length=16, blank=True)  # New / Acknowledged / Closed
    po_type = models.CharField(max_length=32, blank=True)
    payment_method = models.CharField(max_length=32, blank=True)
    po_date = models.DateTimeField()
    po_changed_date = models.DateTimeField(null=True, blank=True)
    po_state_changed_date = models.DateTimeField(null=True, blank=True)
    ship_window_start = models.DateTimeField(null=True, blank=True)
    ship_window_end = models.DateTimeField(null=True, blank=True)
    delivery_window_start = models.DateTimeField(null=True, blank=True)
    delivery_window_end = models.DateTimeField(null=True, blank=True)
    ack_due_at = models.DateTimeField(db_index=True)
    needs_mapping = models.BooleanField(default=False)
    changed_after_ack = models.BooleanField(default=False)
    has_overscan = models.BooleanField(default=False)
    deadline_notified_at = models.DateTimeField(null=True, blank=True)
    selling_party_id = models.CharField(max_length=20, blank=True)
    buying_party_id = models.CharField(max_length=20, blank=True)
    bill_to_party_id = models.CharField(max_length=20, blank=True)
    raw_payload = models.JSONField(default=dict)
    # The customer's name, kept for sorting the list by customer with an index.
    customer_name = models.CharField(max_length=200, default="")
    # Totals of the order's lines, kept in the same transaction as the lines and scans they sum
    # (orders/totals.py), so lists and the dashboard read them instead of aggregating lines.
    line_count = models.PositiveIntegerField(default=0)
    ordered_total = models.PositiveIntegerField(default=0)  # ordered eaches
    scanned_total = models.PositiveIntegerField(default=0)  # scanned eaches
    # What the order adds to its FillTally: ordered and accepted eaches while its
    # acknowledgement is submitted or confirmed, zero otherwise.
    fill_ordered = models.PositiveIntegerField(default=0)
    fill_accepted = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-po_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "po_number"], name="order_po_unique_per_channel"
            ),
        ]
        # One index per filter and sort of the orders list (orders/selectors.py), each ending in
        # the list's tie-breaker so a page is one index range.
        indexes = [
            models.Index(fields=["organization", "status", "ack_due_at"]),
            models.Index(fields=["organization", "-po_date", "-id"], name="order_by_po_date"),
            models.Index(fields=["organization", "ack_due_at", "id"], name="order_by_deadline"),
            models.Index(
                fields=["organization", "status", "-po_date", "-id"], name="order_by_status"
            ),
            models.Index(
                fields=["organization", "customer_name", "-po_date", "-id"],
                name="order_by_customer_name",
            ),
            models.Index(
                fields=["organization", "ship_to_code", "-po_date", "-id"], name="order_by_fc"
            ),
            models.Index(fields=["organization", "po_number"], name="order_po_number"),
            models.Index(fields=["channel", "-po_date", "-id"], name="order_channel_by_po_date"),
            models.Index(
                fields=["sales_channel", "-po_date", "-id"], name="order_sales_ch_by_po_date"
            ),
            models.Index(fields=["customer", "-po_date", "-id"], name="order_customer_by_po_date"),
            models.Index(fields=["location", "-po_date", "-id"], name="order_location_by_po_date"),
            models.Index(
                fields=["organization", "-po_date", "-id"],
                condition=models.Q(needs_mapping=True),
                name="order_needs_mapping",
            ),
            models.Index(
                fields=["organization", "-po_date", "-id"],
                condition=models.Q(changed_after_ack=True),
                name="order_changed_after_ack",
            ),
        ]

    def __str__(self) -> str:
        return self.po_number


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    item_sequence_number = models.CharField(max_length=10)
    asin = models.CharField("ASIN", max_length=20, blank=True)
    vendor_product_id = models.CharField(max_length=64, blank=True)
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_lines",
    )
    ordered_quantity = models.PositiveIntegerField()  # as Amazon expresses it
    unit_of_measure = models.CharField(max_length=8, choices=UnitOfMeasure.choices)
    unit_size = models.PositiveIntegerField(default=1)  # eaches per case for Cases lines
    ordered_eaches = models.PositiveIntegerField()
    is_back_order_allowed = models.BooleanField(default=False)
    net_cost = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    list_price = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    scanned_eaches = models.PositiveIntegerField(default=0)
    over_scanned = models.BooleanField(default=False)
    # What we sent in the acknowledgement, in Amazon's unit of measure.
    ack_accepted = models.PositiveIntegerField(null=True, blank=True)
    ack_rejected = models.PositiveIntegerField(null=True, blank=True)
    ack_rejection_reason = models.CharField(max_length=40, blank=True)
    # What Amazon's getPurchaseOrdersStatus reports back.
    amazon_accepted = models.PositiveIntegerField(null=True, blank=True)
    amazon_rejected = models.PositiveIntegerField(null=True, blank=True)
    amazon_receiving_status = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["order", "id"]
        # Search by identifier (orders/search.py): the orders holding an ASIN or vendor id.
        indexes = [
            models.Index(fields=["asin", "order"], name="order_line_asin"),
            models.Index(fields=["vendor_product_id", "order"], name="order_line_vendor_id"),
            models.Index(fields=["product", "order"], name="order_line_product"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "item_sequence_number"], name="order_line_unique_sequence"
            ),
            models.CheckConstraint(
                condition=models.Q(unit_size__gte=1), name="order_line_unit_size"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order.po_number}#{self.item_sequence_number}"


class Scan(models.Model):
    """One barcode read or bulk entry against an order line. Append-only; undo marks it."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="scans"
    )
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="scans")
    line = models.ForeignKey(OrderLine, on_delete=models.CASCADE, related_name="scans")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    location = models.ForeignKey(
        "catalog.Location", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    barcode = models.CharField(max_length=64, blank=True)
    kind = models.CharField(max_length=8, choices=ScanKind.choices, default=ScanKind.BARCODE)
    quantity_eaches = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity_eaches__gte=1), name="scan_quantity_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.barcode} ×{self.quantity_eaches}"


class Acknowledgement(models.Model):
    """The single acknowledgement of an order, sent through an outbox.

    See docs/acknowledgement.md for its states.
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="acknowledgements"
    )
    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="acknowledgement")
    state = models.CharField(
        max_length=16, choices=AckState.choices, default=AckState.PENDING, db_index=True
    )
    payload = models.JSONField(default=dict)  # the OrderAcknowledgement object sent to Amazon
    transaction_id = models.CharField(max_length=100, blank=True)
    errors = models.JSONField(default=list, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    batch_id = models.CharField(max_length=36, blank=True, db_index=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Set when a worker claims the row; cleared once the send's outcome is recorded. A row still
    # `sending` with this set may or may not have reached Amazon: ask getPurchaseOrdersStatus first.
    needs_status_check = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    next_check_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["organization", "state"], name="ack_state_per_org")]

    def __str__(self) -> str:
        return f"ack {self.order.po_number} ({self.state})"


class FillTally(models.Model):
    """Ordered and accepted eaches of one channel's orders for one customer, summed over the
    orders whose acknowledgement is submitted or confirmed: the dashboard's fill rates without
    reading the history. Each order's share is its `fill_ordered` / `fill_accepted`; both move
    together in orders/totals.py."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="fill_tallies"
    )
    channel = models.ForeignKey(
        "channels.AmazonChannel", on_delete=models.CASCADE, related_name="fill_tallies"
    )
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="fill_tallies"
    )
    ordered_eaches = models.BigIntegerField(default=0)
    accepted_eaches = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "customer"], name="fill_tally_unique"),
            models.CheckConstraint(
                condition=models.Q(ordered_eaches__gte=0, accepted_eaches__gte=0),
                name="fill_tally_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel_id}/{self.customer_id}: {self.accepted_eaches}/{self.ordered_eaches}"


class ImportException(models.Model):
    """A PO that could not become an order, kept with its payload until it can be reprocessed."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="import_exceptions"
    )
    channel = models.ForeignKey(
        "channels.AmazonChannel", on_delete=models.CASCADE, related_name="import_exceptions"
    )
    po_number = models.CharField(max_length=64)
    reason = models.CharField(max_length=20, choices=ExceptionReason.choices)
    message = models.TextField()
    ship_to_code = models.CharField(max_length=20, blank=True, db_index=True)
    payload = models.JSONField(default=dict)
    po_changed_date = models.DateTimeField(null=True, blank=True)
    # Read off the held PO when it is held, so the list shows them without reading payloads;
    # empty for a payload that could not be read.
    po_date = models.DateTimeField(null=True, blank=True)
    line_count = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ExceptionStatus.choices, default=ExceptionStatus.OPEN, db_index=True
    )
    order = models.ForeignKey(
        Order, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notified = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "po_number"], name="import_exception_unique_per_po"
            )
        ]
        indexes = [
            # The Exceptions page and API: open ones by FC code and PO, resolved newest first.
            models.Index(
                fields=["organization", "status", "ship_to_code", "po_number", "id"],
                name="import_exception_by_code",
            ),
            models.Index(
                fields=["organization", "status", "-resolved_at", "-id"],
                name="import_exception_resolved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.po_number}: {self.get_reason_display()}"


class WarehouseCodeNotice(models.Model):
    """Registered emails are told once per unmapped FC code, not once per PO."""

    channel = models.ForeignKey(
        "channels.AmazonChannel", on_delete=models.CASCADE, related_name="code_notices"
    )
    code = models.CharField(max_length=20)
    notified_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "code"], name="code_notice_once_per_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} notified {self.notified_at:%Y-%m-%d %H:%M}"


class OrderEvent(models.Model):
    """The order's history: imports, Amazon's changes, scans, acknowledgement steps."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="order_events"
    )
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    message = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.order_id} {self.kind}"
