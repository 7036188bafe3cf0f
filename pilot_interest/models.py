"""A municipality's interest in a pilot: who asks, for which neighbourhood or village, and why.

Editors follow each submission up in the admin (``status``, ``handled_by``, ``notes``). The
mail bookkeeping is kept on the row, as for meeting registrations: when the team's mail and the
sender's acknowledgement went out, and what went wrong if one of them failed (``mail_error``, one
line per mail that is still failing).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PilotInterest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("pilot interest", "Nieuw")
        IN_CONTACT = "in_contact", pgettext_lazy("pilot interest", "In contact")
        HANDLED = "handled", pgettext_lazy("pilot interest", "Afgehandeld")

    municipality = models.ForeignKey(
        "knowledge.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Blank only once anonymised (see housekeeping.py); the public form requires both.
    contact_name = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    place = models.CharField(_("wijk of dorp"), max_length=120)
    challenge = models.TextField(_("uitdaging"))
    language = models.CharField(_("taal"), max_length=8, default="nl")
    consent_given_at = models.DateTimeField(_("akkoord met privacyverklaring op"), default=timezone.now)
    created_at = models.DateTimeField(pgettext_lazy("pilot interest", "ontvangen op"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    # Who on the team follows this up: set by hand, or by the bulk status change when empty.
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(
        pgettext_lazy("pilot interest", "notities"),
        blank=True,
        help_text=_("Alleen voor het team: wat is er afgesproken, wie pakt het op?"),
    )
    team_mail_sent_at = models.DateTimeField(_("e-mail aan het team verstuurd op"), null=True, blank=True)
    acknowledgement_sent_at = models.DateTimeField(
        _("ontvangstbevestiging verstuurd op"), null=True, blank=True
    )
    mail_error = models.CharField(_("e-mail mislukt"), max_length=600, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("belangstelling voor een pilot")
        verbose_name_plural = _("belangstelling voor pilots")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["email", "municipality", "created_at"])]

    def __str__(self):
        return f"{self.municipality}, {self.place}"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)
