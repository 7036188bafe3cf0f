from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content for development and tests (``manage.py seed_demo``). Nothing imports this app."""

    name = "demo"
    verbose_name = _("Demo-inhoud")
