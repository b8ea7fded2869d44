"""`vendorflow reprocess --user ana [--code DEL4 | --exception 12 ...]`: turn held POs whose FC
code is mapped now into orders, as the Exceptions page and `POST /api/v1/exceptions/reprocess`
do. Without --code or --exception, every open exception is tried."""

from django.core.management.base import BaseCommand

from vendorflow.accounts.choices import Role
from vendorflow.accounts.commands import acting_member, add_user_argument
from vendorflow.orders.importing import normalize_code, reprocess_exceptions


class Command(BaseCommand):
    help = "Reprocess held import exceptions whose FC code is mapped now."

    def add_arguments(self, parser):
        add_user_argument(parser)
        parser.add_argument("--code", default="", help="only the POs held for this FC code")
        parser.add_argument(
            "--exception", type=int, action="append", default=[], help="an exception id"
        )

    def handle(self, *args, **opts):
        member = acting_member(opts["user"], Role.MANAGER)
        done = reprocess_exceptions(
            organization=member.organization,
            code=normalize_code(opts["code"]) if opts["code"] else None,
            exception_ids=opts["exception"] or None,
        )
        self.stdout.write(f"{done} held POs became orders.")
