from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Signing up for leernetwerk meetings: capacity, waitlist, confirmation with a calendar file."""

    name = "registrations"
    verbose_name = _("Aanmeldingen")

    def ready(self):
        from . import signals  # noqa: PLC0415 - models are ready only now

        signals.connect()
