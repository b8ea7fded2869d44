"""Queue a shipped shipment's ASN, or replace a failed one, as the API does.

vendorflow shipment_asn --user ana SHP0000001
vendorflow shipment_asn --user ana SHP0000001 --replace
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from vendorflow.accounts.choices import Role
from vendorflow.accounts.commands import acting_member, add_user_argument, error_text
from vendorflow.shipping import asn
from vendorflow.shipping.commands import shipment_by_reference
from vendorflow.shipping.models import Asn


class Command(BaseCommand):
    help = "Queue a shipment's ASN for Amazon, or (--replace) send a failed one again corrected."

    def add_arguments(self, parser):
        add_user_argument(parser)
        parser.add_argument("reference", help="the shipment's reference, e.g. SHP0000001")
        parser.add_argument("--replace", action="store_true", help="replace a failed ASN")

    def handle(self, *args, **opts):
        member = acting_member(opts["user"], Role.MANAGER)
        shipment = shipment_by_reference(member.organization, opts["reference"])
        try:
            if not opts["replace"]:
                row = asn.send_now(shipment=shipment, user=member.user)
            elif not Asn.objects.filter(shipment=shipment).exists():
                raise CommandError(f"Shipment {shipment.reference} has no ASN to replace.")
            else:
                row = asn.replace(shipment=shipment, user=member.user)
        except ValidationError as exc:
            raise CommandError(error_text(exc)) from exc
        self.stdout.write(
            f"{shipment.reference}: ASN {row.confirmation_type} revision {row.revision} "
            f"{row.get_state_display().lower()}."
        )
