"""The address a request came from, as login throttling and API rate limits count it.

REMOTE_ADDR, unless the app runs behind TRUSTED_PROXY_COUNT reverse proxies: then the address
the outermost of them saw, read from the right of X-Forwarded-For (entries further left are
whatever the client sent, and cannot be trusted).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies and is_address(hops[-proxies]):
            return hops[-proxies]
    peer = request.META.get("REMOTE_ADDR", "")
    return peer if is_address(peer) else "0.0.0.0"  # noqa: S104 (an address, not a bind)


def is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
