from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotInterestConfig(AppConfig):
    """Municipalities say they are interested in a pilot: the form on the pilots index, the mails,
    and the submissions in the admin."""

    name = "pilot_interest"
    verbose_name = _("Belangstelling voor pilots")

    def ready(self):
        from core import mail, retention  # noqa: PLC0415 - models are ready only now

        from . import housekeeping, messages  # noqa: PLC0415

        retention.register(*housekeeping.RETENTION)
        mail.register(*messages.MAILS)
