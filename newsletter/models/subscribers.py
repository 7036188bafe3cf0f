"""Subscribers of the kwartaalupdate, the consent they gave, and addresses that must never get mail.

A subscriber is ``pending`` until they confirm with a POST (double opt-in) and ``confirmed`` after;
unsubscribing or bouncing ends the subscription but keeps the row, so that an import can never
bring the address back. Erasing a subscriber deletes the row and keeps only a hash of the address
in ``SuppressedAddress``: the data is gone, and imports still skip the address. The consent record
is what the GDPR asks for and no more: when, how and through which form, and when it was confirmed.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowledge.models.organisations import SOURCE_LOCALE


def normalise_email(address):
    return address.strip().lower()


def address_hash(address):
    return hashlib.sha256(normalise_email(address).encode()).hexdigest()


class SubscriberQuerySet(models.QuerySet):
    def recipients(self, language):
        """Who gets an issue in ``language``: confirmed subscribers of that language."""
        return self.filter(status=Subscriber.Status.CONFIRMED, language=language)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op bevestiging")
        CONFIRMED = "confirmed", _("Aangemeld")
        UNSUBSCRIBED = "unsubscribed", _("Afgemeld")
        BOUNCED = "bounced", _("Onbestelbaar")

    class Source(models.TextChoices):
        FORM = "form", _("Aanmeldformulier op de site")
        IMPORT = "import", _("Import")
        ADMIN = "admin", _("Beheer")

    email = models.EmailField(_("e-mailadres"), unique=True)
    language = models.CharField(_("taal"), max_length=8, choices=settings.LANGUAGES, default="nl")
    name = models.CharField(_("naam"), max_length=150, blank=True)
    # Which of the 51 municipalities the reader works for: the programme reports its reach per
    # municipality. Anyone else names their organisation in free text.
    municipality = models.ForeignKey(
        "knowledge.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.CharField(_("organisatie"), max_length=150, blank=True)
    themes = models.ManyToManyField(
        "knowledge.ThemePage",
        verbose_name=_("thema's"),
        blank=True,
        related_name="+",
        limit_choices_to=SOURCE_LOCALE,
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    consent_source = models.CharField(_("toestemming via"), max_length=20, choices=Source.choices)
    consent_form = models.CharField(_("formulier of bestand"), max_length=200, blank=True)
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    bounce_count = models.PositiveIntegerField(_("keer onbestelbaar"), default=0)
    # The last confirmation or "already subscribed" mail: the form mails one address at most once
    # per ``subscriptions.MAIL_INTERVAL``, so nobody can flood an inbox through it.
    mailed_at = models.DateTimeField(_("laatste bevestigingsmail op"), null=True, blank=True)
    # Why the last mail to this subscriber (confirmation, welcome, "already subscribed") did not go
    # out, for editors; emptied when a mail does go out (``subscriptions.record``).
    mail_error = models.CharField(_("e-mail mislukt"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")
        ordering = ["email"]
        indexes = [models.Index(fields=["status", "language"])]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def theme_slugs(self):
        """The chosen themes' slugs, ``;``-separated: the form ``import_subscribers`` reads back."""
        return ";".join(theme.slug for theme in self.themes.all())


class SuppressedAddress(models.Model):
    """An erased address, kept only as a SHA-256 hash, so that no import or send reaches it again."""

    address_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("geblokkeerd adres")
        verbose_name_plural = _("geblokkeerde adressen")

    def __str__(self):
        return self.address_hash[:12]

    @classmethod
    def is_suppressed(cls, address):
        return cls.objects.filter(address_hash=address_hash(address)).exists()
