"""One rate limit for every public form of the site, per client address.

Every form a visitor can send without logging in (subscribe, confirm, preferences, and the forms
other apps add) counts against the same budget, ``FORM_RATE_LIMIT`` (``"10/m"``: ten POSTs a
minute; ``"0"`` turns the limit off). One shared budget, not one per form, because what it guards
against is one client hammering the site, whichever form it picks; and a person filling in forms
by hand never comes near ten a minute.

The client is ``REMOTE_ADDR``. Behind a proxy, ``FORM_RATE_LIMIT_CLIENT_IP_HEADER`` names the
header the proxy writes (``HTTP_X_FORWARDED_FOR``) and its *last* entry is used: that is the
address the proxy itself saw; anything before it was written by the client and could be anything.
Without the setting, no header is ever believed, so a client can't give itself a fresh budget by
sending one. IPv6 clients are counted per /64, the block one line usually gets.

The counting is django-ratelimit's (in the ``default`` cache). If the cache fails, the form is let
through: a broken cache must not take every public form down with it.

A view asks ``form_rate_limited(request)`` when a POST comes in and, when it is true, shows the
form again with what was typed, ``RATE_LIMIT_MESSAGE`` and status 429 (``RATE_LIMIT_STATUS``).
"""

import ipaddress
import re
from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

GROUP = "public-forms"
UNKNOWN_CLIENT = "unknown"
RATE_LIMIT_STATUS = 429
RATE_LIMIT_MESSAGE = _(
    "U heeft in korte tijd veel formulieren verstuurd. Wacht een minuut en probeer het dan opnieuw. "
    "Wat u heeft ingevuld staat er nog."
)


def _valid_address(value):
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def client_address(request):
    """The address the limit counts for this request: see the module docstring for why."""
    header = settings.FORM_RATE_LIMIT_CLIENT_IP_HEADER
    if header:
        hops = [hop for hop in request.META.get(header, "").split(",") if hop.strip()]
        if hops and (address := _valid_address(hops[-1])):
            return address
    return _valid_address(request.META.get("REMOTE_ADDR", "")) or UNKNOWN_CLIENT


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def rate_period(rate):
    """The window of a django-ratelimit rate (``"3/h"``: an hour; ``"30/5m"``: five minutes)."""
    match = re.fullmatch(r"\d+/(\d*)([smhd])", rate.strip())
    if match is None:
        raise ValueError(f"not a rate: {rate!r}")
    return timedelta(seconds=int(match.group(1) or 1) * _UNITS[match.group(2)])


def limit_enabled():
    return settings.FORM_RATE_LIMIT.strip() not in ("", "0")


def form_rate_limited(request):
    """Count this POST against the client's budget; True when it is over the limit."""
    if request.method != "POST" or not limit_enabled():
        return False
    usage = get_usage(
        request,
        group=GROUP,
        key=lambda _group, req: client_address(req),
        rate=settings.FORM_RATE_LIMIT.strip(),
        method="POST",
        increment=True,
    )
    if usage is None or usage["limit"] == 0:
        # No usage, or django-ratelimit's answer for a cache that failed: let the form through.
        return False
    return usage["should_limit"]
