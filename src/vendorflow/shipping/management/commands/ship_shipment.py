"""Mark a shipment shipped, as the API's POST /shipments/{id}/ship does.

vendorflow ship_shipment --user ana SHP0000001
vendorflow ship_shipment --user ana SHP0000001 --short-note "2 brushes damaged"
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from vendorflow.accounts.choices import Role
from vendorflow.accounts.commands import acting_member, add_user_argument, error_text
from vendorflow.shipping import shipments
from vendorflow.shipping.commands import shipment_by_reference, shipment_line


class Command(BaseCommand):
    help = "Mark a shipment shipped (queues its ASN when the channel sends ASNs)."

    def add_arguments(self, parser):
        add_user_argument(parser)
        parser.add_argument("reference", help="the shipment's reference, e.g. SHP0000001")
        parser.add_argument(
            "--short-note", default="", help="why accepted units are not in a closed box"
        )

    def handle(self, *args, **opts):
        member = acting_member(opts["user"], Role.MANAGER)
        shipment = shipment_by_reference(member.organization, opts["reference"])
        try:
            shipment = shipments.mark_shipped(
                shipment=shipment, user=member.user, short_note=opts["short_note"]
            )
        except ValidationError as exc:
            raise CommandError(error_text(exc)) from exc
        self.stdout.write(shipment_line(shipment))
        if shipment.short_shipped_eaches:
            self.stdout.write(f"Short-shipped: {shipment.short_shipped_eaches} eaches.")
