"""Role checks for views. Every business view goes through `member_required`."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from vendorflow.accounts.choices import Role


def member_required(minimum: str = Role.VIEWER):
    """Signed in, a member of an organization, and at least `minimum` role.

    Sets `request.organization` for the view; every query must be scoped to it.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            member = request.membership
            if not member:
                raise PermissionDenied("You are not a member of any organization.")
            if not member.has_role(minimum):
                raise PermissionDenied(
                    f"This needs the {Role(minimum).label} role or higher; you are "
                    f"{Role(member.role).label}."
                )
            request.organization = member.organization
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
