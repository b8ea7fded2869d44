"""Write operations on members and API tokens. Every change is recorded in the audit log."""

import secrets
import zoneinfo
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import IntegrityError, transaction
from django.http import Http404
from django.views.decorators.debug import sensitive_variables

from vendorflow.accounts import audit
from vendorflow.accounts.choices import Role
from vendorflow.accounts.models import ApiToken, Membership, Organization
from vendorflow.lib import redaction

TOKEN_PREFIX = "vf_"
LAST_ADMIN_MESSAGE = "{user} is the last admin of {org}; make another member admin first."


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError(
            {"role": f"Unknown role {role!r}; choose one of {', '.join(Role.values)}."}
        )


@sensitive_variables("password")
def _check_new_user(username: str, email: str, password: str) -> None:
    errors: dict[str, list[str]] = {}
    user_model = get_user_model()
    if not username:
        errors["username"] = ["A username is required."]
    elif problem := _username_problem(user_model, username):
        errors["username"] = [problem]
    elif user_model.objects.filter(username__iexact=username).exists():
        errors["username"] = [f"A user named {username!r} already exists."]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = ["Enter a valid email address."]
    try:
        # The unsaved user lets the similarity check compare the password with the name and email.
        validate_password(password, user_model(username=username, email=email))
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)


def _username_problem(user_model, username: str) -> str | None:
    """The user model's own username check (letters, digits, @ . + - _), which creating a user
    does not run: no spaces or invisible characters in names shown in the audit log."""
    try:
        user_model.username_validator(username)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return None


@sensitive_variables("password")
def add_member(
    *, organization: Organization, actor, username: str, email: str = "", password: str, role: str
) -> Membership:
    """Create a user and make it a member of `organization` with `role`."""
    username = username.strip()
    _check_role(role)
    _check_new_user(username, email, password)
    with transaction.atomic():
        user = _create_user(username, email, password)
        member = Membership.objects.create(user=user, organization=organization, role=role)
        audit.record(
            organization=organization,
            actor=actor,
            action="member.added",
            obj=member,
            changes={"username": username, "email": email, "role": role},
        )
    return member


def _create_user(username: str, email: str, password: str):
    try:
        with transaction.atomic():
            return get_user_model().objects.create_user(
                username=username, email=email, password=password
            )
    except IntegrityError as exc:
        raise ValidationError({"username": [f"A user named {username!r} already exists."]}) from exc


def _locked_member(organization: Organization, member_id: int) -> Membership:
    member = (
        Membership.objects.select_for_update()
        .select_related("user")
        .filter(pk=member_id, organization=organization)
        .first()
    )
    if member is None:
        raise Http404("No such member.")
    return member


def _ensure_not_last_admin(member: Membership) -> None:
    """Refuse when `member` is the organization's only active admin (rows locked, race-free)."""
    if member.role != Role.ADMIN or not member.user.is_active:
        return
    admins = list(
        Membership.objects.select_for_update()
        .filter(organization=member.organization, role=Role.ADMIN, user__is_active=True)
        .values_list("pk", flat=True)
    )
    if admins == [member.pk]:
        raise ValidationError(
            {
                "role": LAST_ADMIN_MESSAGE.format(
                    user=member.user.get_username(), org=member.organization
                )
            }
        )


@transaction.atomic
def change_role(*, organization: Organization, actor, member_id: int, role: str) -> Membership:
    _check_role(role)
    member = _locked_member(organization, member_id)
    if member.role == role:
        return member
    if role != Role.ADMIN:
        _ensure_not_last_admin(member)
    old = member.role
    member.role = role
    member.save(update_fields=["role"])
    audit.record(
        organization=organization,
        actor=actor,
        action="member.role_changed",
        obj=member,
        changes={"role": [old, role]},
    )
    return member


@transaction.atomic
def set_member_active(
    *, organization: Organization, actor, member_id: int, active: bool
) -> Membership:
    """Deactivate (sign-in and API tokens stop working) or reactivate a member."""
    member = _locked_member(organization, member_id)
    if member.user.is_active == active:
        return member
    if not active:
        _ensure_not_last_admin(member)
    member.user.is_active = active
    member.user.save(update_fields=["is_active"])
    action = "member.reactivated" if active else "member.deactivated"
    audit.record(
        organization=organization,
        actor=actor,
        action=action,
        obj=member,
        changes={"is_active": [not active, active]},
    )
    return member


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    key: str = field(repr=False)  # the only moment the plain key exists; it is never stored


def generate_key() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


@sensitive_variables("key")
@transaction.atomic
def create_token(*, member: Membership, name: str) -> NewToken:
    name = name.strip()
    if not name:
        raise ValidationError({"name": ["Give the token a name, e.g. the script that uses it."]})
    if len(name) > 100:
        raise ValidationError({"name": ["The name must be at most 100 characters."]})
    key = generate_key()
    redaction.remember(key)
    token = ApiToken.objects.create(
        user=member.user, name=name, prefix=key[:11], key_hash=ApiToken.hash_key(key)
    )
    audit.record(
        organization=member.organization,
        actor=member.user,
        action="token.created",
        obj=token,
        changes={"name": name, "prefix": token.prefix},
    )
    return NewToken(token=token, key=key)


@transaction.atomic
def revoke_token(*, member: Membership, token_id: int) -> None:
    """Delete one of the member's own tokens; another user's token is 'not found'."""
    token = ApiToken.objects.filter(pk=token_id, user=member.user).first()
    if token is None:
        raise Http404("No such token.")
    audit.record(
        organization=member.organization,
        actor=member.user,
        action="token.revoked",
        obj=token,
        changes={"name": token.name, "prefix": token.prefix},
    )
    token.delete()


@transaction.atomic
def bootstrap_member(
    *,
    organization_slug: str,
    create_org_name: str = "",
    username: str,
    role: str,
    password: str = "",
    email: str = "",
) -> tuple[Membership, bool]:
    """For operators: ensure the organization (optionally creating it) and add a member to it."""
    organization = Organization.objects.filter(slug=organization_slug).first()
    created = False
    if organization is None:
        validate_slug(organization_slug)
        if not create_org_name:
            raise ValidationError(
                {
                    "organization": f"No organization {organization_slug!r}; "
                    "pass --create-org NAME to create it."
                }
            )
        organization = Organization.objects.create(name=create_org_name, slug=organization_slug)
        created = True
    member = add_member(
        organization=organization,
        actor=None,
        username=username,
        email=email,
        password=password,
        role=role,
    )
    return member, created


# -- time zones --------------------------------------------------------------------------------


def _check_time_zone(name: str, *, blank_ok: bool = False) -> str:
    name = (name or "").strip()
    if blank_ok and not name:
        return ""
    if name not in zoneinfo.available_timezones():
        raise ValidationError(
            {"time_zone": f"{name or 'An empty name'} is not a time zone name, e.g. Asia/Kolkata."}
        )
    return name


@transaction.atomic
def set_organization_time_zone(*, organization: Organization, actor, time_zone: str) -> None:
    """The zone every page of the organization shows dates and times in (members may differ)."""
    time_zone = _check_time_zone(time_zone)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    old = organization.time_zone
    if old == time_zone:
        return
    organization.time_zone = time_zone
    organization.save(update_fields=["time_zone"])
    audit.record(
        organization=organization,
        actor=actor,
        action="organization.time_zone_changed",
        obj=organization,
        changes={"time_zone": [old, time_zone]},
    )


def set_member_time_zone(*, member: Membership, time_zone: str) -> None:
    """A member's own zone for pages; blank: the organization's."""
    member.time_zone = _check_time_zone(time_zone, blank_ok=True)
    member.save(update_fields=["time_zone"])
