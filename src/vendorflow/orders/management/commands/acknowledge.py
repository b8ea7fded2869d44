"""Acknowledge POs from a script, as the Acknowledge page and the list's bulk action do.

    vendorflow acknowledge --user ana 4Z32PABC               # preview: the plan and its fingerprint
    vendorflow acknowledge --user ana --confirm 4Z32PABC=9f1c2e0a7b3d4c5e
    vendorflow acknowledge --user ana --confirm PO1=FP1 PO2=FP2   # several: one batch
    vendorflow acknowledge --user ana 4Z32PABC --reason 2=ObsoleteProduct   # choose a reason

A preview sends nothing. A confirm sends exactly the previewed plans; if any order changed since
(scans, Amazon's quantities, item mappings) nothing is sent and the command exits with status 3,
printing the plans as they are now. A failed acknowledgement is resubmitted the same way.
"""

import json
from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from vendorflow.accounts.choices import Role
from vendorflow.accounts.commands import acting_member, add_user_argument, error_text
from vendorflow.lib.text import in_sentence
from vendorflow.orders import ack_actions, acknowledging
from vendorflow.orders.acknowledging import PreviewChanged
from vendorflow.orders.choices import RejectionReason
from vendorflow.orders.models import Order

CHANGED = 3  # exit status: a plan changed since its preview, nothing was sent


class Command(BaseCommand):
    help = "Preview or confirm the acknowledgement of POs (several confirmed make one batch)."

    def add_arguments(self, parser):
        add_user_argument(parser)
        parser.add_argument("po_numbers", nargs="+", metavar="PO[=FINGERPRINT]")
        parser.add_argument(
            "--confirm",
            action="store_true",
            help="send the previewed plans: give each PO as PO=FINGERPRINT",
        )
        parser.add_argument("--ship-date", default=None, help="YYYY-MM-DD (one PO only)")
        parser.add_argument("--delivery-date", default=None, help="YYYY-MM-DD (one PO only)")
        parser.add_argument(
            "--reason",
            action="append",
            default=[],
            metavar="LINE=REASON",
            help="the rejection reason of a line (by item sequence number; one PO only): "
            + ", ".join(RejectionReason.values),
        )
        parser.add_argument("--json", action="store_true", help="print JSON, as the API answers")

    def handle(self, *args, **opts):
        member = acting_member(opts["user"], Role.MANAGER)
        wanted = dict(_split(argument) for argument in opts["po_numbers"])
        orders = _orders(member.organization, list(wanted))
        choices = {
            "scheduled_ship_date": _date("--ship-date", opts["ship_date"]),
            "scheduled_delivery_date": _date("--delivery-date", opts["delivery_date"]),
        }
        if len(orders) > 1 and (any(choices.values()) or opts["reason"]):
            raise CommandError(
                "--ship-date, --delivery-date and --reason are for one PO at a time."
            )
        if opts["reason"]:
            choices["rejection_reasons"] = _reasons(orders[0], opts["reason"])
        self.as_json = opts["json"]
        try:
            if not opts["confirm"]:
                return self._preview(orders, choices)
            if missing := [number for number, fingerprint in wanted.items() if not fingerprint]:
                raise CommandError(f"Give the previewed fingerprint: {missing[0]}=FINGERPRINT.")
            if len(orders) == 1:
                return self._confirm_one(orders[0], wanted[orders[0].po_number], member, choices)
            return self._confirm_batch(orders, wanted, member)
        except ValidationError as exc:
            raise CommandError(error_text(exc)) from exc

    def _preview(self, orders: list[Order], choices: dict) -> None:
        if len(orders) == 1:
            plan = acknowledging.build_plan(orders[0], **choices)
            self._plans([(orders[0], plan)], [])
            return
        batch = ack_actions.batch_preview(Order.objects.filter(pk__in=[o.pk for o in orders]))
        self._plans(batch.ready, batch.skipped)

    def _confirm_one(self, order: Order, fingerprint: str, member, choices: dict) -> None:
        try:
            ack = ack_actions.submit(
                order=order, user=member.user, previewed=fingerprint, **choices
            )
        except PreviewChanged as changed:
            order = Order.objects.get(pk=order.pk)
            self._plans([(order, acknowledging.build_plan(order, **choices))], [])
            raise CommandError(changed.messages[0], returncode=CHANGED) from changed
        self._acks([ack])

    def _confirm_batch(self, orders: list[Order], wanted: dict, member) -> None:
        batch = ack_actions.batch_preview(Order.objects.filter(pk__in=[o.pk for o in orders]))
        changed = batch.changed({order.pk: wanted[order.po_number] for order in orders})
        if changed:
            self._plans(batch.ready, batch.skipped)
            raise CommandError(
                f"{', '.join(changed)} changed since the preview; nothing was sent.",
                returncode=CHANGED,
            )
        self._acks(ack_actions.confirm_batch(batch.ready, member.user) if batch.ready else [])
        for order, reason in batch.skipped:
            self.stderr.write(f"Skipped {order.po_number}: {reason}")

    # -- output ------------------------------------------------------------------------------

    def _plans(self, ready, skipped) -> None:
        if self.as_json:
            data = {
                "ready": [ack_actions.plan_data(order, plan) for order, plan in ready],
                "skipped": [{"po_number": o.po_number, "reason": r} for o, r in skipped],
            }
            self.stdout.write(json.dumps(data, cls=DjangoJSONEncoder, indent=2))
            return
        for _order, plan in ready:
            self.stdout.write(_plan_text(plan))
        for order, reason in skipped:
            self.stdout.write(f"PO {order.po_number} is left out: {reason}")
        if ready:
            pairs = " ".join(f"{plan.po_number}={plan.fingerprint}" for _, plan in ready)
            self.stdout.write(f"To send: vendorflow acknowledge --user USER --confirm {pairs}")

    def _acks(self, acks) -> None:
        if self.as_json:
            data = [
                {
                    "id": a.pk,
                    "po_number": a.order.po_number,
                    "state": a.state,
                    "batch_id": a.batch_id,
                }
                for a in acks
            ]
            self.stdout.write(json.dumps(data, indent=2))
            return
        for ack in acks:
            self.stdout.write(
                f"PO {ack.order.po_number}: acknowledgement {ack.pk} "
                f"{in_sentence(ack.get_state_display())}."
            )


def _split(argument: str) -> tuple[str, str]:
    number, _, fingerprint = argument.partition("=")
    return number.strip(), fingerprint.strip()


def _orders(organization, po_numbers: list[str]) -> list[Order]:
    found = {
        order.po_number: order
        for order in Order.objects.select_related("channel", "acknowledgement").filter(
            organization=organization, po_number__in=po_numbers
        )
    }
    if missing := [number for number in po_numbers if number not in found]:
        raise CommandError(f"{organization.slug} has no order with the PO number {missing[0]}.")
    return [found[number] for number in po_numbers]


def _reasons(order: Order, given: list[str]) -> dict[int, str]:
    """`--reason 2=ObsoleteProduct` → {id of line 2: "ObsoleteProduct"}."""
    lines = dict(order.lines.values_list("item_sequence_number", "pk"))
    chosen = {}
    for value in given:
        sequence, _, reason = value.partition("=")
        if sequence.strip() not in lines or not reason:
            raise CommandError(
                f"--reason {value}: give LINE=REASON for a line of {order.po_number}."
            )
        chosen[lines[sequence.strip()]] = reason.strip()
    return chosen


def _date(option: str, value: str | None):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option}: {value!r} is not a date (YYYY-MM-DD).") from None


def _plan_text(plan) -> str:
    rows = [
        f"PO {plan.po_number} · fingerprint {plan.fingerprint} · "
        f"{plan.accepted_eaches} of {plan.ordered_eaches} eaches accepted · "
        f"ship {plan.scheduled_ship_date:%Y-%m-%d}, deliver {plan.scheduled_delivery_date:%Y-%m-%d}"
    ]
    for line in plan.lines:
        reason = f" ({line.rejection_reason})" if line.rejection_reason else ""
        rows.append(
            f"  line {line.item_sequence_number} {line.sku or line.asin}: accepted "
            f"{line.accepted}, rejected {line.rejected}{reason} {line.unit_of_measure}"
        )
    rows += [f"  warning: {warning}" for warning in plan.warnings]
    return "\n".join(rows)
