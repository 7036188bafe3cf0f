from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The foundation every other app builds on. It imports no other app of the project."""

    name = "core"
    verbose_name = _("Basis")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import purging, signals, translate_form  # noqa: F401
        from .caching import bump_content_version

        translate_form.install()
        purging.connect()
        # After a migration or a restore (whose instructions end with migrate) the database may
        # hold other sites, pages or restrictions than what the cache kept under the current
        # content version: start a new one (core/caching.py).
        post_migrate.connect(bump_content_version, sender=self, dispatch_uid="content-version-migrate")
