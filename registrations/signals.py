"""Publishing a meeting tells registrants when it moved or was cancelled, and queues its reminder.

A place taken or given back changes what meeting pages and cards show ("Nog 3 plaatsen vrij",
"Vol – wachtlijst"): it starts a new content version, as publishing does. A pending registration
(the form, before its address is confirmed) holds no place and changes nothing, so a flood of
forms never empties the page cache.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from core.caching import bump_content_version
from knowledge.models import MeetingPage

from .housekeeping import queue_reminder
from .models import Registration
from .places import meeting_published


def on_meeting_published(sender, instance, **kwargs):
    meeting_published(instance)
    queue_reminder(instance)


def on_registration_changed(sender, instance, **kwargs):
    if instance.status != Registration.Status.PENDING:
        bump_content_version()


def connect():
    page_published.connect(on_meeting_published, sender=MeetingPage, dispatch_uid="registrations-reminder")
    for signal in (post_save, post_delete):
        signal.connect(
            on_registration_changed, sender=Registration, dispatch_uid=f"registrations-places-{signal!r}"
        )
