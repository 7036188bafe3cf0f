"""The second factor's pages in the admin, and a link to them in the account menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("tweestapsverificatie/", views.setup, name="accounts_setup"),
        path("tweestapsverificatie/code/", views.verify, name="accounts_verify"),
        path("tweestapsverificatie/herstelcodes/", views.recovery_codes, name="accounts_recovery_codes"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("accounts_setup"),
        "label": _("Tweestapsverificatie"),
        "help_text": _("Log in met een code uit een app op uw telefoon, naast uw wachtwoord."),
    }
