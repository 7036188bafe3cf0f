"""Work on registrations that time brings: reminders before a meeting, deleting registrations
nobody confirmed, anonymising long after.

All are safe to run any number of times: a reminder is sent once per registration
(``reminder_sent_at``), an expired pending registration is simply gone, and an anonymised row is
never touched again (``anonymised_at``). The management commands run them by hand or from cron;
the tasks run them through the Tasks API, each checking again at run time whether its work is
still due.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django_tasks import task

from core.recurring import queue_next_run
from knowledge.models import MeetingPage

from .models import Registration
from .tasks import mail_each_once


def reminder_due(meeting):
    """When the meeting's reminder goes out: ``REGISTRATION_REMINDER_HOURS`` before it starts."""
    return meeting.start - timedelta(hours=settings.REGISTRATION_REMINDER_HOURS)


def reminders_due(now=None):
    """Confirmed registrations for live meetings starting soon that have had no reminder."""
    now = now or timezone.now()
    window_end = now + timedelta(hours=settings.REGISTRATION_REMINDER_HOURS)
    return Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at=None,
        anonymised_at=None,
        meeting__live=True,
        meeting__start__gt=now,
        meeting__start__lte=window_end,
    ).order_by("pk")


def send_reminders(registrations=None, progress=None):
    """Mark each due registration reminded and queue its mail; returns how many."""
    return mail_each_once(registrations or reminders_due(), "reminder_sent_at", "reminder", progress)


def delete_expired():
    """Delete pending registrations nobody confirmed in time (``REGISTRATION_CONFIRM_HOURS``).

    Most are a bot's, or a typo in an address: nothing of them is kept, and no mail goes out.
    They held no place, so nobody on the waitlist is affected. Returns how many.
    """
    deleted, _per_model = Registration.objects.expired().delete()
    return deleted


def purge_cutoff(now=None):
    """Meetings that ended before this moment have their registrations anonymised."""
    now = now or timezone.now()
    return now - timedelta(days=round(30.44 * settings.REGISTRATION_RETENTION_MONTHS))


def to_anonymise(now=None):
    return Registration.objects.filter(anonymised_at=None, meeting__end__lt=purge_cutoff(now))


def anonymise(batch_size=500, progress=None):
    """Blank everything that names a person; keep what counts (meeting, municipality, role, status).

    Works in batches of one UPDATE each, so an interrupted run keeps what it did.
    """
    done = 0
    while True:
        ids = list(to_anonymise().values_list("pk", flat=True)[:batch_size])
        if not ids:
            return done
        # The address stays unique per meeting (a constraint): it is made from the row's id.
        Registration.objects.filter(pk__in=ids).update(
            name="",
            email=Concat(Value("geanonimiseerd-"), Cast("pk", CharField()), Value("@invalid")),
            organisation="",
            accessibility_needs="",
            case="",
            mail_error="",
            client_key="",
            anonymised_at=timezone.now(),
        )
        done += len(ids)
        if progress:
            progress(done)


# Through the Tasks API ----------------------------------------------------------------------------


@task()
def remind_meeting(meeting_id):
    """Queued for a meeting's reminder moment when it is published; checks again when it runs.

    The meeting may have moved, been unpublished or been removed since: then this run sends
    nothing, and a moved meeting's own publish has queued the run for its new moment.
    """
    meeting = MeetingPage.objects.filter(pk=meeting_id, live=True).first()
    if meeting is None:
        return "gone"
    if reminder_due(meeting) > timezone.now():
        return "not yet"
    return send_reminders(reminders_due().filter(meeting=meeting))


def queue_reminder(meeting):
    """On publish: queue ``remind_meeting`` for the reminder moment (when the backend can wait)."""
    due = reminder_due(meeting)
    if meeting.start <= timezone.now():
        return False
    backend = remind_meeting.get_backend()
    if due > timezone.now():
        if not backend.supports_defer:
            return False  # dev and tests: ``send_meeting_reminders`` (cron) does it
        remind_meeting.using(run_after=due).enqueue(meeting.pk)
    else:
        transaction.on_commit(lambda: remind_meeting.enqueue(meeting.pk))
    return True


def purge(progress=None):
    """What the daily purge does: delete expired pending registrations, then anonymise.

    Returns ``(deleted, anonymised)``.
    """
    return delete_expired(), anonymise(progress=progress)


@task()
def purge_registrations_daily():
    """Queue tomorrow's run (``core.recurring``: a failing run does not end the chain), then
    delete expired pending registrations and anonymise what is due."""
    queue_next_run(purge_registrations_daily, timedelta(days=1))
    deleted, anonymised = purge()
    return {"deleted": deleted, "anonymised": anonymised}
