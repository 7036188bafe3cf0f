"""The signed link in every registration e-mail with which the registrant cancels.

The token is the registration's id and address, signed with ``SECRET_KEY`` and a salt of its own,
so it can't be guessed, can't be made for someone else, and dies when the row is anonymised.
"""

from django.core import signing

from .models import Registration

CANCEL = "registrations.cancel"


def make_token(registration):
    return signing.dumps({"id": registration.pk, "email": registration.email}, salt=CANCEL, compress=True)


def read_token(token):
    """The registration a token names, or ``None`` for a forged or stale token."""
    try:
        data = signing.loads(token, salt=CANCEL)
    except signing.BadSignature:
        return None
    return Registration.objects.filter(pk=data.get("id"), email=data.get("email")).first()
