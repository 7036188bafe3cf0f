"""What an app declares about its mails, and the registry core reads it from.

An app says, per kind of mail (``MailKind``):

- ``name``: ``"<app label>.<what>"``, e.g. ``"registrations.confirm"``; the task carries it;
- ``template``: the template set, ``"registrations/email/confirm"`` for
  ``confirm_subject.txt``, ``confirm.txt`` and ``confirm.mjml`` (see ``core.mail.layout``);
- ``compose(key)``: what the mail says to whom, as a ``Mail``, for the object the app queued it
  for (``key``, usually a primary key). It runs when the mail goes out, not when it was queued,
  so it reads the object as it is then; it returns ``None`` when the mail has no reason to go
  out any more (the row is gone, anonymised, or the mail went out already);
- ``record(key, outcome)``, optional: keep the ``Outcome`` where editors see it (a ``mail_error``
  field in the admin). It is called after every try: sent (``outcome.error`` is empty: clear what
  a failed try wrote), failed for now (``retry_at`` says when it is tried again, or ``None`` when
  it is not), or refused for good (``permanent``).

Apps register their kinds when they are ready (``core.mail.register(*MAILS)`` in their
``AppConfig.ready``); core imports no app.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Mail:
    """One mail's recipient, language and context, as ``MailKind.compose`` returns it.

    ``attachments`` are ``(filename, content, mimetype)`` triples, as ``EmailMessage.attach``
    takes them. ``reply_to`` is an address (with a name, if wanted) or several.
    """

    to: str | Sequence[str]
    language: str
    context: dict = field(default_factory=dict)
    reply_to: str | Sequence[str] = ()
    attachments: Sequence[tuple] = ()


@dataclass(frozen=True)
class Outcome:
    """What happened to one try of a mail (see ``MailKind.record``)."""

    kind: str
    error: str = ""  # one line, for editors; empty when the mail went out
    permanent: bool = False  # the server refused it for good: it is not tried again
    retry_at: datetime | None = None  # when it is tried again, if it is

    @property
    def sent(self):
        return not self.error


@dataclass(frozen=True)
class MailKind:
    name: str
    template: str
    compose: Callable[[Any], Mail | None]
    record: Callable[[Any, Outcome], None] | None = None


class MailRegistry:
    """The kinds of mail the apps declared, by name."""

    def __init__(self):
        self.by_name = {}

    def register(self, *kinds):
        for kind in kinds:
            known = self.by_name.get(kind.name)
            if known is not None and known != kind:
                raise ImproperlyConfigured(f"Two kinds of mail are called {kind.name}.")
            self.by_name[kind.name] = kind

    def unregister(self, name):
        self.by_name.pop(name, None)

    def get(self, name):
        try:
            return self.by_name[name]
        except KeyError:
            known = ", ".join(sorted(self.by_name)) or "none"
            raise LookupError(f"No kind of mail is called {name!r}; known: {known}.") from None

    def __iter__(self):
        return iter(list(self.by_name.values()))


kinds = MailRegistry()
register = kinds.register
