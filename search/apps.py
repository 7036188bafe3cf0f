from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Zoeken")

    def ready(self):
        from core import retention  # noqa: PLC0415 - models are ready only now

        from . import retention as search_retention  # noqa: PLC0415

        retention.register(*search_retention.RETENTION)
