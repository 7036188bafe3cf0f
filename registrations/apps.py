from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Signing up for leernetwerk meetings: capacity, waitlist, confirmation with a calendar file."""

    name = "registrations"
    verbose_name = _("Aanmeldingen")

    def ready(self):
        from core import mail, retention  # noqa: PLC0415 - models are ready only now

        from . import housekeeping, messages, signals  # noqa: PLC0415

        signals.connect()
        retention.register(*housekeeping.RETENTION)
        mail.register(*messages.MAILS)
