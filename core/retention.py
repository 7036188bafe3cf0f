"""Personal data is kept only as long as it is needed: one purge for every app that holds any.

An app says *what* goes and *when*; this module does the rest, the same way for all of them. The
declaration is a ``RetentionPolicy``:

- ``rows``: where the data lives (``Registration.objects.all``), called afresh at every run;
- ``kept`` and ``counted_from``: how long it is kept (``Months("REGISTRATION_RETENTION_MONTHS")``
  or ``Days(...)``, read from the settings at every run) and from which date, which may sit across
  a relation (``"meeting__end"``). A policy without them says itself, in ``rows``, what is due
  (the registrations nobody confirmed in time: the model knows when a confirmation link expires);
- ``action``: ``Anonymise({...})`` blanks the fields that name a person and stamps
  ``anonymised_at``, so the row still counts (how many came, from which municipality) and is never
  touched again; ``Delete()`` removes the row.

Apps register their policies when they are ready (``register`` in their ``AppConfig.ready``); this
module imports no app. ``apply`` works through one policy a batch at a time, one UPDATE or DELETE
per batch, each committed on its own: a run that is stopped keeps what it did, and running again
only picks up what is left. ``manage.py purge_personal_data`` applies the policies by hand or from
cron; ``purge_personal_data_daily`` does so every day through the Tasks API (``core.recurring``).

Months are calendar months and days are calendar days, counted back in local time from the moment
the purge runs: with a retention of 12 months, a meeting that ended on 3 May 2024 at 16:00 is
anonymised by the first run after 3 May 2025 at 16:00. A date-only field (a search-log day) is
compared with the date of that moment.
"""

import calendar
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import DateTimeField, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.utils import timezone
from django_tasks import task

from .recurring import queue_next_run

logger = logging.getLogger(__name__)

INTERVAL = timedelta(days=1)
BATCH_SIZE = 500


# How long --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """How long rows are kept. ``amount`` is a setting's name, or a function returning the number
    (for a period derived from more than one setting); either is read at every run."""

    amount: str | Callable[[], int]
    unit = ""

    def count(self):
        return getattr(settings, self.amount) if isinstance(self.amount, str) else self.amount()

    def before(self, moment):
        """The moment ``count()`` units before ``moment`` (a local time, counted on the calendar)."""
        raise NotImplementedError

    def __str__(self):
        return f"{self.count()} {self.unit}"


class Months(Period):
    unit = "maanden"

    def before(self, moment):
        year, month = divmod(moment.year * 12 + moment.month - 1 - self.count(), 12)
        # 31 March less one month is the last day of February.
        day = min(moment.day, calendar.monthrange(year, month + 1)[1])
        return moment.replace(year=year, month=month + 1, day=day)


class Days(Period):
    unit = "dagen"

    def before(self, moment):
        return moment - timedelta(days=self.count())


# What happens -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Anonymise:
    """Give the fields that name a person a value that names nobody (``""``, or an expression where
    a constraint needs a unique value), and stamp the row so it is never picked up again."""

    values: Mapping[str, Any]
    stamp: str = "anonymised_at"
    to_do = "te anonimiseren"
    done = "geanonimiseerd"

    def not_done(self, rows):
        return rows.filter(**{self.stamp: None})

    def apply(self, batch, now):
        return batch.update(**self.values, **{self.stamp: now})


@dataclass(frozen=True)
class Delete:
    """Remove the rows: nothing of them is kept."""

    to_do = "te verwijderen"
    done = "verwijderd"

    def not_done(self, rows):
        return rows  # a deleted row is gone

    def apply(self, batch, now):
        _total, per_model = batch.delete()
        return per_model.get(batch.model._meta.label, 0)  # ``_meta`` is Django's documented model API


# The declaration --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionPolicy:
    """One kind of personal data and when it goes.

    ``name`` is ``"<app label>.<what>"``: ``--only`` takes the whole name or the app label.
    ``label`` is the Dutch plural the command prints ("aanmeldingen").
    """

    name: str
    label: str
    rows: Callable[[], QuerySet]
    action: Anonymise | Delete
    kept: Period | None = None
    counted_from: str | None = None
    batch_size: int = BATCH_SIZE

    def __post_init__(self):
        if (self.kept is None) != (self.counted_from is None):
            raise ImproperlyConfigured(f"{self.name}: give both kept and counted_from, or neither.")

    def cutoff(self, now):
        """Rows whose ``counted_from`` lies before this are due (None: ``rows`` says it itself)."""
        if self.kept is None:
            return None
        moment = self.kept.before(timezone.localtime(now))
        return moment if isinstance(self._date_field(), DateTimeField) else moment.date()

    def due(self, now):
        """The rows this policy would change at ``now``."""
        rows = self.action.not_done(self.rows())
        if self.kept is None:
            return rows
        return rows.filter(**{f"{self.counted_from}__lt": self.cutoff(now)})

    def _date_field(self):
        model = self.rows().model
        *relations, name = self.counted_from.split(LOOKUP_SEP)
        for relation in relations:
            model = model._meta.get_field(relation).related_model
        return model._meta.get_field(name)


def apply(policy, *, now=None, progress=None):
    """Apply ``policy`` in batches; returns how many rows it changed or deleted.

    Each batch is one UPDATE or DELETE of at most ``batch_size`` rows that are still due when it
    runs (a registration confirmed meanwhile is not deleted), committed on its own outside a
    transaction. ``progress(done)`` is called after every batch.
    """
    now = now or timezone.now()
    due = policy.due(now)
    done = 0
    while ids := list(due.order_by("pk").values_list("pk", flat=True)[: policy.batch_size]):
        done += policy.action.apply(due.filter(pk__in=ids), now)
        if progress:
            progress(done)
    return done


# The registry -----------------------------------------------------------------------------------


class PolicyRegistry:
    """The policies the apps registered, in the order they did (which is the order they run in)."""

    def __init__(self):
        self.by_name = {}

    def register(self, *policies):
        for policy in policies:
            known = self.by_name.get(policy.name)
            if known is not None and known is not policy:
                raise ImproperlyConfigured(f"Two retention policies are called {policy.name}.")
            self.by_name[policy.name] = policy

    def unregister(self, name):
        self.by_name.pop(name, None)

    def __iter__(self):
        return iter(list(self.by_name.values()))

    def select(self, only=()):
        """The policies whose name or app label is in ``only`` (all when it is empty).

        Raises ``LookupError`` naming what exists when a name matches nothing.
        """
        chosen = [policy for policy in self if not only or _is_named(policy, only)]
        unknown = [name for name in only if not any(_is_named(policy, [name]) for policy in self)]
        if unknown:
            known = ", ".join(self.by_name)
            raise LookupError(f"Onbekend: {', '.join(unknown)}. Wel bekend: {known}.")
        return chosen


def _is_named(policy, names):
    app_label = policy.name.split(".")[0]
    return any(name in (policy.name, app_label) for name in names)


policies = PolicyRegistry()
register = policies.register


# Every day --------------------------------------------------------------------------------------


class PurgeFailed(Exception):
    """One or more policies failed; the others were applied."""


@task()
def purge_personal_data_daily():
    """Queue tomorrow's run first (a failing run does not end the chain), then apply every policy.

    A policy that fails is logged and the others still run: one broken app must not keep the
    personal data of the rest. The run then fails, so the task's result shows it. Returns how many
    rows each policy changed.
    """
    queue_next_run(purge_personal_data_daily, INTERVAL)
    done, failed = {}, []
    for policy in policies:
        try:
            done[policy.name] = apply(policy)
        except Exception:
            logger.exception("Retention policy %s failed", policy.name)
            failed.append(policy.name)
    if failed:
        raise PurgeFailed(f"Mislukt: {', '.join(failed)}; wel gedaan: {done}")
    return done
