"""Make a draft shipment of acknowledged POs to one FC, as the API's POST /shipments does.

    vendorflow create_shipment --user ana --orders 4Z32PABC,4Z32PABD --carrier "Blue Dart" \\
        --tracking LR123 --appointment-id ARN-77 --ship-date 2026-12-02 --type SmallParcel
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from vendorflow.accounts.choices import Role
from vendorflow.accounts.commands import acting_member, add_user_argument, error_text
from vendorflow.orders.models import Order
from vendorflow.shipping import shipments
from vendorflow.shipping.choices import ShipmentType
from vendorflow.shipping.commands import shipment_line


class Command(BaseCommand):
    help = "Create a draft shipment of acknowledged POs to one FC."

    def add_arguments(self, parser):
        add_user_argument(parser)
        parser.add_argument("--orders", required=True, help="PO numbers, comma-separated")
        parser.add_argument("--appointment-id", default="")
        parser.add_argument("--carrier", default="")
        parser.add_argument("--tracking", default="", help="the LR / tracking number")
        parser.add_argument("--ship-date", default=None, help="YYYY-MM-DD")
        parser.add_argument(
            "--type", default=ShipmentType.SMALL_PARCEL, choices=ShipmentType.values
        )

    def handle(self, *args, **opts):
        member = acting_member(opts["user"], Role.MANAGER)
        numbers = [number.strip() for number in opts["orders"].split(",") if number.strip()]
        details = shipments.Details(
            shipment_type=opts["type"],
            appointment_id=opts["appointment_id"],
            carrier=opts["carrier"],
            tracking_number=opts["tracking"],
            ship_date=_date(opts["ship_date"]),
        )
        try:
            shipment = shipments.create_shipment(
                organization=member.organization,
                order_ids=_order_ids(member.organization, numbers),
                user=member.user,
                details=details,
            )
        except ValidationError as exc:
            raise CommandError(error_text(exc)) from exc
        self.stdout.write(shipment_line(shipment))


def _order_ids(organization, numbers: list[str]) -> list[int]:
    if not numbers:
        raise CommandError("Give at least one PO number: --orders PO1,PO2.")
    found = dict(
        Order.objects.filter(organization=organization, po_number__in=numbers).values_list(
            "po_number", "pk"
        )
    )
    missing = [number for number in numbers if number not in found]
    if missing:
        raise CommandError(f"No such PO: {', '.join(missing)}.")
    return [found[number] for number in numbers]


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--ship-date: {value!r} is not YYYY-MM-DD.") from exc
