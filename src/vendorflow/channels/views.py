from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from vendorflow.accounts.choices import Role
from vendorflow.accounts.permissions import member_required
from vendorflow.channels import readiness, services
from vendorflow.channels.choices import SyncStatus
from vendorflow.channels.forms import AmazonChannelForm, SalesChannelForm
from vendorflow.channels.models import AmazonChannel, SalesChannel
from vendorflow.lib import crypto, keyset

SECRET_PARAMS = ("client_secret", "refresh_token")
LIVE_STATUSES = (SyncStatus.QUEUED, SyncStatus.RUNNING)


def _channels(organization):
    return AmazonChannel.objects.filter(organization=organization).select_related("sales_channel")


def _is_admin(request) -> bool:
    return request.membership.has_role(Role.ADMIN)


def _redirect(request, url: str):
    """After a successful write: a full redirect, or an htmx client redirect from the dialog."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


# --- Pages ----------------------------------------------------------------------------------


@member_required(Role.VIEWER)
def settings_page(request):
    context = {
        "channels": _channels(request.organization),
        "sales_channels": SalesChannel.objects.filter(organization=request.organization),
    }
    return render(request, "channels/settings.html", context)


SYNC_RUNS_PAGE_SIZE = 20


@member_required(Role.VIEWER)
def channel_list(request):
    return render(
        request, "channels/channel_list.html", {"channels": _channels(request.organization)}
    )


@member_required(Role.VIEWER)
def channel_detail(request, pk: int):
    channel = get_object_or_404(_channels(request.organization), pk=pk)
    is_admin = _is_admin(request)
    context = {
        "channel": channel,
        "readiness": channel.readiness,
        "is_admin": is_admin,
        "who_can_fix": "" if is_admin else readiness.who_can_fix(request.organization),
        "prerequisites": services.prerequisites(channel),
        "secrets": _secret_summary(channel, masked=is_admin),
        **_sync_runs_context(request, channel),
    }
    return render(request, "channels/channel_detail.html", context)


@member_required(Role.VIEWER)
def channel_sync_runs(request, pk: int):
    """The sync runs panel alone: what the channel page polls while a run is queued or running."""
    channel = get_object_or_404(_channels(request.organization), pk=pk)
    context = {"channel": channel, **_sync_runs_context(request, channel)}
    return render(request, "channels/_sync_runs.html", context)


def _sync_runs_context(request, channel: AmazonChannel) -> dict:
    runs, cursor_error = keyset.request_page(
        request, channel.sync_runs.all(), ("-started_at", "-id"), size=SYNC_RUNS_PAGE_SIZE
    )
    first_page = not (request.GET.get("after") or request.GET.get("before"))
    return {"page": runs, "cursor_error": cursor_error, "live": first_page and live(runs.items)}


def live(runs) -> bool:
    """Whether a list of runs is still moving: one is queued or running (the panel polls)."""
    return any(run.status in LIVE_STATUSES for run in runs)


def _secret_summary(channel: AmazonChannel, *, masked: bool) -> dict[str, str]:
    """What the page may show of each secret: masked for admins, "set" for others, "" if none."""
    summary = {}
    for name in SECRET_PARAMS:
        stored = getattr(channel, f"{name}_encrypted")
        summary[name] = (crypto.mask(getattr(channel, name)) if masked else "set") if stored else ""
    return summary


# --- Add / edit an Amazon Retail B2B channel ------------------------------------------------


@member_required(Role.MANAGER)
def add_chooser(request):
    template = "channels/add_chooser.html" + ("#chooser" if request.htmx else "")
    return render(request, template, {})


def _render_form(request, form, *, channel=None, status=200):
    context = {"form": form, "channel": channel, "in_dialog": bool(request.htmx)}
    template = "channels/amazon_form.html" + ("#dialog" if request.htmx else "")
    return render(request, template, context, status=status)


def _add_service_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@sensitive_post_parameters(*SECRET_PARAMS)
@member_required(Role.MANAGER)
def add_amazon(request):
    form = AmazonChannelForm(
        request.POST or None,
        organization=request.organization,
        can_edit_credentials=_is_admin(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            channel = services.create_amazon_channel(
                organization=request.organization, actor=request.user, **form.service_values()
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, f"Amazon Retail B2B channel {channel.vendor_code} added.")
            return _redirect(request, "/channels/settings/")
    return _render_form(request, form, status=422 if form.is_bound else 200)


@sensitive_post_parameters(*SECRET_PARAMS)
@member_required(Role.MANAGER)
def channel_edit(request, pk: int):
    channel = get_object_or_404(_channels(request.organization), pk=pk)
    form = AmazonChannelForm(
        request.POST or None,
        organization=request.organization,
        can_edit_credentials=_is_admin(request),
        instance=channel,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_amazon_channel(
                channel=channel, actor=request.user, **form.service_values()
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, f"Channel {channel.vendor_code} saved.")
            return _redirect(request, f"/channels/{channel.pk}/")
    return _render_form(request, form, channel=channel, status=422 if form.is_bound else 200)


@require_POST
@member_required(Role.MANAGER)
def channel_set_active(request, pk: int):
    channel = get_object_or_404(_channels(request.organization), pk=pk)
    active = request.POST.get("active") == "1"
    services.set_channel_active(channel=channel, actor=request.user, active=active)
    state = "activated: it is polled for new POs" if active else "deactivated: polling stopped"
    messages.success(request, f"Channel {channel.vendor_code} {state}.")
    return redirect(f"/channels/{channel.pk}/")


# --- Sales channels -------------------------------------------------------------------------


def _sales_channels(organization):
    return SalesChannel.objects.filter(organization=organization)


@member_required(Role.VIEWER)
def sales_channel_list(request):
    return _render_sales_channels(request, SalesChannelForm())


@require_POST
@member_required(Role.MANAGER)
def sales_channel_create(request):
    form = SalesChannelForm(request.POST)
    if form.is_valid() and _create_sales_channel(request, form):
        return redirect("/channels/sales/")
    return _render_sales_channels(request, form, status=422)


def _render_sales_channels(request, form, status=200):
    sales_channels = _sales_channels(request.organization).annotate(
        channel_count=Count("amazon_channels", distinct=True),
        order_count=Count("orders", distinct=True),
    )
    context = {"form": form, "sales_channels": sales_channels}
    return render(request, "channels/sales_channels.html", context, status=status)


def _create_sales_channel(request, form) -> SalesChannel | None:
    try:
        sales_channel = services.create_sales_channel(
            organization=request.organization, actor=request.user, name=form.cleaned_data["name"]
        )
    except ValidationError as exc:
        _add_service_errors(form, exc)
        return None
    messages.success(request, f"Sales channel “{sales_channel.name}” created.")
    return sales_channel


@require_POST
@member_required(Role.MANAGER)
def sales_channel_inline(request):
    """The ➕ of the channel dialog: create a sales channel, answer with the select, chosen."""
    selected = request.POST.get("sales_channel") or None
    error = ""
    try:
        created = services.create_sales_channel(
            organization=request.organization,
            actor=request.user,
            name=request.POST.get("new_sales_channel_name", ""),
        )
        selected = created.pk
    except ValidationError as exc:
        error = " ".join(exc.messages)
    form = AmazonChannelForm(
        organization=request.organization,
        can_edit_credentials=False,
        initial={"sales_channel": selected},
    )
    context = {"form": form, "inline_error": error, "inline_name": _inline_name(request, error)}
    return render(
        request,
        "channels/amazon_form.html#sales_channel_field",
        context,
        status=422 if error else 200,
    )


def _inline_name(request, error: str) -> str:
    return request.POST.get("new_sales_channel_name", "") if error else ""


@member_required(Role.MANAGER)
def sales_channel_rename(request, pk: int):
    sales_channel = get_object_or_404(_sales_channels(request.organization), pk=pk)
    form = SalesChannelForm(request.POST or None, initial={"name": sales_channel.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.rename_sales_channel(
                sales_channel=sales_channel, actor=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, f"Sales channel renamed to “{sales_channel.name}”.")
            return _redirect(request, "/channels/sales/")
    template = "channels/sales_channel_rename.html" + ("#dialog" if request.htmx else "")
    context = {"form": form, "sales_channel": sales_channel, "in_dialog": bool(request.htmx)}
    return render(request, template, context, status=422 if form.is_bound else 200)


@require_POST
@member_required(Role.MANAGER)
def sales_channel_delete(request, pk: int):
    sales_channel = get_object_or_404(_sales_channels(request.organization), pk=pk)
    name = sales_channel.name
    try:
        services.delete_sales_channel(sales_channel=sales_channel, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Sales channel “{name}” deleted.")
    return redirect("/channels/sales/")
