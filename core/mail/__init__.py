"""One way to send a transactional mail: declare it, queue it, and core does the rest.

An app declares each kind of mail it sends (``MailKind``: a name, a template set, ``compose`` for
what the mail says to whom, ``record`` for keeping the outcome where editors see it) and
registers them when it is ready::

    # registrations/apps.py
    def ready(self):
        from core import mail
        from . import messages
        mail.register(*messages.MAILS)

and sends one with ``mail.queue("registrations.confirm", registration.pk)`` inside the
transaction that decided it. Core builds it in the recipient's language in the shared layout
(``layout``, ``messages``), sends it after the commit through the Tasks API and retries or
records a failure (``tasks``). The kwartaalupdate's bulk send has its own fast path
(``newsletter.delivery``) but the same layout and the same reading of SMTP errors.
"""

from .kinds import Mail, MailKind, Outcome, kinds, register
from .messages import build, message, render
from .tasks import Failure, failure, queue, send_transactional_mail

__all__ = [
    "Failure",
    "Mail",
    "MailKind",
    "Outcome",
    "build",
    "failure",
    "kinds",
    "message",
    "queue",
    "register",
    "render",
    "send_transactional_mail",
]
