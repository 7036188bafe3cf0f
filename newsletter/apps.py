from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    """The kwartaalupdate: subscribers, issues assembled from the quarter, MJML e-mail, delivery."""

    name = "newsletter"
    verbose_name = _("Kwartaalupdate")

    def ready(self):
        from core import mail  # noqa: PLC0415 - models are ready only now

        from . import subscriptions  # noqa: PLC0415

        mail.register(*subscriptions.MAILS)
