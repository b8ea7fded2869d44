"""Shared by the management commands that act as a member (`--user`): who acts, with what role
checked, and Django's validation errors as one readable line."""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from vendorflow.accounts.choices import Role
from vendorflow.accounts.models import Membership


def add_user_argument(parser) -> None:
    parser.add_argument(
        "--user",
        required=True,
        help="username of the member who acts (their role is checked, the audit log names them)",
    )


def acting_member(username: str, minimum: str) -> Membership:
    """The active member `username`, if their role is at least `minimum`."""
    member = (
        Membership.objects.select_related("user", "organization")
        .filter(user__username=username, user__is_active=True)
        .first()
    )
    if member is None:
        raise CommandError(f"No active member has the username {username!r}.")
    if not member.has_role(minimum):
        raise CommandError(
            f"This needs the {Role(minimum).label} role or higher; "
            f"{username} is {Role(member.role).label}."
        )
    return member


def error_text(exc: ValidationError) -> str:
    """Every message, each field's prefixed with its name."""
    if not hasattr(exc, "error_dict"):
        return "; ".join(exc.messages)
    return "; ".join(
        message if field == "__all__" else f"{field}: {message}"
        for field, messages in exc.message_dict.items()
        for message in messages
    )
