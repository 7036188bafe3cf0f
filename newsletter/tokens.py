"""Signed links for subscribers: confirm, change preferences, unsubscribe.

A token is the subscriber's id signed with Django's ``SECRET_KEY`` and a salt per purpose, so a
confirmation token can't be used to unsubscribe someone and nobody can make one for an address.
Confirmation links expire; preference and unsubscribe links in sent issues keep working (RFC 8058
expects an unsubscribe link to work long after the message was sent). Erasing a subscriber deletes
the row, which makes every token for it worthless.
"""

from django.core import signing

from .models import Subscriber

CONFIRM = "newsletter.confirm"
MANAGE = "newsletter.manage"
PURPOSES = (CONFIRM, MANAGE)
CONFIRM_MAX_AGE = 14 * 24 * 60 * 60


def make_token(subscriber, purpose):
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    return signing.dumps({"id": subscriber.pk, "email": subscriber.email}, salt=purpose, compress=True)


def read_token(token, purpose):
    """The subscriber a token names, or ``None`` for a forged, expired or stale token."""
    max_age = CONFIRM_MAX_AGE if purpose == CONFIRM else None
    try:
        data = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.BadSignature:
        return None
    # The address is part of the token: a row re-created for another address gets no old links.
    return Subscriber.objects.filter(pk=data.get("id"), email=data.get("email")).first()
