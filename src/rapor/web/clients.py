"""Who is asking: the client's address, for the limits that count per address (the login
lock-out, the SKM survey's rate limits).

Behind ``RAPOR_TRUSTED_PROXIES`` reverse proxies, the address is read that far from the right of
``X-Forwarded-For``: the part the proxies wrote, which a client cannot forge (whatever it sends
is further left). Without proxies, the connection's own address; a client then cannot choose its
address by sending the header.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    proxies = settings.RAPOR_TRUSTED_PROXIES
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies][:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]
