"""Signed links for subscribers: confirm, change preferences, unsubscribe.

Made by the site's one token mechanism (``core.tokens``): the subscriber's id and a keyed
fingerprint of the address, signed with a salt per purpose, so a confirmation token can't be used
to unsubscribe someone, nobody can make one for an address, and no address can be read out of a
link. Confirmation links expire; preference and unsubscribe links in sent issues keep working
(RFC 8058 expects an unsubscribe link to work long after the message was sent). Erasing a
subscriber deletes the row, which makes every token for it worthless; a row re-created for
another address gets no old links.
"""

from core import tokens

from .models import Subscriber

CONFIRM = "newsletter.confirm"
MANAGE = "newsletter.manage"
PURPOSES = (CONFIRM, MANAGE)
CONFIRM_MAX_AGE = 14 * 24 * 60 * 60


def make_token(subscriber, purpose):
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    return tokens.make_token(purpose, subscriber.pk, subscriber.email)


def read_token(token, purpose):
    """The subscriber a token names, or ``None`` for a forged, expired or stale token."""
    max_age = CONFIRM_MAX_AGE if purpose == CONFIRM else None
    return tokens.read_token(
        token, purpose, Subscriber.objects.all(), lambda subscriber: subscriber.email, max_age=max_age
    )
