"""/api/v1/accounts: who am I, members, the caller's own API tokens, the audit log."""

from datetime import datetime

from django.views.decorators.debug import sensitive_variables
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from vendorflow.accounts import lockouts, selectors, services
from vendorflow.accounts.api_auth import member_of
from vendorflow.accounts.choices import Role
from vendorflow.lib.pagination import LimitOffsetPagination

router = Router(tags=["accounts"])


class UserOut(Schema):
    id: int
    username: str
    email: str


class OrganizationOut(Schema):
    id: int
    name: str
    slug: str
    time_zone: str


class MeOut(Schema):
    user: UserOut
    organization: OrganizationOut
    role: str
    time_zone: str = Field(..., description="yours; empty: the organization's")


class TimeZoneIn(Schema):
    time_zone: str = Field(..., description="an IANA name, e.g. Asia/Kolkata")


class MemberOut(Schema):
    id: int
    username: str = Field(..., alias="user.username")
    email: str = Field(..., alias="user.email")
    is_active: bool = Field(..., alias="user.is_active")
    role: str
    created_at: datetime


class MemberIn(Schema):
    username: str = Field(..., max_length=150)
    email: str = Field("", max_length=254)
    password: str = Field(..., max_length=128, repr=False)
    role: Role


class MemberPatch(Schema):
    role: Role


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None


class TokenIn(Schema):
    name: str


class NewTokenOut(TokenOut):
    key: str


class AuditOut(Schema):
    id: int
    created_at: datetime
    actor: str | None = Field(None, alias="actor.username")
    action: str
    object_type: str
    object_id: str
    object_repr: str
    changes: dict


class LockoutOut(Schema):
    member_id: int
    username: str
    ip_address: str
    failures: int
    last_attempt_at: datetime
    until: datetime


class UnlockOut(Schema):
    member_id: int
    username: str
    attempts_cleared: int


@router.get("/me", response=MeOut)
def me(request):
    member = member_of(request, Role.VIEWER)
    return _me(member)


def _me(member) -> dict:
    return {
        "user": member.user,
        "organization": member.organization,
        "role": member.role,
        "time_zone": member.time_zone,
    }


@router.patch("/me/time-zone", response=MeOut)
def set_my_time_zone(request, payload: TimeZoneIn):
    """Your own time zone for pages (empty: the organization's). The API stays in UTC."""
    member = member_of(request, Role.VIEWER)
    services.set_member_time_zone(member=member, time_zone=payload.time_zone)
    return _me(member)


@router.patch("/organization/time-zone", response=OrganizationOut)
def set_organization_time_zone(request, payload: TimeZoneIn):
    """The zone the organization's pages show dates and times in (admins)."""
    member = member_of(request, Role.ADMIN)
    services.set_organization_time_zone(
        organization=member.organization, actor=request.user, time_zone=payload.time_zone
    )
    member.organization.refresh_from_db(fields=["time_zone"])
    return member.organization


@router.get("/members", response=list[MemberOut])
def members(request):
    member = member_of(request, Role.MANAGER)
    return selectors.members(member.organization)


@router.get("/lockouts", response=list[LockoutOut])
def locked_out_members(request):
    """Members locked out of signing in now (per address), latest first."""
    return lockouts.lockouts(member_of(request, Role.ADMIN).organization)


@router.post("/members/{int:member_id}/unlock", response=UnlockOut)
def unlock_member(request, member_id: int):
    """Clear a member's failed sign-ins so they can sign in again at once."""
    admin = member_of(request, Role.ADMIN)
    member, cleared = lockouts.unlock_member(
        organization=admin.organization, actor=request.user, member_id=member_id
    )
    return {"member_id": member.pk, "username": member.user.username, "attempts_cleared": cleared}


@router.post("/members", response={201: MemberOut})
@sensitive_variables("payload")
def add_member(request, payload: MemberIn):
    """Add a member (a new user) to the organization; the password is checked as on the page."""
    member = member_of(request, Role.ADMIN)
    added = services.add_member(
        organization=member.organization,
        actor=request.user,
        username=payload.username,
        email=payload.email,
        password=payload.password,
        role=payload.role,
    )
    return Status(201, added)


@router.patch("/members/{int:member_id}", response=MemberOut)
def change_role(request, member_id: int, payload: MemberPatch):
    """Change a member's role (the last active admin keeps theirs)."""
    member = member_of(request, Role.ADMIN)
    return services.change_role(
        organization=member.organization,
        actor=request.user,
        member_id=member_id,
        role=payload.role,
    )


@router.post("/members/{int:member_id}/deactivate", response=MemberOut)
def deactivate_member(request, member_id: int):
    """Sign-in and API tokens stop working (the last active admin cannot be deactivated)."""
    member = member_of(request, Role.ADMIN)
    return services.set_member_active(
        organization=member.organization, actor=request.user, member_id=member_id, active=False
    )


@router.post("/members/{int:member_id}/reactivate", response=MemberOut)
def reactivate_member(request, member_id: int):
    member = member_of(request, Role.ADMIN)
    return services.set_member_active(
        organization=member.organization, actor=request.user, member_id=member_id, active=True
    )


@router.get("/tokens", response=list[TokenOut])
def tokens(request):
    return selectors.tokens(member_of(request, Role.VIEWER))


@router.post("/tokens", response={201: NewTokenOut})
def create_token(request, payload: TokenIn):
    new = services.create_token(member=member_of(request, Role.VIEWER), name=payload.name)
    return Status(201, {**TokenOut.model_validate(new.token).model_dump(), "key": new.key})


@router.delete("/tokens/{token_id}", response={204: None})
def revoke_token(request, token_id: int):
    services.revoke_token(member=member_of(request, Role.VIEWER), token_id=token_id)
    return Status(204, None)


@router.get("/audit", response=list[AuditOut])
@paginate(LimitOffsetPagination)
def audit(request, object_type: str = "", actor: str = ""):
    member = member_of(request, Role.MANAGER)
    return selectors.audit_entries(
        member.organization, object_type=object_type, actor_username=actor
    )
