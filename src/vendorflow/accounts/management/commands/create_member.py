"""Bootstrap an instance: `vendorflow create_member --organization acme --username ana --role admin`
(add `--create-org "Acme Brands"` to create the organization, `--token erp` for a first API
token; its key is printed once)."""

import secrets

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vendorflow.accounts.choices import Role
from vendorflow.accounts.services import bootstrap_member, create_token


class Command(BaseCommand):
    help = "Add a member to an organization (creating the organization with --create-org NAME)."

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True, help="organization slug")
        parser.add_argument("--username", required=True)
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--password", default="", help="omit to generate one (printed once)")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--create-org",
            default="",
            metavar="NAME",
            help="create the organization with this name if it does not exist",
        )
        parser.add_argument(
            "--token",
            default="",
            metavar="NAME",
            help="also create an API token with this name for the member (key printed once)",
        )

    def handle(self, *args, **opts):
        password = opts["password"] or secrets.token_urlsafe(12)
        try:
            with transaction.atomic():
                member, created = bootstrap_member(
                    organization_slug=opts["organization"],
                    create_org_name=opts["create_org"],
                    username=opts["username"],
                    role=opts["role"],
                    password=password,
                    email=opts["email"],
                )
                token = create_token(member=member, name=opts["token"]) if opts["token"] else None
        except ValidationError as exc:
            raise CommandError("; ".join(_messages(exc))) from exc
        if created:
            self.stdout.write(
                f"Created organization {member.organization.slug} ({member.organization.name})."
            )
        self.stdout.write(
            f"Added {member.user.username} as {member.get_role_display()} "
            f"of {member.organization.slug}."
        )
        if not opts["password"]:
            self.stdout.write(f"Generated password (shown once): {password}")
        if token is not None:
            self.stdout.write(f"API token {token.token.name!r} (shown once): {token.key}")


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{field}: {msg}" for field, msgs in exc.message_dict.items() for msg in msgs]
    return exc.messages
