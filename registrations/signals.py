"""Publishing a meeting tells registrants when it moved or was cancelled, and queues its reminder."""

from wagtail.signals import page_published

from knowledge.models import MeetingPage

from .housekeeping import queue_reminder
from .places import meeting_published


def on_meeting_published(sender, instance, **kwargs):
    meeting_published(instance)
    queue_reminder(instance)


def connect():
    page_published.connect(on_meeting_published, sender=MeetingPage, dispatch_uid="registrations-reminder")
