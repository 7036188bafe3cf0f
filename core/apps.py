from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The foundation every other app builds on. It imports no other app of the project."""

    name = "core"
    verbose_name = _("Basis")

    def ready(self):
        from . import purging, signals, translate_form  # noqa: F401

        translate_form.install()
        purging.connect()
