from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    """Admin accounts: the second factor, login throttling and who may grant which role."""

    default = True
    name = "accounts"
    verbose_name = _("Accounts")


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the project's user screens (Wagtail's documented way to swap them)."""

    user_viewset = "accounts.users.UserViewSet"
