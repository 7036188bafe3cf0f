"""Filter choices list organisations and municipalities: refresh them when editors change one."""

from django.db.models.signals import post_delete, post_save

from home.caching import bump_content_version

from .models import Municipality, Organisation

for model in (Organisation, Municipality):
    for signal in (post_save, post_delete):
        signal.connect(
            bump_content_version, sender=model, dispatch_uid=f"content-version-{model.__name__}-{signal!r}"
        )
