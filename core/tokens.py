"""Signed links that name a person by an opaque id: one way for every app.

A link in a mail (confirm a subscription, manage it, cancel a registration) carries a token. The
token is ``[row id, fingerprint]`` signed with ``SECRET_KEY`` and a salt per purpose:

- **Opaque.** Links end up in access logs, proxies and forwarded mails, so the token carries no
  address: only the row's id and a keyed hash (``salted_hmac``) of the row's secret part (its
  e-mail address). Nobody can read the address back out of it.
- **Bound to the person.** The fingerprint is checked against the row on every use, so a row that
  is anonymised or re-created for another address gets no old links.
- **One purpose each.** A confirmation token can't be used to unsubscribe, or the other way round.

``make_token(purpose, pk, secret)`` and ``read_token(token, purpose, queryset, secret_of)``; an app
wraps them in its own ``tokens.py`` with its purposes.
"""

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

FINGERPRINT_LENGTH = 20


def fingerprint(purpose, secret):
    return salted_hmac(purpose, secret.strip().lower(), algorithm="sha256").hexdigest()[:FINGERPRINT_LENGTH]


def make_token(purpose, pk, secret):
    return signing.dumps([pk, fingerprint(purpose, secret)], salt=purpose)


def read_token(token, purpose, queryset, secret_of, max_age=None):
    """The row of ``queryset`` a token names, or ``None`` for a forged, expired or stale token.

    ``secret_of(row)`` gives the secret part the token was made with (usually the address).
    """
    try:
        pk, mark = signing.loads(token, salt=purpose, max_age=max_age)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(pk, int) or not isinstance(mark, str):
        return None
    row = queryset.filter(pk=pk).first()
    if row is None or not constant_time_compare(fingerprint(purpose, secret_of(row) or ""), mark):
        return None
    return row
