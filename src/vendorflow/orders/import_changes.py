"""Amazon changed a PO we already hold: update it in place, or record the change after an ack.

Before acknowledgement the order follows Amazon: quantities change, missing or zero lines are
cancelled (ordered 0), new lines are added, a new ship-to re-identifies the customer. Scans are
never dropped; a line scanned beyond its new quantity is flagged `over_scanned`. After
acknowledgement the lines stay as acknowledged; the change is recorded and the order flagged
`changed_after_ack`.
"""

import copy
from collections import defaultdict
from dataclasses import dataclass, field

from vendorflow.orders import dto
from vendorflow.orders.bulk import insert_rows, update_objects
from vendorflow.orders.choices import AckState, EventKind, OrderStatus
from vendorflow.orders.import_payload import to_json
from vendorflow.orders.importing import (
    CLOSED_STATE,
    PageContext,
    close_order,
    header_values,
    line_values,
    waits_for_mapping,
)
from vendorflow.orders.models import Acknowledgement, Order, OrderEvent, OrderLine

# Fields whose change is a change of substance (dates, state and raw payload are bookkeeping).
MATERIAL_FIELDS = [
    "ship_to_code", "customer_id", "location_id", "po_type", "payment_method", "po_date",
    "ship_window_start", "ship_window_end", "delivery_window_start", "delivery_window_end",
    "selling_party_id", "buying_party_id", "bill_to_party_id",
]  # fmt: skip
ORDER_FIELDS = [
    "ship_to_code", "customer", "location", "po_type", "payment_method", "po_date",
    "ship_window_start", "ship_window_end", "delivery_window_start", "delivery_window_end",
    "selling_party_id", "buying_party_id", "bill_to_party_id", "amazon_state", "po_changed_date",
    "po_state_changed_date", "ack_due_at", "raw_payload", "status", "needs_mapping",
    "has_overscan", "changed_after_ack", "customer_name", "line_count", "ordered_total",
    "scanned_total",
]  # fmt: skip
LINE_FIELDS = [
    "asin", "vendor_product_id", "product", "ordered_quantity", "unit_of_measure", "unit_size",
    "ordered_eaches", "is_back_order_allowed", "net_cost", "currency", "list_price",
    "over_scanned",
]  # fmt: skip
_KEPT_AS_ACKNOWLEDGED = " The order was already acknowledged; its lines are kept as acknowledged."
_BOOKKEEPING = ("amazon_state", "po_changed_date", "po_state_changed_date", "raw_payload")


@dataclass
class ChangeSet:
    """The writes of all changed POs of a page, sent as one statement per table."""

    orders: list[Order] = field(default_factory=list)
    lines: list[OrderLine] = field(default_factory=list)
    new_lines: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)

    def write(self) -> None:
        update_objects(self.orders, ORDER_FIELDS)
        update_objects(self.lines, LINE_FIELDS)
        insert_rows(OrderLine, self.new_lines)
        insert_rows(OrderEvent, self.events)


def apply_changes(ctx: PageContext, purchase_orders: list[dto.PurchaseOrder]) -> None:
    if not purchase_orders:
        return
    ids = [ctx.existing[po.po_number]["id"] for po in purchase_orders]
    # Locked as a confirm locks its order (in id order): a confirm in progress is waited for and
    # its acknowledgement seen, and the orders are never written back as they were before it.
    locked = Order.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    orders = {order.pk: order for order in locked}
    # A failed acknowledgement holds nothing at Amazon: its order follows Amazon like any open one.
    acknowledged = set(
        Acknowledgement.objects.filter(order_id__in=ids)
        .exclude(state=AckState.FAILED)
        .values_list("order_id", flat=True)
    )
    lines = _lines_by_order(ids)
    changes = ChangeSet()
    for po, order_id in zip(purchase_orders, ids, strict=True):
        order = orders[order_id]
        if order.status == OrderStatus.OPEN and order_id not in acknowledged:
            _change_open(ctx, changes, order, lines[order_id], po)
        else:
            _change_acknowledged(ctx, changes, order, lines[order_id], po)
    changes.write()


def _lines_by_order(order_ids: list[int]) -> dict[int, dict[str, OrderLine]]:
    by_order: dict[int, dict[str, OrderLine]] = defaultdict(dict)
    for line in OrderLine.objects.filter(order_id__in=order_ids):
        by_order[line.order_id][line.item_sequence_number] = line
    return by_order


def _change_open(ctx, changes: ChangeSet, order: Order, lines: dict[str, OrderLine], po) -> None:
    before = _material(order)
    notes = _apply_header(ctx, order, po)
    line_diffs, added = _apply_lines(ctx, changes, order, lines, po)
    current = [*lines.values()]
    order.needs_mapping = any(
        line.product_id is None and line.ordered_quantity > 0 for line in current
    ) or any(waits_for_mapping(line) for line in added)
    order.has_overscan = any(line.over_scanned for line in current)
    _count_lines(order, current, added)
    header_diff = _diff(before, _material(order))
    if header_diff or line_diffs:
        changes.events.append(
            _event(
                ctx,
                order,
                EventKind.CHANGED,
                _summary(header_diff, line_diffs, notes),
                _change_data(po, header_diff, line_diffs, notes),
            )
        )
    _apply_state(ctx, changes, order, po, all_lines=[*current, *added])
    changes.orders.append(order)


def _count_lines(order: Order, current: list[OrderLine], added: list[dict]) -> None:
    """The kept totals of an open order (locked, so no scan moves its lines meanwhile)."""
    order.line_count = len(current) + len(added)
    order.ordered_total = sum(line.ordered_eaches for line in current) + sum(
        line["ordered_eaches"] for line in added
    )
    order.scanned_total = sum(line.scanned_eaches for line in current)


def _change_acknowledged(ctx, changes, order: Order, lines: dict[str, OrderLine], po) -> None:
    """Work the change out on copies, keep the acknowledged lines, record what Amazon changed."""
    shadow = copy.copy(order)
    before = _material(order)
    notes = _apply_header(ctx, shadow, po)
    copies = {seq: copy.copy(line) for seq, line in lines.items()}
    line_diffs, _ = _apply_lines(ctx, ChangeSet(), shadow, copies, po)
    header_diff = _diff(before, _material(shadow))
    for name in _BOOKKEEPING:
        setattr(order, name, getattr(shadow, name))
    if header_diff or line_diffs:
        order.changed_after_ack = True
        summary = _summary(header_diff, line_diffs, notes) + _KEPT_AS_ACKNOWLEDGED
        data = _change_data(po, header_diff, line_diffs, notes)
        changes.events.append(_event(ctx, order, EventKind.CHANGED_AFTER_ACK, summary, data))
    _apply_state(ctx, changes, order, po, all_lines=None)
    changes.orders.append(order)


def _apply_header(ctx: PageContext, order: Order, po: dto.PurchaseOrder) -> list[str]:
    values = header_values(po)
    moved = values["ship_to_code"] != order.ship_to_code
    for name, value in values.items():
        setattr(order, name, value)
    if not moved:
        return []
    found = ctx.customer_for(order.ship_to_code)
    if found is None:
        return [
            f"Ship-to changed to {order.ship_to_code}, which has no customer mapping; "
            "the customer was kept."
        ]
    order.customer_id, order.location_id = found
    order.customer_name = ctx.customer_names[order.customer_id]
    return []


def _apply_lines(ctx, changes: ChangeSet, order: Order, lines: dict[str, OrderLine], po):
    diffs, added = [], []
    incoming = {line.item_sequence_number: line for line in po.lines}
    for seq, line in incoming.items():
        values = line_values(ctx, line)
        stored = lines.get(seq)
        if stored is None:
            added.append({**values, "order": order.pk})
            diffs.append({"item": seq, "change": "added", "after": to_json(values)})
        else:
            _collect(changes, diffs, stored, values)
    for seq, stored in lines.items():
        if seq not in incoming and stored.ordered_quantity > 0:
            _collect(changes, diffs, stored, {"ordered_quantity": 0, "ordered_eaches": 0})
    changes.new_lines.extend(added)
    return diffs, added


def _collect(changes: ChangeSet, diffs: list[dict], stored: OrderLine, values: dict) -> None:
    diff = _update_line(stored, values)
    if diff:
        changes.lines.append(stored)
        diffs.append(diff)


def _update_line(stored: OrderLine, values: dict) -> dict | None:
    """Apply Amazon's line values to a stored line; the before/after of what moved, or None."""
    values = dict(values)
    asin = values.get("asin", stored.asin)
    vendor_id = values.get("vendor_product_id", stored.vendor_product_id)
    same_item = (asin, vendor_id) == (stored.asin, stored.vendor_product_id)
    if "product" in values and same_item and stored.product_id is not None:
        values["product"] = stored.product_id  # keep the product the line already resolved to
    values = {("product_id" if k == "product" else k): v for k, v in values.items()}
    before = {k: getattr(stored, k) for k, v in values.items() if getattr(stored, k) != v}
    was_over = stored.over_scanned
    for name in before:
        setattr(stored, name, values[name])
    stored.over_scanned = stored.scanned_eaches > stored.ordered_eaches
    if not before and was_over == stored.over_scanned:
        return None
    return _line_diff(stored, before, values)


def _line_diff(stored: OrderLine, before: dict, values: dict) -> dict:
    diff = {
        "item": stored.item_sequence_number,
        "change": "cancelled"
        if before.get("ordered_quantity") and not stored.ordered_quantity
        else "changed",
        "before": to_json(before),
        "after": to_json({k: values[k] for k in before}),
    }
    if stored.over_scanned:
        diff["over_scanned"] = {"scanned": stored.scanned_eaches, "ordered": stored.ordered_eaches}
    return diff


def _apply_state(ctx, changes: ChangeSet, order: Order, po, all_lines: list | None) -> None:
    if po.state == CLOSED_STATE:
        closed = close_order(order, at=ctx.now, message="Amazon closed the PO.", data={})
        if closed is not None:
            changes.events.append(closed)
    elif (
        all_lines
        and order.status == OrderStatus.OPEN
        and all(_quantity(line) == 0 for line in all_lines)
    ):
        order.status = OrderStatus.CANCELLED
        changes.events.append(
            _event(ctx, order, EventKind.CANCELLED, "Amazon cancelled every line of the PO.", {})
        )


def _quantity(line: OrderLine | dict) -> int:
    return line["ordered_quantity"] if isinstance(line, dict) else line.ordered_quantity


def _material(order: Order) -> dict:
    return {name: getattr(order, name) for name in MATERIAL_FIELDS}


def _diff(before: dict, after: dict) -> dict:
    return {k: (before[k], after[k]) for k in before if before[k] != after[k]}


def _change_data(po, header_diff: dict, line_diffs: list[dict], notes: list[str]) -> dict:
    return {
        "changed_date": to_json(po.changed_date),
        "before": to_json({k: v[0] for k, v in header_diff.items()}),
        "after": to_json({k: v[1] for k, v in header_diff.items()}),
        "lines": line_diffs,
        "notes": notes,
    }


def _summary(header_diff: dict, line_diffs: list[dict], notes: list[str]) -> str:
    parts = [f"{name} {old} → {new}" for name, (old, new) in header_diff.items()]
    parts += [_line_summary(diff) for diff in line_diffs]
    return "Amazon changed the PO: " + "; ".join(parts + notes) + "."


def _line_summary(diff: dict) -> str:
    item = f"item {diff['item']}"
    if diff["change"] == "added":
        return f"{item} added ({diff['after']['ordered_quantity']} ordered)"
    text = (
        f"{item} cancelled"
        if diff["change"] == "cancelled"
        else f"{item} "
        + ", ".join(f"{k} {diff['before'][k]} → {diff['after'][k]}" for k in diff["before"])
    )
    if "over_scanned" in diff:
        scanned, ordered = diff["over_scanned"]["scanned"], diff["over_scanned"]["ordered"]
        text += f" (scanned {scanned} eaches, more than the {ordered} now ordered)"
    return text


def _event(ctx: PageContext, order: Order, kind: str, message: str, data: dict) -> dict:
    return {
        "organization": order.organization_id,
        "order": order.pk,
        "kind": kind,
        "message": message,
        "data": data,
        "created_at": ctx.now,
    }
