"""Publishing a meeting queues its reminder (see ``housekeeping.queue_reminder``)."""

from wagtail.signals import page_published

from knowledge.models import MeetingPage

from .housekeeping import queue_reminder


def on_meeting_published(sender, instance, **kwargs):
    queue_reminder(instance)


def connect():
    page_published.connect(on_meeting_published, sender=MeetingPage, dispatch_uid="registrations-reminder")
