"""What happens to a subscriber: subscribe (double opt-in), confirm, change, unsubscribe, erase.

Views, the admin and ``import_subscribers`` all go through these functions, so the rules live in
one place:

- Subscribing never tells the visitor what the site knows about an address. A new, pending or
  ended (unsubscribed, bounced) address gets a confirmation mail; a confirmed one gets a short
  "you are already subscribed" mail with a link to its preferences, and its data is left alone
  (whoever typed the address may not own it). Every case sends one mail and shows the same page.
- One address gets at most one such mail per ``MAIL_INTERVAL`` (10 minutes), however often the
  form is sent for it: the page still answers the same, so it tells nobody anything either.
- Only the confirmation POST makes a subscriber ``confirmed``; it also lifts an erased address's
  suppression, since the owner has just proved the address is theirs and asked again.
- Erasing deletes the row and Wagtail's log entries about it, and keeps a hash of the address in
  ``SuppressedAddress`` so that no import brings it back.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from .links import confirm_url, personal_urls
from .models import Subscriber, SuppressedAddress, address_hash, normalise_email

logger = logging.getLogger(__name__)

SUBSCRIBE_FORM = "kwartaalupdate-aanmelden"
ENDED = (Subscriber.Status.UNSUBSCRIBED, Subscriber.Status.BOUNCED)
MAIL_INTERVAL = timedelta(minutes=10)


def _mailed_recently(subscriber):
    return subscriber.mailed_at is not None and timezone.now() - subscriber.mailed_at < MAIL_INTERVAL


class MailNotSent(Exception):
    """The SMTP server did not take the message; whatever was saved with it is rolled back."""


def _send(subscriber, template, context, connection=None):
    """One HTML + plain-text mail to ``subscriber``, in their language."""
    with translation.override(subscriber.language or settings.LANGUAGE_CODE):
        context = {"subscriber": subscriber, "site_name": settings.WAGTAIL_SITE_NAME, **context}
        subject = render_to_string(f"newsletter/subscription/email/{template}_subject.txt", context)
        text = render_to_string(f"newsletter/subscription/email/{template}.txt", context)
        html = render_to_string(f"newsletter/subscription/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=[subscriber.email], connection=connection
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError as error:  # every smtplib error is one, and so is a refused connection
        logger.warning("Could not send the %s mail: %s", template, error)
        raise MailNotSent(str(error)) from error


def send_confirmation(subscriber, base_url=None, connection=None):
    _send(subscriber, "confirm", {"confirm_url": confirm_url(subscriber, base_url)}, connection)


def send_already_subscribed(subscriber, base_url=None, connection=None):
    _send(subscriber, "already_subscribed", {"urls": personal_urls(subscriber, base_url)}, connection)


def apply_preferences(subscriber, *, language, name="", municipality=None, organisation="", themes=()):
    subscriber.language = language
    subscriber.name = name
    subscriber.municipality = municipality
    subscriber.organisation = organisation
    subscriber.save()
    subscriber.themes.set(themes)


@transaction.atomic
def subscribe(
    *, email, language, name="", municipality=None, organisation="", themes=(), form_name=SUBSCRIBE_FORM
):
    """Record a request to subscribe and send the one mail it leads to (see the module docstring).

    Raises ``MailNotSent`` when the mail could not be sent; nothing is saved then, so sending the
    form again later does exactly the same.
    """
    email = normalise_email(email)
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
        if not _mailed_recently(subscriber):
            send_already_subscribed(subscriber)
            Subscriber.objects.filter(pk=subscriber.pk).update(mailed_at=timezone.now())
        return subscriber
    # A pending address asked again within the interval already has a working link in its inbox.
    pending = subscriber is not None and subscriber.status == Subscriber.Status.PENDING
    mail = not (pending and _mailed_recently(subscriber))
    if subscriber is None:
        subscriber = Subscriber(email=email)
    subscriber.status = Subscriber.Status.PENDING
    subscriber.consent_source = Subscriber.Source.FORM
    subscriber.consent_form = form_name
    subscriber.consent_given_at = timezone.now()
    subscriber.confirmed_at = None
    apply_preferences(
        subscriber,
        language=language,
        name=name,
        municipality=municipality,
        organisation=organisation,
        themes=themes,
    )
    if mail:
        send_confirmation(subscriber)
        Subscriber.objects.filter(pk=subscriber.pk).update(mailed_at=timezone.now())
    return subscriber


@transaction.atomic
def confirm(subscriber):
    """The double opt-in's second step. True when this POST confirmed a pending subscriber."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status != Subscriber.Status.PENDING:
        return False
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.unsubscribed_at = None
    subscriber.save()
    SuppressedAddress.objects.filter(address_hash=address_hash(subscriber.email)).delete()
    return True


def unsubscribe(subscriber):
    """End the subscription; the row stays, so an import can't bring the address back."""
    updated = Subscriber.objects.filter(pk=subscriber.pk).exclude(status=Subscriber.Status.UNSUBSCRIBED)
    return bool(updated.update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()))


def personal_data(subscriber):
    """Everything the site keeps about one person, for a GDPR access request."""

    def when(value):
        return value.isoformat() if value else None

    return {
        "email": subscriber.email,
        "language": subscriber.language,
        "name": subscriber.name,
        "municipality": (
            {"name": subscriber.municipality.name, "cbs_code": subscriber.municipality.cbs_code}
            if subscriber.municipality
            else None
        ),
        "organisation": subscriber.organisation,
        "themes": [{"slug": t.slug, "title": t.title} for t in subscriber.themes.order_by("path")],
        "status": subscriber.status,
        "bounce_count": subscriber.bounce_count,
        "created_at": when(subscriber.created_at),
        "consent": {
            "source": subscriber.consent_source,
            "form": subscriber.consent_form,
            "given_at": when(subscriber.consent_given_at),
            "confirmed_at": when(subscriber.confirmed_at),
        },
        "unsubscribed_at": when(subscriber.unsubscribed_at),
    }


@transaction.atomic
def erase(subscriber):
    """Delete the person's data, keep only the address's hash so imports and sends skip it."""
    SuppressedAddress.objects.get_or_create(address_hash=address_hash(subscriber.email))
    ModelLogEntry.objects.filter(
        content_type__app_label=Subscriber._meta.app_label,
        content_type__model=Subscriber._meta.model_name,
        object_id=str(subscriber.pk),
    ).delete()
    subscriber.delete()
