"""Sending an issue so that a crash, a kill or a dead SMTP server loses nobody and doubles nobody.

The state lives in the database, never in a worker:

1. ``start_send`` writes the ``IssueSend`` and one ``Delivery`` row per confirmed subscriber of
   the issue's language in one transaction, before anything is sent. Calling it again only adds
   the rows that are missing (the unique constraint plus ``ignore_conflicts``).
2. ``send_batch`` claims up to ``batch_size`` pending rows whose ``retry_after`` has passed
   (``claimed_by`` is a token for this batch, ``claimed_at`` its time), opens one SMTP
   connection, and marks each row ``sent`` in its own commit right after the server accepted the
   message. So a hard kill loses at most the message in flight: it may arrive twice, never zero
   times. Rows the dead worker still held are taken over once their claim is older than
   ``NEWSLETTER_CLAIM_TIMEOUT``; a worker that stops normally (Ctrl+C, pause, an exception)
   releases them at once. A live worker renews its claim while it sends (a slow server or a busy
   machine must not make it look dead), and never sends a row another worker has taken over.
3. A temporary failure (4xx, a dropped or refused connection) puts the row back with
   ``retry_after`` doubling per attempt, up to ``NEWSLETTER_MAX_ATTEMPTS``; a refused mailbox (5xx)
   fails the row and counts a bounce. A subscriber who unsubscribed after the rows were made is
   skipped, never mailed. Pause, cancel and unsubscribes are read between messages, at most every
   half second (one query, not one per message: it was a fifth of the time per message).
4. When no row is pending the send is ``done`` and the issue gets ``sent_at`` (the archive lists it).
5. After a cancel or a failure, ``send_to_rest`` puts the rows of those never reached back to
   ``pending``; ``send_to_newcomers`` adds rows for those who subscribed since. The unique
   (send, subscriber) row is what keeps anyone from getting the issue twice.

When sending starts, the web version is stored as it went out (``newsletter.snapshot``).

Marking a row sent is the one write per message. On PostgreSQL the batch's connection commits
those writes with ``synchronous_commit`` off: the commit returns once PostgreSQL has the change in
memory, without waiting for its disk. A killed *worker* loses nothing that way (PostgreSQL already
has the commit); only a crash of the database server itself may forget the last fraction of a
second of acknowledgements, whose messages are then sent again: a duplicate, never a miss.

PostgreSQL claims with ``SELECT ... FOR UPDATE SKIP LOCKED`` so that workers share a send without
waiting for each other. SQLite has no row locks; there the claim is one short write transaction,
and the ``UPDATE`` re-checks that each row is still free, so two workers never hold the same row.
"""

import contextlib
import dataclasses
import functools
import logging
import os
import smtplib
import socket
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import models, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from core.caching import bump_content_version
from core.mail import failure

from .messages import IssueMail, send_prepared
from .models import Delivery, EditorTestAddresses, IssueSend, NewsletterIssuePage, Subscriber
from .rendering import render_issue
from .snapshot import take_snapshot

CHUNK_SIZE = 1000
logger = logging.getLogger(__name__)
ERROR_LENGTH = Delivery._meta.get_field("last_error").max_length

SKIPPED_UNSUBSCRIBED = "Niet verstuurd: afgemeld nadat de verzending was aangemaakt."
SKIPPED_CANCELLED = "Niet verstuurd: de verzending is geannuleerd."


class SendClosed(Exception):
    """The send is done or cancelled: it mails nobody any more."""


class NotReady(Exception):
    """The issue names something a reader could not open: a draft, a private page, a page of the
    other language (``NewsletterIssuePage.problems``). Nothing is sent until an editor fixes it."""

    def __init__(self, problems):
        super().__init__(" ".join(problems))
        self.problems = problems


def check_ready(issue):
    """Raise ``NotReady`` unless every item of ``issue`` is a live, public page of its language.

    Every way of sending (the admin, ``send_issue``, "send to the rest", "to newcomers") asks
    here first: a reader must never get a link to a page they cannot see.
    """
    problems = issue.problems()
    if problems:
        raise NotReady(problems)


# Starting -----------------------------------------------------------------------------------------


def recipients(issue, segment=None):
    """Who gets ``issue``: the confirmed subscribers of its language, in ``segment`` if given.

    ``segment`` is ``{"municipalities": [pk, ...], "themes": [pk, ...]}``: a subscriber is in it
    when they work for one of the municipalities (if any are named) and follow one of the themes
    (if any are named). Empty lists, or no segment, mean the whole list.
    """
    chosen = Subscriber.objects.recipients(issue.locale.language_code)
    segment = segment or {}
    if segment.get("municipalities"):
        chosen = chosen.filter(municipality__in=segment["municipalities"])
    if segment.get("themes"):
        # A subquery rather than a join: a subscriber who follows two of the themes counts once.
        follows = Subscriber.themes.through.objects.filter(themepage_id__in=segment["themes"])
        chosen = chosen.filter(pk__in=follows.values("subscriber_id"))
    return chosen


def start_send(issue, send_after=None, subscribers=None, segment=None):
    """The issue's send with a row for every recipient, created (or completed) before any mail.

    Idempotent: a second call adds rows only for subscribers who have none yet, and a new
    ``send_after`` moves a send that has not started. A done or cancelled send is left alone
    (``SendClosed``): confirming later does not get anyone an old issue.

    ``segment`` (kept on the send, see ``recipients``) sends to part of the list; it counts only
    when the send is made. ``subscribers`` narrows the recipients to a queryset of them:
    ``seed_demo`` passes none at all, so its issue is recorded as sent, through the same rows and
    states, without mailing anybody.
    """
    check_ready(issue)
    now = timezone.now()
    with transaction.atomic():
        send, created = IssueSend.objects.select_for_update().get_or_create(
            issue=issue, defaults={"send_after": send_after, "segment": _clean_segment(segment)}
        )
        if not send.is_open:
            raise SendClosed(send.get_status_display())
        if created or (send_after is not None and send.status == IssueSend.Status.SCHEDULED):
            send.send_after = send_after
            send.status = (
                IssueSend.Status.SCHEDULED
                if send_after is not None and send_after > now
                else IssueSend.Status.SENDING
            )
            send.save(update_fields=["send_after", "status"])
        chosen = recipients(issue, send.segment)
        if subscribers is not None:
            chosen = chosen & subscribers
        _add_rows(send, chosen)
    return send


def _clean_segment(segment):
    """Only the two known keys, each a sorted list of ids; ``{}`` for the whole list."""
    cleaned = {}
    for key in ("municipalities", "themes"):
        ids = sorted({int(pk) for pk in (segment or {}).get(key) or []})
        if ids:
            cleaned[key] = ids
    return cleaned


def _add_rows(send, subscribers):
    """A pending row for each of ``subscribers`` who has none in ``send`` yet; returns how many."""
    subscriber_ids = subscribers.order_by("pk").values_list("pk", flat=True)
    added = 0
    chunk = []
    for subscriber_id in subscriber_ids.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(Delivery(send=send, subscriber_id=subscriber_id))
        if len(chunk) == CHUNK_SIZE:
            added += _create_missing(chunk)
            chunk = []
    if chunk:
        added += _create_missing(chunk)
    return added


def _create_missing(rows):
    existing = set(
        Delivery.objects.filter(
            send=rows[0].send, subscriber_id__in=[row.subscriber_id for row in rows]
        ).values_list("subscriber_id", flat=True)
    )
    # ignore_conflicts still: a second start at the same moment must not fail on the constraint.
    Delivery.objects.bulk_create(
        [row for row in rows if row.subscriber_id not in existing], ignore_conflicts=True
    )
    return len(rows) - len(existing)


# Sending again: to the rest, to newcomers ---------------------------------------------------------


def _rest(send):
    """Rows of those the send never reached and may still reach: skipped by a cancel, or failed,
    and still subscribed. Rows skipped because someone unsubscribed stay skipped."""
    return send.deliveries.filter(
        Q(status=Delivery.Status.SKIPPED, last_error=SKIPPED_CANCELLED) | Q(status=Delivery.Status.FAILED),
        subscriber__status=Subscriber.Status.CONFIRMED,
    )


def rest_count(send):
    """How many ``send_to_rest`` would reach (0 while the send is still open)."""
    if send.is_open:
        return 0
    return _rest(send).count()


def newcomers(send):
    """Recipients of the send's issue and segment who have no row yet: they subscribed (or
    confirmed) since the send was made."""
    return recipients(send.issue, send.segment).exclude(
        pk__in=Delivery.objects.filter(send=send).values("subscriber_id")
    )


def _reopen(send):
    IssueSend.objects.filter(pk=send.pk).update(status=IssueSend.Status.SENDING, finished_at=None)
    send.refresh_from_db()


def send_to_rest(send):
    """Send to those not reached after a cancel or a failure; returns how many rows went back.

    Only a finished or cancelled send (an open one is still on its way: pause or resume it).
    Sent rows stay sent, so nobody gets the issue twice.
    """
    check_ready(send.issue.specific)
    with transaction.atomic():
        send = IssueSend.objects.select_for_update().get(pk=send.pk)
        if send.is_open:
            raise SendClosed(send.get_status_display())
        changed = _rest(send).update(
            status=Delivery.Status.PENDING,
            attempts=0,
            retry_after=None,
            last_error="",
            claimed_by="",
            claimed_at=None,
        )
        if changed:
            _reopen(send)
    return changed


def send_to_newcomers(send):
    """Send a finished send's issue also to those who subscribed since; returns how many.

    Only after the send is done (a cancelled send first goes to the rest, or stays cancelled).
    """
    check_ready(send.issue.specific)
    with transaction.atomic():
        send = IssueSend.objects.select_for_update().select_related("issue").get(pk=send.pk)
        if send.status != IssueSend.Status.DONE:
            raise SendClosed(send.get_status_display())
        added = _add_rows(send, newcomers(send))
        if added:
            _reopen(send)
    return added


# State of a send ----------------------------------------------------------------------------------


def counts(send):
    """``{"pending", "sent", "failed", "skipped", "total"}`` for the progress view and command."""
    found = dict(send.deliveries.values_list("status").annotate(n=Count("pk")).order_by())
    result = {status: found.get(status, 0) for status in Delivery.Status.values}
    result["total"] = sum(found.values())
    return result


def pause(send):
    """Stop after the message in flight; ``resume`` goes on where it stopped."""
    return IssueSend.objects.filter(
        pk=send.pk, status__in=[IssueSend.Status.SENDING, IssueSend.Status.SCHEDULED]
    ).update(status=IssueSend.Status.PAUSED)


def resume(send):
    """Let a paused send go on (or start, when its moment has come)."""
    return IssueSend.objects.filter(pk=send.pk, status=IssueSend.Status.PAUSED).update(
        status=IssueSend.Status.SENDING
    )


def cancel(send):
    """Stop for good: every row not yet sent is skipped with a reason. Sent mail stays sent."""
    with transaction.atomic():
        changed = IssueSend.objects.filter(
            pk=send.pk,
            status__in=[IssueSend.Status.SCHEDULED, IssueSend.Status.SENDING, IssueSend.Status.PAUSED],
        ).update(status=IssueSend.Status.CANCELLED, finished_at=timezone.now())
        if changed:
            send.deliveries.filter(status=Delivery.Status.PENDING).update(
                status=Delivery.Status.SKIPPED, last_error=SKIPPED_CANCELLED, claimed_by="", claimed_at=None
            )
    return changed


def _finish(send):
    """Done when nothing is pending; then the issue counts as sent (the archive shows it)."""
    if send.deliveries.filter(status=Delivery.Status.PENDING).exists():
        return False
    now = timezone.now()
    with transaction.atomic():
        changed = IssueSend.objects.filter(pk=send.pk, status=IssueSend.Status.SENDING).update(
            status=IssueSend.Status.DONE, finished_at=now
        )
        if changed:
            NewsletterIssuePage.objects.filter(pk=send.issue_id, sent_at=None).update(sent_at=now)
            bump_content_version()
    send.refresh_from_db()
    return True


def next_wake(send):
    """When a row now waiting (a retry, a dead worker's claim) can be tried again, or ``None``."""
    pending = send.deliveries.filter(status=Delivery.Status.PENDING)
    times = []
    retry = pending.exclude(retry_after=None).aggregate(first=models.Min("retry_after"))["first"]
    if retry:
        times.append(retry)
    claim = pending.exclude(claimed_at=None).aggregate(first=models.Min("claimed_at"))["first"]
    if claim:
        times.append(claim + timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT))
    if send.status == IssueSend.Status.SCHEDULED and send.send_after:
        times.append(send.send_after)
    return min(times) if times else None


# Sending ------------------------------------------------------------------------------------------

_mail_cache = {}


def issue_mail(send):
    """The issue's mail, rendered once per send and published revision in this process."""
    issue = send.issue
    # created_at too: a test database (or a restored backup) may hand out a send's id again.
    key = (send.pk, send.created_at, issue.live_revision_id, issue.last_published_at)
    mail = _mail_cache.get(key)
    if mail is None:
        if len(_mail_cache) > 8:
            _mail_cache.clear()
        mail = _mail_cache[key] = IssueMail(issue, render_issue(issue))
    return mail


@dataclasses.dataclass
class BatchResult:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    lost: int = 0  # rows another worker took over while this one stalled
    stopped: str = ""  # why the batch ended early: "paused", "cancelled", "connection"


class RateLimit:
    """At most ``rate`` messages per second (0: no limit), spread evenly over the batch."""

    def __init__(self, rate):
        self.interval = 1 / rate if rate and rate > 0 else 0
        self.next_at = time.monotonic()

    def wait(self):
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(self.next_at, now) + self.interval


def _claimable(send, now):
    stale = now - timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT)
    return Delivery.objects.filter(send=send, status=Delivery.Status.PENDING).filter(
        Q(retry_after=None) | Q(retry_after__lte=now),
        Q(claimed_at=None) | Q(claimed_at__lt=stale),
    )


def claim(send, batch_size):
    """Take up to ``batch_size`` free pending rows for this batch; returns them with their subscriber."""
    now = timezone.now()
    token = f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"
    with transaction.atomic():
        free = _claimable(send, now).order_by("pk")
        if db_connection.features.has_select_for_update_skip_locked:
            free = free.select_for_update(skip_locked=True)
        ids = list(free.values_list("pk", flat=True)[:batch_size])
        if not ids:
            return token, []
        # Filtered again: on SQLite another worker may have claimed a row since the SELECT.
        _claimable(send, now).filter(pk__in=ids).update(claimed_by=token, claimed_at=now)
    rows = list(
        Delivery.objects.filter(claimed_by=token)
        .select_related("subscriber")
        .prefetch_related("subscriber__themes")
        .order_by("pk")
    )
    return token, rows


def _release(token, **changes):
    Delivery.objects.filter(claimed_by=token).update(claimed_by="", claimed_at=None, **changes)


def _error_text(exc):
    # Read the way every mail of the site reads SMTP errors (``core.mail.failure``).
    return failure(exc).text[:ERROR_LENGTH]


@functools.cache
def _mark_sent_sql(vendor):
    """The UPDATE ``_mark_sent`` runs, built once from the model's table and column names."""
    quote = db_connection.ops.quote_name
    column = {field.name: quote(field.column) for field in Delivery._meta.concrete_fields}
    return (
        f"UPDATE {quote(Delivery._meta.db_table)} SET {column['status']} = %s, {column['sent_at']} = %s, "
        f"{column['message_id']} = %s, {column['attempts']} = {column['attempts']} + 1, "
        f"{column['last_error']} = '', {column['claimed_by']} = '', {column['claimed_at']} = NULL "
        f"WHERE {column['id']} = %s"
    )


def _mark_sent(row, message_id):
    """Row sent, committed at once. Written as SQL: this runs once per message, and compiling the
    same ``QuerySet.update`` every time took a tenth of a send's time."""
    sent_at = db_connection.ops.adapt_datetimefield_value(timezone.now())
    with db_connection.cursor() as cursor:
        cursor.execute(
            _mark_sent_sql(db_connection.vendor), [Delivery.Status.SENT, sent_at, message_id, row.pk]
        )


def _mark_temporary(row, error):
    """Back off (doubling from ``NEWSLETTER_RETRY_DELAY``) or give up after the last attempt."""
    attempts = row.attempts + 1
    if attempts >= settings.NEWSLETTER_MAX_ATTEMPTS:
        changes = {"status": Delivery.Status.FAILED, "retry_after": None}
    else:
        delay = settings.NEWSLETTER_RETRY_DELAY * 2 ** (attempts - 1)
        changes = {"retry_after": timezone.now() + timedelta(seconds=delay)}
    Delivery.objects.filter(pk=row.pk).update(
        attempts=attempts, last_error=error[:ERROR_LENGTH], claimed_by="", claimed_at=None, **changes
    )
    return changes.get("status") == Delivery.Status.FAILED


def _mark_permanent(row, error, bounce):
    """The server refused for good: the row failed; a refused mailbox counts as a bounce."""
    with transaction.atomic():
        Delivery.objects.filter(pk=row.pk).update(
            status=Delivery.Status.FAILED,
            attempts=F("attempts") + 1,
            last_error=error[:ERROR_LENGTH],
            retry_after=None,
            claimed_by="",
            claimed_at=None,
        )
        if bounce:
            Subscriber.objects.filter(pk=row.subscriber_id).update(bounce_count=F("bounce_count") + 1)
            Subscriber.objects.filter(
                pk=row.subscriber_id,
                status=Subscriber.Status.CONFIRMED,
                bounce_count__gte=settings.NEWSLETTER_BOUNCE_LIMIT,
            ).update(status=Subscriber.Status.BOUNCED)


STATE_CHECK_SECONDS = 0.5


class StateWatch:
    """Pause, cancel, unsubscribes and the claim itself, checked between messages, at most every
    half second (more often when the claim timeout is short).

    Each check is one query per question, not one per message: the send's status, which of the
    batch's subscribers are no longer confirmed, and a renewal of the batch's claim. When the
    renewal touches fewer rows than the batch still has to send, another worker took some over
    (this one stalled for longer than the claim timeout); ``held`` then says which are still ours.
    A check is also made before the first message of every batch.
    """

    def __init__(self, send, token, rows):
        self.send = send
        self.token = token
        self.subscriber_ids = [row.subscriber_id for row in rows]
        self.interval = min(STATE_CHECK_SECONDS, settings.NEWSLETTER_CLAIM_TIMEOUT / 4)
        self.checked_at = None
        self.status = send.status
        self.leaving = set()
        self.held = None  # None: every row not yet sent is still ours

    def check(self, unsent):
        """``unsent`` is how many of the batch's rows are not yet sent, skipped or given back."""
        now = time.monotonic()
        if self.checked_at is not None and now - self.checked_at < self.interval:
            return
        self.checked_at = now
        self.status = IssueSend.objects.filter(pk=self.send.pk).values_list("status", flat=True).get()
        self.leaving = set(
            Subscriber.objects.filter(pk__in=self.subscriber_ids)
            .exclude(status=Subscriber.Status.CONFIRMED)
            .values_list("pk", flat=True)
        )
        ours = Delivery.objects.filter(claimed_by=self.token, status=Delivery.Status.PENDING)
        if ours.update(claimed_at=timezone.now()) < unsent:
            self.held = set(ours.values_list("pk", flat=True))

    def lost(self, row):
        return self.held is not None and row.pk not in self.held


def _start_if_due(send):
    """A scheduled send becomes a sending one once its moment has come."""
    if send.status == IssueSend.Status.SCHEDULED and (
        send.send_after is None or send.send_after <= timezone.now()
    ):
        IssueSend.objects.filter(pk=send.pk, status=IssueSend.Status.SCHEDULED).update(
            status=IssueSend.Status.SENDING
        )
        send.refresh_from_db()
    if send.status == IssueSend.Status.SENDING and send.started_at is None:
        if IssueSend.objects.filter(pk=send.pk, started_at=None).update(started_at=timezone.now()):
            # The first worker to start keeps the web version as it goes out. Without it the
            # archive shows the issue live, as before: no reason to hold up the mail.
            try:
                take_snapshot(send)
            except Exception:
                logger.exception("No snapshot of the send %s.", send.pk)
        send.refresh_from_db()


@contextlib.contextmanager
def fast_acknowledgements():
    """Within the block, this connection's commits on PostgreSQL don't wait for the disk.

    Safe for the crash guarantee because a commit has reached PostgreSQL when it returns; see the
    module's docstring. Reset afterwards: the connection may be reused for other work.
    """
    if db_connection.vendor != "postgresql":
        yield
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with contextlib.suppress(Exception), db_connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def send_batch(send, batch_size=None, rate=None):
    """Claim and send one batch over one SMTP connection. Returns a ``BatchResult``.

    Must run outside a transaction: every row is committed on its own, right after the server took
    its message, so whatever happens to this process the database says what went out.
    """
    result = BatchResult()
    send.refresh_from_db()
    _start_if_due(send)
    if send.status != IssueSend.Status.SENDING:
        result.stopped = send.status
        return result
    token, rows = claim(send, batch_size or settings.NEWSLETTER_BATCH_SIZE)
    result.claimed = len(rows)
    if not rows:
        _finish(send)
        return result
    try:
        mail = issue_mail(send)
        smtp = get_connection(fail_silently=False)
        try:
            smtp.open()
        except (OSError, smtplib.SMTPException) as exc:
            # Nobody's fault but the server's: no attempt is counted, the whole batch waits.
            _release(
                token,
                retry_after=timezone.now() + timedelta(seconds=settings.NEWSLETTER_RETRY_DELAY),
                last_error=f"SMTP-server onbereikbaar: {_error_text(exc)}"[:ERROR_LENGTH],
            )
            result.retried = len(rows)
            result.stopped = "connection"
            return result
        limit = RateLimit(settings.NEWSLETTER_SEND_RATE if rate is None else rate)
        try:
            with fast_acknowledgements():
                watch = StateWatch(send, token, rows)
                for position, row in enumerate(rows):
                    watch.check(unsent=len(rows) - position)
                    if watch.status != IssueSend.Status.SENDING:
                        result.stopped = watch.status
                        break
                    if watch.lost(row):
                        result.lost += 1
                        continue
                    if row.subscriber_id in watch.leaving:
                        Delivery.objects.filter(pk=row.pk).update(
                            status=Delivery.Status.SKIPPED,
                            last_error=SKIPPED_UNSUBSCRIBED,
                            claimed_by="",
                            claimed_at=None,
                        )
                        result.skipped += 1
                        continue
                    message = mail.message_for(row.subscriber)
                    limit.wait()
                    try:
                        send_prepared(smtp, message)
                    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as exc:
                        # The server answered (and reset the transaction): the connection goes on.
                        # SMTPServerDisconnected is neither; note smtplib's errors are all OSErrors.
                        refused = failure(exc)
                        if refused.permanent:
                            _mark_permanent(
                                row, refused.text, bounce=isinstance(exc, smtplib.SMTPRecipientsRefused)
                            )
                            result.failed += 1
                        elif _mark_temporary(row, refused.text):
                            result.failed += 1
                        else:
                            result.retried += 1
                        continue
                    except OSError as exc:
                        # Disconnected, reset, timed out: this row is retried, the rest go back to the pool.
                        if _mark_temporary(row, _error_text(exc)):
                            result.failed += 1
                        else:
                            result.retried += 1
                        result.stopped = "connection"
                        break
                    _mark_sent(row, message.message_id)
                    result.sent += 1
        finally:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                smtp.close()
    finally:
        # Rows not reached (pause, cancel, a dropped connection, Ctrl+C) are free again at once.
        _release(token)
    if not result.stopped:
        _finish(send)
    return result


@dataclasses.dataclass
class RunResult:
    status: str
    wake_at: object = None  # a datetime when rows wait for a retry or a claim to expire
    sent: int = 0


def run_send(send, batch_size=None, on_batch=None):
    """Send batches until the send is done, paused or cancelled, or every pending row is waiting.

    ``on_batch(send, result)`` is called after each batch (the command prints progress with it).
    """
    total = 0
    while True:
        result = send_batch(send, batch_size)
        total += result.sent
        if on_batch:
            on_batch(send, result)
        send.refresh_from_db()
        if send.status != IssueSend.Status.SENDING:
            return RunResult(status=send.status, wake_at=next_wake(send), sent=total)
        if result.stopped == "connection" or not result.claimed:
            return RunResult(status=send.status, wake_at=next_wake(send), sent=total)


# Test mails ---------------------------------------------------------------------------------------


def send_test_mails(addresses, build_message):
    """One message per address over one connection: test readers never see each other's address.

    ``build_message(address)`` makes the message for one address. Returns how many went out.
    """
    connection = get_connection(fail_silently=False)
    with connection:
        return sum(connection.send_messages([build_message(address)]) or 0 for address in addresses)


def remembered_test_addresses(user):
    """The addresses ``user`` last sent a test mail to, as one line, or ``""``."""
    found = EditorTestAddresses.objects.filter(user=user).values_list("addresses", flat=True).first()
    return found or ""


def remember_test_addresses(user, addresses):
    """Keep ``addresses`` as the ones the test-mail form offers ``user`` next time."""
    EditorTestAddresses.objects.update_or_create(user=user, defaults={"addresses": ", ".join(addresses)})
