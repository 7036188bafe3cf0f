"""The second factor: after the password, a code from an authenticator app (TOTP, RFC 6238).

django-otp keeps the devices and checks the codes (with its own throttle: each wrong code doubles
the wait before the next try); this module decides who must show one:

- An admin account with a confirmed device must enter a code once per session before any admin
  page opens (``SecondFactorMiddleware``).
- With ``TWO_FACTOR_REQUIRED`` (always on in production) an admin account without a device is sent
  to set one up first; in ``make run`` it is optional, and anyone can set one up from the account
  menu.
- Each account gets ten recovery codes (a django-otp static device) when it sets up its app; each
  works once, for the day the phone is lost.

Pages outside ``/admin/`` are not affected: a visitor never meets any of this.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

ADMIN_PREFIX = "/admin/"
RECOVERY_CODES = 10
APP_DEVICE_NAME = "app"
RECOVERY_DEVICE_NAME = "herstelcodes"
# What an account may reach between password and code: logging out, the two-factor pages
# themselves, and the admin's script catalogue and icons those pages load.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "accounts_verify",
    "accounts_setup",
    "accounts_recovery_codes",
}


def is_admin_account(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))


def has_second_factor(user):
    return user_has_device(user, confirmed=True)


def new_app_device(user):
    """A fresh, unconfirmed TOTP device; earlier unconfirmed ones are dropped."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def pending_app_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def new_recovery_codes(user):
    """Ten new one-time codes (the old ones stop working); returns them to be shown once."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def matching_device(user, code):
    """The confirmed device that accepts ``code`` (it is used up by this), or ``None``."""
    code = "".join(code.split()).lower()
    if not code:
        return None
    for device in devices_for_user(user, confirmed=True):
        if device.verify_token(code):
            return device
    return None


def remove_second_factor(user):
    for device in devices_for_user(user, confirmed=None):
        device.delete()


class SecondFactorMiddleware:
    """Sends an admin account that has not shown its code this session to the code page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(ADMIN_PREFIX):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is None or match.url_name in OPEN_URL_NAMES or not is_admin_account(user):
            return None
        query = urlencode({"next": request.get_full_path()})
        if has_second_factor(user):
            return redirect(f"{reverse('accounts_verify')}?{query}")
        if settings.TWO_FACTOR_REQUIRED:
            return redirect(f"{reverse('accounts_setup')}?{query}")
        return None


def qr_code_data_uri(device):
    """The app's set-up link as a QR code image, made here (no third-party QR service)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def readable_secret(device):
    """The key for typing into an app by hand: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
