"""The second factor's pages in the admin: set up the app, enter a code, recovery codes.

Each form answers with a redirect (a reload sends nothing again); recovery codes are kept in the
session just long enough to be shown once. The code page counts a wrong code as a failed login
(django-axes), so guessing codes locks the account out like guessing passwords does.
"""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from . import two_factor
from .forms import CodeForm
from .throttling import locked_out

SHOW_CODES_KEY = "accounts_new_recovery_codes"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _render(request, template, context):
    return TemplateResponse(request, f"accounts/{template}", {"next": _next_url(request), **context})


def _guard(request):
    """Anonymous visitors log in first; an account with a device shows its code before changing it."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('wagtailadmin_login')}?next={request.path}")
    if two_factor.has_second_factor(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('accounts_verify')}?next={request.path}")
    return None


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify(request):
    if not request.user.is_authenticated:
        return redirect(reverse("wagtailadmin_login"))
    if request.user.is_verified() or not two_factor.has_second_factor(request.user):
        return redirect(_next_url(request))
    credentials = {"username": request.user.get_username()}
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if not AxesProxyHandler.is_allowed(request, credentials):
            logout(request)
            return locked_out(request, None, credentials)
        if form.is_valid():
            device = two_factor.matching_device(request.user, form.cleaned_data["code"])
            if device is not None:
                otp_login(request, device)
                return redirect(_next_url(request))
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            form.add_error(
                None,
                _(
                    "Deze code klopt niet of is verlopen. "
                    "Vul de nieuwe code uit uw app in, of een herstelcode."
                ),
            )
    return _render(request, "verify.html", {"form": form})


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def setup(request):
    if (refused := _guard(request)) is not None:
        return refused
    user = request.user
    if two_factor.has_second_factor(user) and "opnieuw" not in request.GET and request.method == "GET":
        context = {"remaining": two_factor.remaining_recovery_codes(user)}
        return _render(request, "status.html", context)
    device = two_factor.pending_app_device(user)
    if request.method == "GET" or device is None:
        device = two_factor.new_app_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token("".join(form.cleaned_data["code"].split())):
            # The new app replaces any earlier one; the old recovery codes go with it.
            type(device).objects.filter(user=user, confirmed=True).delete()
            device.confirmed = True
            device.save()
            otp_login(request, device)
            request.session[SHOW_CODES_KEY] = two_factor.new_recovery_codes(user)
            messages.success(request, _("Tweestapsverificatie staat aan."))
            return redirect(f"{reverse('accounts_recovery_codes')}?next={_next_url(request)}")
        form.add_error(
            None,
            _("Deze code klopt niet. Kijk of de tijd op uw telefoon goed staat en probeer het opnieuw."),
        )
    context = {
        "form": form,
        "qr_code": two_factor.qr_code_data_uri(device),
        "secret": two_factor.readable_secret(device),
    }
    return _render(request, "setup.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    if (refused := _guard(request)) is not None:
        return refused
    if not two_factor.has_second_factor(request.user):
        return redirect(reverse("accounts_setup"))
    if request.method == "POST":
        request.session[SHOW_CODES_KEY] = two_factor.new_recovery_codes(request.user)
        return redirect(request.get_full_path())
    codes = request.session.pop(SHOW_CODES_KEY, None)
    context = {"codes": codes, "remaining": two_factor.remaining_recovery_codes(request.user)}
    return _render(request, "recovery_codes.html", context)
