"""Delivery of an issue: one row per (issue, subscriber), created before the first message goes out.

A send is a state machine per row: ``pending`` → ``sent`` | ``failed`` | ``skipped``. Workers
claim pending rows in batches (``claimed_by``/``claimed_at``), send each over one SMTP connection
per batch, and mark a row sent right after the server accepted it. A claim that is older than
``NEWSLETTER_CLAIM_TIMEOUT`` belongs to a worker that died and is taken over. A restart resumes
from the rows: nothing is skipped, and nothing is sent twice except, after a hard kill, the one
message that was in flight. See ``newsletter/delivery.py``.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IssueSend(models.Model):
    """The send of one issue: its state, and when it may start."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Gepland")
        SENDING = "sending", _("Wordt verstuurd")
        PAUSED = "paused", _("Gepauzeerd")
        CANCELLED = "cancelled", _("Geannuleerd")
        DONE = "done", _("Verstuurd")

    issue = models.OneToOneField(
        "newsletter.NewsletterIssuePage", on_delete=models.CASCADE, related_name="send"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    send_after = models.DateTimeField(_("versturen vanaf"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Part of the list only: ``{"municipalities": [pk, ...], "themes": [pk, ...]}`` (empty: all).
    # A later "send to those who subscribed since" keeps to the same part.
    segment = models.JSONField(_("deel van de lijst"), default=dict, blank=True)
    # The web version as it went out (``newsletter.snapshot``): the archive shows this, with a note
    # where a page it named changed since, instead of the pages as they are today.
    snapshot_html = models.TextField(blank=True)
    snapshot_items = models.JSONField(default=list, blank=True)
    snapshot_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")

    def __str__(self):
        return f"{self.issue} ({self.get_status_display()})"

    @property
    def is_open(self):
        """Whether the send may still mail anybody (not finished, not cancelled)."""
        return self.status in (self.Status.SCHEDULED, self.Status.SENDING, self.Status.PAUSED)


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht")
        SENT = "sent", _("Verstuurd")
        FAILED = "failed", _("Mislukt")
        # Never mailed on purpose: unsubscribed after the rows were made, or the send was cancelled.
        SKIPPED = "skipped", _("Overgeslagen")

    send = models.ForeignKey(IssueSend, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        "newsletter.Subscriber", on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    retry_after = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("laatste fout"), max_length=500, blank=True)
    message_id = models.CharField(max_length=250, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Which worker batch holds the row, and since when; empty when nobody does.
    claimed_by = models.CharField(max_length=100, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bezorging")
        verbose_name_plural = _("bezorgingen")
        constraints = [
            models.UniqueConstraint(
                fields=["send", "subscriber"], name="one_delivery_per_subscriber_and_send"
            )
        ]
        indexes = [
            # Workers claim a send's pending rows in id order: with id in the index that is a
            # range read, where an index on the send alone walks past every row already sent.
            models.Index(fields=["send", "status", "id"], name="delivery_claim_order"),
            models.Index(fields=["claimed_by"]),
        ]

    def __str__(self):
        return f"{self.subscriber_id} – {self.get_status_display()}"


class EditorTestAddresses(models.Model):
    """The addresses an editor last sent a test mail to: the form offers them again next time."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="newsletter_test_addresses"
    )
    addresses = models.TextField(_("e-mailadressen"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("adressen voor testmails")
        verbose_name_plural = _("adressen voor testmails")

    def __str__(self):
        return f"{self.user}: {self.addresses}"
