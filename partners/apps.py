from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    """Partner organisations contributing articles and knowledge items, under moderation."""

    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from . import signals  # noqa: PLC0415 - models are ready only now

        signals.connect()
