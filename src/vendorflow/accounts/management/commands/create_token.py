"""`vendorflow create_token --user ana --name erp`: an API token for a member, from the shell (for
the first script, before anyone has signed in to the browser). The key is printed once."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from vendorflow.accounts.choices import Role
from vendorflow.accounts.commands import acting_member, add_user_argument, error_text
from vendorflow.accounts.services import create_token


class Command(BaseCommand):
    help = "Create an API token for a member and print its key (shown once)."

    def add_arguments(self, parser):
        add_user_argument(parser)
        parser.add_argument("--name", required=True, help="what uses the token, e.g. erp")
        parser.add_argument(
            "--key-only", action="store_true", help="print only the key (for scripts)"
        )

    def handle(self, *args, **opts):
        member = acting_member(opts["user"], Role.VIEWER)
        try:
            new = create_token(member=member, name=opts["name"])
        except ValidationError as exc:
            raise CommandError(error_text(exc)) from exc
        if opts["key_only"]:
            self.stdout.write(new.key)
            return
        self.stdout.write(
            f"API token {new.token.name!r} of {member.user.username} "
            f"({member.get_role_display()} of {member.organization.slug}), shown once:"
        )
        self.stdout.write(new.key)
