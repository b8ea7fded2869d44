from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone
from django.utils.functional import SimpleLazyObject


def _membership(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "membership", None)


class MembershipMiddleware:
    """Puts the signed-in user's membership and organization on the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = SimpleLazyObject(lambda: _membership(request))
        return self.get_response(request)


class MemberTimeZoneMiddleware:
    """Pages show dates and times in the member's time zone (by default the organization's);
    the API and CSV files stay in UTC."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        member = request.membership if request.user.is_authenticated else None
        if not member:
            return self.get_response(request)
        try:
            zone = ZoneInfo(member.shown_time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            zone = None  # a zone this system no longer knows: the default, not an error page
        with timezone.override(zone):
            return self.get_response(request)
