"""A registration for a leernetwerk meeting, and what it keeps of the person.

The status is the whole story of a place: ``pending`` is a form that was sent but whose address
has not been confirmed through the link in the mail (it holds no place, and is deleted when it
expires: see ``places`` and ``housekeeping``), ``confirmed`` holds one of the meeting's places,
``waitlisted`` waits for one (first come, first served by ``created_at``, the moment of
confirmation), ``cancelled`` gave it up. One row per address and meeting: registering again with
the same address finds the row instead of adding one (the database's unique constraint makes sure
of it).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def confirm_hours():
    """How long a pending registration waits for its confirmation: ``REGISTRATION_CONFIRM_HOURS``."""
    return settings.REGISTRATION_CONFIRM_HOURS


def pending_expired_before(now=None):
    """A pending registration made before this moment has expired."""
    return (now or timezone.now()) - timedelta(hours=confirm_hours())


class RegistrationQuerySet(models.QuerySet):
    def holding_a_place(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def pending(self):
        """Pending registrations whose confirmation link still works."""
        return self.filter(status=Registration.Status.PENDING, created_at__gte=pending_expired_before())

    def expired(self):
        """Pending registrations nobody confirmed in time: deleted by ``housekeeping.UNCONFIRMED``."""
        return self.filter(status=Registration.Status.PENDING, created_at__lt=pending_expired_before())

    def active(self):
        """What counts against the limits per client: everything but cancelled and expired rows."""
        return self.filter(
            Q(status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED])
            | Q(status=Registration.Status.PENDING, created_at__gte=pending_expired_before())
        )

    def waiting(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("meeting registration", "Nog niet bevestigd")
        CONFIRMED = "confirmed", pgettext_lazy("meeting registration", "Aangemeld")
        WAITLISTED = "waitlisted", _("Op de wachtlijst")
        CANCELLED = "cancelled", pgettext_lazy("meeting registration", "Afgemeld")

    class Role(models.TextChoices):
        POLICY = "policy", _("Beleidsmedewerker")
        COMMUNITY = "community", _("Opbouwwerker of wijkwerker")
        MANAGER = "manager", _("Leidinggevende of bestuurder")
        RESIDENT = "resident", _("Inwoner of vrijwilliger")
        OTHER = "other", _("Anders")

    meeting = models.ForeignKey(
        "knowledge.MeetingPage",
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    municipality = models.ForeignKey(
        "knowledge.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.CharField(_("andere organisatie"), max_length=150, blank=True)
    role = models.CharField(_("functie"), max_length=20, choices=Role.choices)
    accessibility_needs = models.TextField(_("wensen voor toegankelijkheid"), blank=True)
    case = models.TextField(_("casus voor de intervisie"), blank=True)
    language = models.CharField(_("taal"), max_length=8, default="nl")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    consent_given_at = models.DateTimeField(_("akkoord met privacyverklaring op"), default=timezone.now)
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    cancelled_at = models.DateTimeField(
        pgettext_lazy("meeting registration", "afgemeld op"), null=True, blank=True
    )
    # Bumped with every calendar update sent for this registration (RFC 5545 SEQUENCE).
    calendar_sequence = models.PositiveIntegerField(default=0)
    # Which calendar event the registration is: raised when a cancelled registration starts
    # again, so the new invitation is a new event (a new UID, see ``ics.registration_uid``).
    calendar_round = models.PositiveIntegerField(default=0)
    # When the registrant was last told the meeting takes place: a publish that moves it tells again.
    notified_start = models.DateTimeField(null=True, blank=True)
    notified_end = models.DateTimeField(null=True, blank=True)
    # None until an editor takes attendance (see ``attendance.py``); then present or not.
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    report_sent_at = models.DateTimeField(_("verslag verstuurd op"), null=True, blank=True)
    mail_sent_at = models.DateTimeField(_("laatste e-mail verstuurd op"), null=True, blank=True)
    # When the form (or the confirmation) last queued a mail for this row. Sending the form again
    # mails again only after ``places.MAIL_INTERVAL``: nobody floods an inbox through the form.
    # Not ``mail_sent_at``: that stays empty when the mail can't be delivered (a dead domain).
    mail_queued_at = models.DateTimeField(_("laatste e-mail klaargezet op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    mail_error = models.CharField(_("e-mail mislukt"), max_length=300, blank=True)
    # A keyed hash (``places.client_key``) of the address the form came from, never the address
    # itself: enough to count one client's registrations per meeting, emptied when anonymised.
    client_key = models.CharField(max_length=64, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["meeting", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "email"], name="one_registration_per_address")
        ]
        indexes = [models.Index(fields=["meeting", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def confirm_deadline(self):
        """Until when a pending registration can be confirmed."""
        return self.created_at + timedelta(hours=confirm_hours())

    @property
    def is_expired(self):
        return self.status == self.Status.PENDING and self.confirm_deadline < timezone.now()

    @property
    def organisation_name(self):
        return str(self.municipality) if self.municipality_id else self.organisation

    @property
    def waitlist_position(self):
        """1 for the first on the waitlist, 2 for the next, ...; None when not waiting.

        The same order as ``RegistrationQuerySet.waiting`` (``created_at``, then ``pk``), so the
        number is the turn in which ``places`` promotes: when someone ahead leaves, it goes down.
        """
        if self.status != self.Status.WAITLISTED:
            return None
        ahead = Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
        return Registration.objects.waiting().filter(meeting_id=self.meeting_id).filter(ahead).count() + 1
