"""/api/v1/accounts: who am I, members, the caller's own API tokens, the audit log."""

from datetime import datetime

from django.views.decorators.debug import sensitive_variables
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from vendorflow.accounts import selectors, services
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


class MeOut(Schema):
    user: UserOut
    organization: OrganizationOut
    role: str


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


@router.get("/me", response=MeOut)
def me(request):
    member = member_of(request, Role.VIEWER)
    return {"user": member.user, "organization": member.organization, "role": member.role}


@router.get("/members", response=list[MemberOut])
def members(request):
    member = member_of(request, Role.MANAGER)
    return selectors.members(member.organization)


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
