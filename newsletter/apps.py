from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    """The kwartaalupdate. Its models arrive with the newsletter issue; the app fixes the layout."""

    name = "newsletter"
    verbose_name = _("Kwartaalupdate")
