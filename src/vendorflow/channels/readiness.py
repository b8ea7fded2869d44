"""Whether a channel can sync, why not, who can fix it, and the one notice that says so.

A channel is ready when it is active, has its three SP-API credentials and Amazon has not refused
them (`polling_disabled_reason`). A channel that is not ready "Needs credentials": it is not
polled, and a sync of one without credentials is refused with what is missing, before anything is
sent anywhere. The organization's admins (the only ones who may enter credentials) are told once
each time a channel stops being ready, not on every poll (`AmazonChannel.not_ready_notified_at`).
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from vendorflow.accounts.choices import Role
from vendorflow.accounts.models import Membership
from vendorflow.channels.choices import ChannelState
from vendorflow.channels.models import AmazonChannel

log = logging.getLogger(__name__)

# Channels with all three credentials entered.
HAS_CREDENTIALS = (
    ~Q(lwa_client_id="") & ~Q(client_secret_encrypted="") & ~Q(refresh_token_encrypted="")
)
READY = Q(is_active=True, polling_disabled_reason="") & HAS_CREDENTIALS
NOT_READY = Q(is_active=True) & (~HAS_CREDENTIALS | ~Q(polling_disabled_reason=""))


@dataclass(frozen=True)
class Readiness:
    state: str  # a ChannelState
    reason: str = ""  # why it is not ready, in plain language

    @property
    def ready(self) -> bool:
        return self.state == ChannelState.ACTIVE

    @property
    def label(self) -> str:
        return ChannelState(self.state).label


def readiness(channel: AmazonChannel) -> Readiness:
    if not channel.is_active:
        return Readiness(ChannelState.INACTIVE, "The channel is inactive: it is not polled.")
    missing = channel.missing_credentials
    if missing:
        return Readiness(
            ChannelState.NEEDS_CREDENTIALS, f"SP-API credentials missing: {', '.join(missing)}."
        )
    if channel.polling_disabled_reason:
        return Readiness(ChannelState.NEEDS_CREDENTIALS, channel.polling_disabled_reason)
    return Readiness(ChannelState.ACTIVE)


def admins(organization) -> list[Membership]:
    """The organization's active admins: who may enter a channel's credentials."""
    members = Membership.objects.filter(
        organization=organization, role=Role.ADMIN, user__is_active=True
    ).select_related("user")
    return list(members.order_by("user__username"))


def who_can_fix(organization) -> str:
    """For a member who may not enter credentials: whom to ask."""
    names = [_name(member) for member in admins(organization)]
    if not names:
        return "Only an admin can enter credentials, and this organization has none."
    ask = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f"Only an admin can enter credentials: ask {ask}."


def _name(member: Membership) -> str:
    user = member.user
    full = user.get_full_name()
    name = f"{full} ({user.get_username()})" if full else user.get_username()
    return f"{name}, {user.email}" if user.email else name


def sync_refusal(channel: AmazonChannel, *, admin: bool) -> str:
    """Why a sync of the channel cannot run now ("" if it can). `admin`: whether the member asking
    may enter credentials (the others are told whom to ask). A channel whose credentials Amazon
    refused may still be synced by hand: one that succeeds resumes polling."""
    if not channel.is_active:
        return "This channel is inactive; activate it before syncing."
    missing = channel.missing_credentials
    if not missing:
        return ""
    fix = "Enter them with Edit." if admin else who_can_fix(channel.organization)
    return (
        f"Channel {channel.vendor_code} cannot sync yet: its SP-API credentials are missing "
        f"({', '.join(missing)}). {fix}"
    )


# ---------------------------------------------------------------------------------------------
# Telling the admins, once


def note(channel: AmazonChannel) -> bool:
    """After anything that may change the channel's readiness: tell the admins if it has just
    stopped being ready (once), or forget the notice once it is ready again. True if told."""
    state = readiness(channel)
    if state.ready:
        AmazonChannel.objects.filter(pk=channel.pk, not_ready_notified_at__isnull=False).update(
            not_ready_notified_at=None
        )
        channel.not_ready_notified_at = None
        return False
    if state.state != ChannelState.NEEDS_CREDENTIALS:
        return False
    now = timezone.now()
    claimed = AmazonChannel.objects.filter(pk=channel.pk, not_ready_notified_at__isnull=True)
    if not claimed.update(not_ready_notified_at=now):
        return False  # told already
    channel.not_ready_notified_at = now  # a later save() of this instance keeps it
    try:
        _tell_admins(channel, state.reason)
    except Exception:
        log.exception("Could not tell the admins that channel %s needs credentials", channel.pk)
        AmazonChannel.objects.filter(pk=channel.pk).update(not_ready_notified_at=None)
        channel.not_ready_notified_at = None
        return False
    return True


def note_all() -> int:
    """The periodic sweep: tell about every channel that stopped being ready without a notice
    (however it got there), forget the notices of channels that are ready again. How many told."""
    AmazonChannel.objects.filter(READY, not_ready_notified_at__isnull=False).update(
        not_ready_notified_at=None
    )
    pending = AmazonChannel.objects.filter(NOT_READY, not_ready_notified_at__isnull=True)
    return sum(note(channel) for channel in pending.select_related("organization"))


def _tell_admins(channel: AmazonChannel, reason: str) -> None:
    recipients = [m.user.email for m in admins(channel.organization) if m.user.email]
    recipients = recipients or list(channel.registered_emails or [])
    if not recipients:
        return
    link = settings.SITE_URL.rstrip("/") + f"/channels/{channel.pk}/"
    body = (
        f"Channel {channel} cannot sync: {reason}\n\n"
        "It is not polled until this is fixed, and Sync now explains what is missing. Only an "
        f"admin can enter the channel's credentials: open {link}, choose Edit, then Test "
        "connection.\n"
    )
    subject = f"[vendorflow] {channel} needs credentials"
    send_mail(subject, body, None, recipients, fail_silently=False)
