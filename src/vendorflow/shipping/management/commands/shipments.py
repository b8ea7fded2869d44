"""List shipments, newest first, filtered as the API's list is.

vendorflow shipments --user ana
vendorflow shipments --user ana --state ready --fc BLR7 --limit 20
"""

from django.core.management.base import BaseCommand

from vendorflow.accounts.choices import Role
from vendorflow.accounts.commands import acting_member, add_user_argument
from vendorflow.shipping.choices import ShipmentState
from vendorflow.shipping.commands import shipment_line
from vendorflow.shipping.models import Shipment


class Command(BaseCommand):
    help = "List shipments, newest first."

    def add_arguments(self, parser):
        add_user_argument(parser)
        parser.add_argument("--state", choices=ShipmentState.values)
        parser.add_argument("--fc", default="", help="shipments to this Amazon FC")
        parser.add_argument("--limit", type=int, default=100)

    def handle(self, *args, **opts):
        member = acting_member(opts["user"], Role.VIEWER)
        found = Shipment.objects.filter(organization=member.organization)
        if opts["state"]:
            found = found.filter(state=opts["state"])
        if opts["fc"]:
            found = found.filter(ship_to_code=opts["fc"].strip().upper())
        chosen = list(found.order_by("-created_at", "-id")[: max(opts["limit"], 1)])
        for shipment in chosen:
            self.stdout.write(shipment_line(shipment))
        if not chosen:
            self.stdout.write("No shipments.")
