"""Every door to an account is throttled the same way: django-axes, counted per address and per name.

- **Logins** (``/admin/login/``, the login for private pages ``/_util/login/``): django-axes'
  authentication backend refuses a locked-out client before any password is hashed, so a flood of
  wrong passwords costs the site almost nothing after the first ``AXES_FAILURE_LIMIT``.
- **Page passwords** (``/_util/authenticate_with_password/…``): Wagtail's form checks the password
  itself, not through ``authenticate``. ``ThrottleMiddleware`` asks axes before the form is
  handled and reports a wrong password to it as a failed login for the name
  ``page-password:<restriction>``, so the same limits and the same page apply.
- **Second-factor codes**: ``views.verify`` does the same for the account's own name.
- **Password-reset mails**: at most ``PASSWORD_RESET_RATE`` per address (silently: the page says
  the same as always, so nobody learns whether the address has an account) and per client (a
  page that says to wait).

``locked_out`` is the page for every lockout: in the visitor's language, status 429, saying until
when to wait. ``LockedClientMiddleware`` answers a locked-out address on the login pages before
sessions, CSRF and forms are even looked at: a flood of tries from one address then costs the site
one small query each, less than any public page.
"""

import re
from hashlib import sha256

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django_ratelimit.core import get_usage

from core.ratelimit import UNKNOWN_CLIENT, client_address, rate_period

LOCKED_OUT_STATUS = 429
PAGE_PASSWORD_VIEW = "wagtailcore_authenticate_with_password"
PASSWORD_RESET_VIEW = "wagtailadmin_password_reset"


def client_ip(request):
    """The address axes counts (``AXES_CLIENT_IP_CALLABLE``): the public forms' own rule
    (``core.ratelimit.client_address``), or ``None`` for a request without one (a login from a
    script or a test), which axes stores as unknown rather than as an invalid address."""
    address = client_address(request)
    return None if address == UNKNOWN_CLIENT else address


def wait_page(request, wait):
    """Status 429 and a page that says until when to wait, in the visitor's language."""
    until = timezone.localtime(timezone.now() + wait)
    in_admin = request.path_info.startswith("/admin/")
    template = "accounts/locked_out_admin.html" if in_admin else "accounts/locked_out.html"
    response = TemplateResponse(request, template, {"until": until}, status=LOCKED_OUT_STATUS)
    response["Retry-After"] = str(int(wait.total_seconds()))
    return response.render()


def locked_out(request, original_response=None, credentials=None):
    """The answer to a locked-out client (``AXES_LOCKOUT_CALLABLE``)."""
    return wait_page(request, get_cool_off(request))


def _page_password_credentials(request):
    restriction = (request.resolver_match.kwargs or {}).get("page_view_restriction_id")
    return {"username": f"page-password:{restriction}"}


def _over_reset_limit(request, key, group):
    usage = get_usage(
        request,
        group=group,
        key=lambda _group, _request: key,
        rate=settings.PASSWORD_RESET_RATE,
        method="POST",
        increment=True,
    )
    return bool(usage and usage["limit"] and usage["should_limit"])


# The doors that take a password: the admin login, the login for private pages and page passwords.
PASSWORD_DOORS = re.compile(
    r"^/(?:admin/login/|(?P<english>en/)?_util/(?:login|authenticate_with_password)/)"
)


class LockedClientMiddleware:
    """A locked-out address gets the wait page at once on the password doors (see the docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        door = PASSWORD_DOORS.match(request.path_info)
        if door is not None and AxesProxyHandler.is_locked(request):
            # Before the locale middleware: the path says the language.
            with translation.override("en" if door["english"] else settings.LANGUAGE_CODE):
                until = timezone.localtime(timezone.now() + get_cool_off(request))
                response = TemplateResponse(
                    request, "accounts/locked_out_early.html", {"until": until}, status=LOCKED_OUT_STATUS
                ).render()
            response["Retry-After"] = str(int(get_cool_off(request).total_seconds()))
            return response
        return self.get_response(request)


class ThrottleMiddleware:
    """Throttles Wagtail's page-password form and its password-reset form (see the docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if (
            request.method == "POST"
            and match is not None
            and match.url_name == PAGE_PASSWORD_VIEW
            and response.status_code == 200  # the form again: the password was wrong
        ):
            credentials = _page_password_credentials(request)
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or request.resolver_match is None:
            return None
        name = request.resolver_match.url_name
        if name == PAGE_PASSWORD_VIEW:
            credentials = _page_password_credentials(request)
            if not AxesProxyHandler.is_allowed(request, credentials):
                return locked_out(request, None, credentials)
        elif name == PASSWORD_RESET_VIEW:
            if _over_reset_limit(request, client_address(request), "password-reset-client"):
                return wait_page(request, rate_period(settings.PASSWORD_RESET_RATE))
            address = request.POST.get("email", "").strip().lower()
            digest = sha256(address.encode()).hexdigest()
            if address and _over_reset_limit(request, digest, "password-reset-address"):
                # The same answer as a reset that went out: nothing to learn, nothing sent.
                return redirect(reverse("wagtailadmin_password_reset_done"))
        return None
