"""API authentication (per-user bearer tokens, or the browser session) and role checks."""

import math
from datetime import datetime, timedelta

from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

from vendorflow.accounts import lockouts
from vendorflow.accounts.choices import Role
from vendorflow.accounts.models import ApiToken, Membership
from vendorflow.lib import redaction
from vendorflow.lib.client_ip import client_ip

# A token's "last used" is kept to the minute: a handheld scanning several barcodes a second
# should not write the token row on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str) -> Membership | None:
        """The token's member; an unknown token counts against the caller's address, which gets
        429 (for every token) once it has used up its failed attempts."""
        address = client_ip(request)
        until = lockouts.token_blocked_until(address)
        if until is not None:
            raise TooManyTokenFailures(until)
        api_token = (
            ApiToken.objects.select_related("user__membership__organization")
            .filter(key_hash=ApiToken.hash_key(token), user__is_active=True)
            .first()
        )
        if api_token is None:
            lockouts.count_token_failure(address)
            return None
        redaction.remember(token)  # a real key (an unknown one cannot push real ones out)
        member = getattr(api_token.user, "membership", None)
        if member is None:
            return None
        _touch(api_token)
        request.user = api_token.user
        return member


class TooManyTokenFailures(HttpError):
    def __init__(self, until: datetime):
        minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
        super().__init__(
            429,
            "Too many failed API token attempts from your address; "
            f"try again in {minutes} minute{'s' if minutes != 1 else ''}.",
        )
        self.retry_after = minutes * 60


def _touch(api_token: ApiToken) -> None:
    now = timezone.now()
    last = api_token.last_used_at
    if last is None or now - last >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)


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
