"""Old API paths and parameters kept for one release: their answers carry a `Deprecation` header
(RFC 9745) and a `Link` to what replaces them.

The API hands each request's header-carrying response to `remember_response` (see api.py), so a
view marks its answer without declaring a `response` parameter of its own.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse

_ATTRIBUTE = "_vendorflow_api_response"


def remember_response(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    setattr(request, _ATTRIBUTE, response)
    return response


def mark(request: HttpRequest, successor: str, result=None) -> None:
    """Mark the answer to `request` as deprecated in favour of `successor` (a path)."""
    target = result if isinstance(result, HttpResponse) else getattr(request, _ATTRIBUTE, None)
    if target is not None:
        target["Deprecation"] = "true"
        target["Link"] = f'<{successor}>; rel="successor-version"'


def deprecated(successor: str) -> Callable:
    """Decorate a view of an old path; `successor` may use the view's path parameters."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            result = view(request, *args, **kwargs)
            mark(request, successor.format(**kwargs), result)
            return result

        return wrapped

    return decorator
