"""The signed links in registration e-mails: confirm the registration, manage it, and cancel it.

The mails sent once a registration is confirmed carry one link, to the registrant's own page
(``MANAGE``: see what they entered, change it, cancel). ``CANCEL`` is what that page's button posts
to, and what mails sent before the page existed carry: those links keep working.

Made by the site's one token mechanism (``core.tokens``): the registration's id and a keyed
fingerprint of its address, signed with ``SECRET_KEY`` and a salt per purpose. So a link can't be
guessed or made for someone else, a confirmation link can't cancel (or the other way round), no
address can be read out of a link that ends up in a log or a forwarded mail, and every link dies
when the row is anonymised (its address changes) or deleted.

The tokens themselves don't expire: a pending registration's own deadline
(``Registration.confirm_deadline``) decides whether it can still be confirmed, so the page can say
"this link has expired, register again" instead of "this link does not work".
"""

from core import tokens

from .models import Registration

CONFIRM = "registrations.confirm"
CANCEL = "registrations.cancel"
MANAGE = "registrations.manage"
PURPOSES = (CONFIRM, CANCEL, MANAGE)


def _address(registration):
    return registration.email


def make_token(registration, purpose=CANCEL):
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    return tokens.make_token(purpose, registration.pk, registration.email)


def read_token(token, purpose=CANCEL):
    """The registration a token names, or ``None`` for a forged or stale token."""
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    queryset = Registration.objects.select_related("meeting")
    return tokens.read_token(token, purpose, queryset, _address)
