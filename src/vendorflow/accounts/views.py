import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from vendorflow.accounts import lockouts, selectors, services
from vendorflow.accounts.choices import Role
from vendorflow.accounts.forms import (
    AddMemberForm,
    AuditFilterForm,
    RoleForm,
    TokenForm,
    add_service_errors,
)
from vendorflow.accounts.permissions import member_required
from vendorflow.lib import keyset
from vendorflow.lib.forms import valid_filters

AUDIT_PAGE_SIZE = 50


def _members_page(request, form=None, status=200):
    admin = request.membership.has_role(Role.ADMIN)
    context = {
        "members": selectors.members(request.organization),
        "form": form or AddMemberForm(),
        "role_choices": Role.choices,
        "lockouts": lockouts.lockouts(request.organization) if admin else [],
        "login_failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "accounts/members.html", context, status=status)


@member_required(Role.MANAGER)
def members(request):
    return _members_page(request)


@sensitive_post_parameters("password")
@member_required(Role.ADMIN)
@require_POST
def member_add(request):
    form = AddMemberForm(request.POST)
    if form.is_valid():
        try:
            member = services.add_member(
                organization=request.organization, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, f"Added {member.user.username} as {member.get_role_display()}."
            )
            return redirect("accounts:members")
    return _members_page(request, form=form, status=422)


def _member_action(request, action, success: str):
    try:
        member = action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, success.format(user=member.user.username, role=member.get_role_display())
        )
    return redirect("accounts:members")


@member_required(Role.ADMIN)
@require_POST
def member_role(request, pk: int):
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a valid role.")
        return redirect("accounts:members")
    return _member_action(
        request,
        lambda: services.change_role(
            organization=request.organization,
            actor=request.user,
            member_id=pk,
            role=form.cleaned_data["role"],
        ),
        "{user} is now {role}.",
    )


@member_required(Role.ADMIN)
@require_POST
def member_deactivate(request, pk: int):
    return _member_action(
        request,
        lambda: services.set_member_active(
            organization=request.organization, actor=request.user, member_id=pk, active=False
        ),
        "{user} is deactivated: they can no longer sign in or use API tokens.",
    )


@member_required(Role.ADMIN)
@require_POST
def member_reactivate(request, pk: int):
    return _member_action(
        request,
        lambda: services.set_member_active(
            organization=request.organization, actor=request.user, member_id=pk, active=True
        ),
        "{user} is active again.",
    )


@member_required(Role.ADMIN)
@require_POST
def member_unlock(request, pk: int):
    member, cleared = lockouts.unlock_member(
        organization=request.organization, actor=request.user, member_id=pk
    )
    name = member.user.username
    if cleared:
        messages.success(request, f"{name} is unlocked: they can sign in again from anywhere.")
    else:
        messages.info(request, f"{name} was not locked out.")
    return redirect("accounts:members")


def locked_out(request, original_response=None, credentials=None):
    """What a locked-out sign-in gets instead of the login form (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(lockouts.cooloff().total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)


def _tokens_page(request, form=None, new_key: str = "", status=200):
    context = {
        "tokens": selectors.tokens(request.membership),
        "form": form or TokenForm(),
        "new_key": new_key,
    }
    return render(request, "accounts/tokens.html", context, status=status)


@member_required(Role.VIEWER)
def tokens(request):
    return _tokens_page(request)


@never_cache
@member_required(Role.VIEWER)
@require_POST
@sensitive_variables("new", "new_key", "context")
def token_create(request):
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            new = services.create_token(member=request.membership, name=form.cleaned_data["name"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return _tokens_page(request, new_key=new.key)
    return _tokens_page(request, form=form, status=422)


@member_required(Role.VIEWER)
@require_POST
def token_revoke(request, pk: int):
    services.revoke_token(member=request.membership, token_id=pk)
    messages.success(request, "Token revoked: it no longer works.")
    return redirect("accounts:tokens")


@member_required(Role.MANAGER)
def audit_log(request):
    form = AuditFilterForm(request.GET or None, organization=request.organization)
    filters = valid_filters(form)
    actor = filters.get("actor")
    entries = selectors.audit_entries(
        request.organization,
        object_type=filters.get("object_type", ""),
        actor_id=actor.pk if actor else None,
    )
    page, cursor_error = keyset.request_page(
        request, entries, ("-created_at", "-id"), size=AUDIT_PAGE_SIZE
    )
    query = request.GET.copy()
    for name in ("after", "before"):
        query.pop(name, None)
    context = {
        "form": form,
        "page": page,
        "cursor_error": cursor_error,
        "query_string": query.urlencode(),
    }
    return render(request, "accounts/audit.html", context)


# -- time zones --------------------------------------------------------------------------------


def _time_zone_page(request, errors: dict | None = None, status: int = 200):
    context = {
        "zones": sorted(zoneinfo.available_timezones()),
        "organization_zone": request.organization.time_zone,
        "my_zone": request.membership.time_zone,
        "errors": errors or {},
    }
    return render(request, "accounts/time_zone.html", context, status=status)


@member_required(Role.VIEWER)
def time_zone(request):
    return _time_zone_page(request)


@member_required(Role.ADMIN)
@require_POST
def organization_time_zone(request):
    try:
        services.set_organization_time_zone(
            organization=request.organization,
            actor=request.user,
            time_zone=request.POST.get("time_zone", ""),
        )
    except ValidationError as exc:
        return _time_zone_page(request, {"organization": exc.messages}, status=422)
    messages.success(request, "The organization's time zone is saved.")
    return redirect("accounts:time_zone")


@member_required(Role.VIEWER)
@require_POST
def my_time_zone(request):
    try:
        services.set_member_time_zone(
            member=request.membership, time_zone=request.POST.get("time_zone", "")
        )
    except ValidationError as exc:
        return _time_zone_page(request, {"mine": exc.messages}, status=422)
    messages.success(request, "Your time zone is saved.")
    return redirect("accounts:time_zone")
