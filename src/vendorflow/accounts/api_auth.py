"""API authentication (per-user bearer tokens, or the browser session) and role checks."""

from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

from vendorflow.accounts.choices import Role
from vendorflow.accounts.models import ApiToken, Membership


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str) -> Membership | None:
        api_token = (
            ApiToken.objects.select_related("user__membership__organization")
            .filter(key_hash=ApiToken.hash_key(token), user__is_active=True)
            .first()
        )
        if api_token is None:
            return None
        member = getattr(api_token.user, "membership", None)
        if member is None:
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.user
        return member


class SessionAuth(APIKeyCookie):
    """The signed-in browser session (CSRF checked by ninja for unsafe methods)."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        user = request.user
        if user.is_authenticated:
            return getattr(user, "membership", None)
        return None


def member_of(request, minimum: str = Role.VIEWER) -> Membership:
    """The caller's membership, after checking its role; use its organization to scope queries."""
    member: Membership = request.auth
    if not member.has_role(minimum):
        raise HttpError(
            403,
            f"This needs the {Role(minimum).label} role or higher; "
            f"you are {Role(member.role).label}.",
        )
    return member
