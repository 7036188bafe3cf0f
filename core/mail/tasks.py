"""Sending a transactional mail: after the commit, through the Tasks API, tried again when it may help.

``queue(kind, key)`` is how every app sends a mail. It queues ``send_transactional_mail`` only
when the transaction that decided the mail commits (``transaction.on_commit``): nobody is told
about a place, a subscription or a submission that a rollback took back, and a slow or dead mail
server never holds up a request or a lock (in production ``db_worker`` sends; the Immediate backend of
development and tests sends right after the commit).

When the server does not take the message, ``failure`` sorts out why, the same way for every mail
and for the kwartaalupdate's bulk send (``newsletter.delivery``):

- **temporary**: a 4xx answer, a dropped or refused connection, a timeout (every ``OSError``).
  The mail is tried again after ``FIRST_RETRY``, four times as long after each further failure,
  ``ATTEMPTS`` tries in all (about five and a half hours), when the task backend can wait
  (``supports_defer``: the database backend can, the Immediate backend cannot);
- **permanent**: a 5xx answer, or every recipient refused with a 5xx: the same message would be
  refused again, so it is not tried again.

Either way the kind's ``record`` gets the ``Outcome``, so the error shows in the admin until a
later try succeeds (which records a clean outcome). Errors are logged without the address.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .kinds import Outcome, kinds
from .messages import build, one_line

logger = logging.getLogger(__name__)

ATTEMPTS = 6
FIRST_RETRY = timedelta(minutes=1)
BACKOFF = 4  # each wait is this many times the one before: 1, 4, 16, 64 and 256 minutes
ERROR_LENGTH = 280


def retry_delay(attempt):
    """How long to wait after try number ``attempt`` (1, 2, ...) failed for now."""
    return FIRST_RETRY * BACKOFF ** (attempt - 1)


@dataclass(frozen=True)
class Failure:
    """Why the server did not take a message: its reply ``code`` (None without one), a line of
    ``text`` for people, and whether it is ``permanent``."""

    code: int | None
    text: str
    permanent: bool


def _text(value):
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def failure(error):
    """The ``Failure`` an ``OSError`` from sending stands for (smtplib's errors are OSErrors)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        refusals = list(error.recipients.values())
        code, reply = refusals[0]
        permanent = all(500 <= refused_code < 600 for refused_code, _reply in refusals)
        return Failure(code, one_line(f"{code} {_text(reply)}"), permanent)
    if isinstance(error, smtplib.SMTPResponseException):
        code = error.smtp_code
        return Failure(code, one_line(f"{code} {_text(error.smtp_error)}"), 500 <= code < 600)
    return Failure(None, one_line(f"{type(error).__name__}: {error}"), False)


def queue(kind, key):
    """Send the mail ``kind`` for ``key`` once the current transaction commits.

    ``kind`` must be registered (checked now, so a typo fails where it was made); ``key`` must be
    JSON (a primary key): the task may run in another process.
    """
    kinds.get(kind)
    transaction.on_commit(lambda: send_transactional_mail.enqueue(kind, key))


@task()
def send_transactional_mail(kind, key, attempt=1):
    """Build the mail ``kind`` for ``key`` now and send it; on failure record it and maybe retry."""
    mail_kind = kinds.get(kind)
    mail = mail_kind.compose(key)
    if mail is None:
        return "not needed"
    try:
        build(mail_kind.template, mail).send()
    except OSError as error:
        found = failure(error)
        retry_at = None
        if (
            not found.permanent
            and attempt < ATTEMPTS
            and send_transactional_mail.get_backend().supports_defer
        ):
            retry_at = timezone.now() + retry_delay(attempt)
            send_transactional_mail.using(run_after=retry_at).enqueue(kind, key, attempt + 1)
        logger.warning(
            "Mail %s for %s, try %d: %s (%s)",
            kind,
            key,
            attempt,
            found.text,
            "retried" if retry_at else "not retried",
        )
        outcome = Outcome(kind, error=found.text[:ERROR_LENGTH], permanent=found.permanent, retry_at=retry_at)
        _record(mail_kind, key, outcome)
        return "refused" if found.permanent else "failed"
    _record(mail_kind, key, Outcome(kind))
    return "sent"


def _record(mail_kind, key, outcome):
    if mail_kind.record is not None:
        mail_kind.record(key, outcome)
