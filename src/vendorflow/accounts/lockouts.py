"""Login throttling and API token rate limits: who is locked out, unlocking, the audit trail.

Sign-ins are counted by django-axes per (username, address) in the database; this module adds
the audit entry when a member gets locked out, the list an admin sees, and unlocking. Failed API
token authentications are counted per address in `ApiTokenFailure` (see docs/security.md).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.utils import reset as reset_attempts
from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Sum
from django.http import Http404
from django.utils import timezone

from vendorflow.accounts import audit
from vendorflow.accounts.models import ApiTokenFailure, Membership, Organization


@dataclass(frozen=True)
class Lockout:
    member_id: int
    username: str
    ip_address: str
    failures: int
    last_attempt_at: datetime
    until: datetime


class AuditedLockouts(AxesDatabaseHandler):
    """Axes' database handler, recording in the member's audit log the failure that locks them
    out (once per lockout: later refused attempts only extend it)."""

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        failures = getattr(request, "axes_failures_since_start", None)
        if request is not None and failures == settings.AXES_FAILURE_LIMIT:
            record_lockout(
                username=get_client_username(request, credentials) or "",
                ip_address=request.axes_ip_address,
            )


def cooloff() -> timedelta:
    return settings.AXES_COOLOFF_TIME


def record_lockout(*, username: str, ip_address: str) -> None:
    """An audit entry in the organization of the member who was locked out; a username that is
    nobody's is throttled all the same but has no organization to tell."""
    member = _member_named(username)
    if member is None:
        return
    audit.record(
        organization=member.organization,
        actor=None,
        action="member.locked_out",
        obj=member,
        changes={
            "ip_address": ip_address,
            "failures": settings.AXES_FAILURE_LIMIT,
            "minutes": int(cooloff().total_seconds() // 60),
        },
    )


def _member_named(username: str) -> Membership | None:
    return (
        Membership.objects.select_related("organization", "user")
        .filter(user__username=username)
        .first()
    )


def lockouts(organization: Organization) -> list[Lockout]:
    """The organization's members locked out now, per address, latest first."""
    since = timezone.now() - cooloff()
    members = dict(
        Membership.objects.filter(organization=organization).values_list("user__username", "pk")
    )
    rows = (
        AccessAttempt.objects.filter(username__in=list(members), attempt_time__gte=since)
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last", "username")
    )
    return [
        Lockout(
            members[r["username"]],
            r["username"],
            r["ip_address"],
            r["failures"],
            r["last"],
            r["last"] + cooloff(),
        )
        for r in rows
    ]


def unlock_member(*, organization: Organization, actor, member_id: int) -> tuple[Membership, int]:
    """Clear the member's failed sign-ins from every address: the member, and the attempts
    cleared (0: the member was not throttled, and nothing is recorded)."""
    member = (
        Membership.objects.select_related("user").filter(organization=organization, pk=member_id)
    ).first()
    if member is None:
        raise Http404("No such member.")
    with transaction.atomic():
        cleared = reset_attempts(username=member.user.username)
        if cleared:
            audit.record(
                organization=organization,
                actor=actor,
                action="member.unlocked",
                obj=member,
                changes={"attempts_cleared": cleared},
            )
    return member, cleared


@dataclass(frozen=True)
class Unlocked:
    sign_in_attempts: int
    token_failures: int


def unlock(*, username: str = "", ip_address: str = "") -> Unlocked:
    """The operator's unlock (`vendorflow unlock`): a username's failed sign-ins, an address's
    failed sign-ins and API token failures, or both. Recorded in the member's audit log."""
    if not username and not ip_address:
        raise ValueError("name a username, an address or both")
    with transaction.atomic():
        attempts = reset_attempts(username=username or None, ip=ip_address or None)
        tokens = 0
        if ip_address:
            tokens, _ = ApiTokenFailure.objects.filter(ip_address=ip_address).delete()
        member = _member_named(username) if username else None
        if member is not None and attempts:
            audit.record(
                organization=member.organization,
                actor=None,
                action="member.unlocked",
                obj=member,
                changes={"attempts_cleared": attempts, "by": "vendorflow unlock"},
            )
    return Unlocked(attempts, tokens)


# --- API tokens ------------------------------------------------------------------------------


def token_cooloff() -> timedelta:
    return timedelta(minutes=settings.API_TOKEN_COOLOFF_MINUTES)


def token_blocked_until(ip_address: str) -> datetime | None:
    """When an address that used up its failed token attempts may try again (None: now). An
    address has API_TOKEN_FAILURE_LIMIT of them per window of API_TOKEN_COOLOFF_MINUTES that
    starts at its first failure."""
    failure = ApiTokenFailure.objects.filter(
        ip_address=ip_address,
        window_started_at__gt=timezone.now() - token_cooloff(),
        failures__gte=settings.API_TOKEN_FAILURE_LIMIT,
    ).first()
    return failure.window_started_at + token_cooloff() if failure else None


def count_token_failure(ip_address: str) -> None:
    """One more failure in the address's current window, or the first of a new window."""
    now = timezone.now()
    counted = ApiTokenFailure.objects.filter(
        ip_address=ip_address, window_started_at__gt=now - token_cooloff()
    ).update(failures=F("failures") + 1, last_failure_at=now)
    if not counted:
        ApiTokenFailure.objects.update_or_create(
            ip_address=ip_address,
            defaults={"failures": 1, "window_started_at": now, "last_failure_at": now},
        )
