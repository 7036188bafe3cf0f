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
  suppression, since the owner has just proved the address is theirs and asked again, and sends
  the welcome mail with the links to the preferences and to unsubscribe.
- Mails are ``core.mail``'s: queued here, sent after the commit, in the subscriber's language,
  tried again when the server fails for now. Each is built when it goes out and only if it still
  fits (no confirmation link to someone who confirmed meanwhile: ``MAIL_FOR_STATUS``).
- Erasing deletes the row and Wagtail's log entries about it, and keeps a hash of the address in
  ``SuppressedAddress`` so that no import brings it back.
"""

from datetime import timedelta
from functools import partial

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import ModelLogEntry

from core import mail

from .links import confirm_url, personal_urls
from .models import Subscriber, SuppressedAddress, address_hash, normalise_email

SUBSCRIBE_FORM = "kwartaalupdate-aanmelden"
ENDED = (Subscriber.Status.UNSUBSCRIBED, Subscriber.Status.BOUNCED)
MAIL_INTERVAL = timedelta(minutes=10)

# The mails to a subscriber, and the status the subscriber must still have when one goes out.
CONFIRM = "confirm"
ALREADY_SUBSCRIBED = "already_subscribed"
WELCOME = "welcome"
MANAGE_LINK = "manage_link"
MAIL_FOR_STATUS = {
    CONFIRM: Subscriber.Status.PENDING,
    ALREADY_SUBSCRIBED: Subscriber.Status.CONFIRMED,
    WELCOME: Subscriber.Status.CONFIRMED,
    MANAGE_LINK: Subscriber.Status.CONFIRMED,
}


def _mailed_recently(subscriber):
    return subscriber.mailed_at is not None and timezone.now() - subscriber.mailed_at < MAIL_INTERVAL


def compose(subscriber_id, kind):
    """What the ``kind`` mail says, or ``None`` when the subscriber moved on since it was queued
    (confirmed before the confirmation went out, unsubscribed, erased)."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, status=MAIL_FOR_STATUS[kind]).first()
    if subscriber is None:
        return None
    if kind == CONFIRM:
        context = {"subscriber": subscriber, "confirm_url": confirm_url(subscriber)}
    else:
        context = {"subscriber": subscriber, "urls": personal_urls(subscriber)}
    return mail.Mail(to=subscriber.email, language=subscriber.language, context=context)


# How a line of ``mail_error`` names its mail (editors read it; Dutch like the rest of the admin).
ERROR_LABEL = {
    CONFIRM: "bevestiging",
    ALREADY_SUBSCRIBED: "al aangemeld",
    WELCOME: "welkom",
    MANAGE_LINK: "nieuwe link",
}


def record(subscriber_id, outcome, kind):
    """Show why a mail did not go out in the admin (``mail_error``), until one does.

    A mailbox refused for good also counts as a bounce, as for the kwartaalupdate itself; a failure
    for now is tried again by ``core.mail``, and its error shows meanwhile.
    """
    rows = Subscriber.objects.filter(pk=subscriber_id)
    if outcome.sent:
        rows.exclude(mail_error="").update(mail_error="")
        return
    max_length = Subscriber._meta.get_field("mail_error").max_length  # Django's documented API
    changes = {"mail_error": f"{ERROR_LABEL[kind]}: {outcome.error}"[:max_length]}
    if outcome.permanent:
        changes["bounce_count"] = F("bounce_count") + 1
    rows.update(**changes)


MAILS = tuple(
    mail.MailKind(
        name=f"newsletter.{kind}",
        template=f"newsletter/subscription/email/{kind}",
        compose=partial(compose, kind=kind),
        record=partial(record, kind=kind),
    )
    for kind in MAIL_FOR_STATUS
)


def _mail(subscriber, kind):
    """Queue ``kind`` for after the commit, and note when, for ``MAIL_INTERVAL``."""
    Subscriber.objects.filter(pk=subscriber.pk).update(mailed_at=timezone.now())
    mail.queue(f"newsletter.{kind}", subscriber.pk)


def send_confirmation(subscriber):
    """Queue the double opt-in mail with the confirmation link (sent after the commit)."""
    _mail(subscriber, CONFIRM)


@transaction.atomic
def send_fresh_link(email):
    """Mail whoever owns ``email`` a link that works now; nothing when the address is unknown.

    A confirmed subscriber gets fresh links to the preferences and to unsubscribe (an old link may
    have expired or been cut in two by a mail program); a pending one gets a new confirmation link.
    At most one mail per address per ``MAIL_INTERVAL``, and the form answers the same in every
    case, so it tells nobody whether an address is subscribed.
    """
    subscriber = Subscriber.objects.select_for_update().filter(email=normalise_email(email)).first()
    if subscriber is None or _mailed_recently(subscriber):
        return
    if subscriber.status == Subscriber.Status.CONFIRMED:
        _mail(subscriber, MANAGE_LINK)
    elif subscriber.status == Subscriber.Status.PENDING:
        _mail(subscriber, CONFIRM)


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
    """Record a request to subscribe and queue the one mail it leads to (see the module docstring).

    The mail goes out after the commit (``core.mail``): the SMTP server is never waited for while
    the subscriber's row is locked, and a server that is down costs the visitor nothing (the mail
    is tried again later).
    """
    email = normalise_email(email)
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
        if not _mailed_recently(subscriber):
            _mail(subscriber, ALREADY_SUBSCRIBED)
        return subscriber
    # A pending address asked again within the interval already has a working link in its inbox.
    pending = subscriber is not None and subscriber.status == Subscriber.Status.PENDING
    send = not (pending and _mailed_recently(subscriber))
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
    if send:
        send_confirmation(subscriber)
    return subscriber


@transaction.atomic
def confirm(subscriber):
    """The double opt-in's second step. True when this POST confirmed a pending subscriber, who
    then gets the welcome mail (with the links to the preferences and to unsubscribe)."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status != Subscriber.Status.PENDING:
        return False
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.unsubscribed_at = None
    subscriber.save()
    SuppressedAddress.objects.filter(address_hash=address_hash(subscriber.email)).delete()
    mail.queue(f"newsletter.{WELCOME}", subscriber.pk)
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
