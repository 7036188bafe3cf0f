"""Sending an issue through a real SMTP server (aiosmtpd on loopback): who gets it, and how often.

No SMTP is mocked: ``tests.smtp_sink.SmtpSink`` answers 250, 451 or 550 like a mail server would,
and can be taken down. "Time passes" is written as moving ``retry_after`` into the past, which is
exactly what the clock would do.
"""

import datetime
import email.utils

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from newsletter import delivery as delivery_module
from newsletter.delivery import (
    SKIPPED_UNSUBSCRIBED,
    SendClosed,
    cancel,
    counts,
    pause,
    resume,
    run_send,
    send_batch,
    start_send,
)
from newsletter.messages import send_prepared as real_send_prepared
from newsletter.models import Delivery, IssueSend, Subscriber
from newsletter.rendering import render_issue
from newsletter.tasks import send_issue_task
from tests.factories.newsletter import SubscriberFactory
from tests.smtp_sink import SmtpSink

BASE_URL = "https://www.leefbaarheid.example"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _https_site():
    with override_settings(BASE_URL=BASE_URL, NEWSLETTER_SEND_RATE=0, NEWSLETTER_RETRY_DELAY=60):
        yield


@pytest.fixture
def sink():
    with SmtpSink() as running, running.settings_override():
        yield running


def time_passes():
    Delivery.objects.exclude(retry_after=None).update(
        retry_after=timezone.now() - datetime.timedelta(seconds=1)
    )


def statuses(send):
    return dict(Delivery.objects.filter(send=send).values_list("subscriber__email", "status"))


def test_every_confirmed_subscriber_of_the_language_gets_exactly_one_message(issue, sink):
    dutch = SubscriberFactory.create_batch(7)
    SubscriberFactory(language="en")
    SubscriberFactory(status=Subscriber.Status.PENDING)
    SubscriberFactory(status=Subscriber.Status.UNSUBSCRIBED)
    SubscriberFactory(status=Subscriber.Status.BOUNCED)

    send = start_send(issue)
    outcome = run_send(send, batch_size=3)

    assert outcome.status == IssueSend.Status.DONE
    assert sorted(sink.recipients()) == sorted(s.email for s in dutch)
    assert counts(send) == {"pending": 0, "sent": 7, "failed": 0, "skipped": 0, "total": 7}
    issue.refresh_from_db()
    assert issue.sent_at is not None
    for delivery in Delivery.objects.filter(send=send):
        assert abs((timezone.now() - delivery.sent_at).total_seconds()) < 60
        assert (delivery.attempts, delivery.claimed_by, delivery.claimed_at) == (1, "", None)
        assert delivery.last_error == ""
        assert (
            delivery.message_id
            == f"<kwartaalupdate-{issue.pk}-{delivery.subscriber_id}@www.leefbaarheid.example>"
        )


def test_the_message_has_both_parts_personal_links_and_the_list_headers(issue, sink, tree):
    subscriber = SubscriberFactory(name="Anna de Boer")
    subscriber.themes.set([tree.themes["eenzaamheid"]])
    other = SubscriberFactory()
    send = start_send(issue)

    send_batch(send)
    [message] = sink.messages_to(subscriber.email)
    assert message["Subject"] == "Kwartaalupdate herfst"
    assert message["To"] == f"Anna de Boer <{subscriber.email}>"
    unsubscribe = message["List-Unsubscribe"].strip()  # a long header may be folded
    assert unsubscribe.startswith(f"<{BASE_URL}/") and unsubscribe.endswith(">")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Id"].endswith("<kwartaalupdate-nl.www.leefbaarheid.example>")
    assert message["Message-ID"] == Delivery.objects.get(send=send, subscriber=subscriber).message_id
    date = email.utils.parsedate_to_datetime(message["Date"])
    assert abs((timezone.now() - date).total_seconds()) < 60
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for part in (text, html):
        assert "Methode Samen Eten" in part
        assert "%%" not in part  # every placeholder was filled in
        assert BASE_URL + "/" in part
    # The one-click URL is the subscriber's own, and differs from the visible unsubscribe link.
    assert sink.messages_to(other.email)[0]["List-Unsubscribe"].strip() != unsubscribe


def test_the_issue_is_rendered_once_per_send_not_per_recipient(issue, sink, monkeypatch):
    SubscriberFactory.create_batch(5)
    calls = []
    monkeypatch.setattr(
        "newsletter.delivery.render_issue", lambda page: calls.append(page) or render_issue(page)
    )

    run_send(start_send(issue), batch_size=2)

    assert len(sink.messages) == 5
    assert len(calls) == 1


def test_start_send_is_idempotent_and_adds_only_missing_rows(issue, sink):
    first = SubscriberFactory.create_batch(3)
    send = start_send(issue)
    assert start_send(issue).pk == send.pk
    assert Delivery.objects.filter(send=send).count() == 3

    send_batch(send, batch_size=2)
    late = SubscriberFactory()
    start_send(issue)
    run_send(send)

    assert Delivery.objects.filter(send=send).count() == 4
    assert sorted(sink.recipients()) == sorted([s.email for s in first] + [late.email])
    with pytest.raises(SendClosed):
        start_send(issue)  # done: nobody who confirms later gets the old issue


def test_rows_exist_before_anything_is_sent(issue):
    SubscriberFactory.create_batch(4)

    send = start_send(issue)

    assert counts(send)["pending"] == 4
    assert mail.outbox == []
    assert not Delivery.objects.filter(send=send).exclude(status=Delivery.Status.PENDING).exists()


def test_a_temporary_refusal_is_retried_later_and_then_delivered(issue, sink):
    busy, fine = SubscriberFactory.create_batch(2)
    sink.refuse_temporarily.add(busy.email)
    sink.temporary_failures = 1
    send = start_send(issue)

    outcome = run_send(send)

    assert sink.recipients() == [fine.email]
    row = Delivery.objects.get(send=send, subscriber=busy)
    assert (row.status, row.attempts) == (Delivery.Status.PENDING, 1)
    assert row.retry_after > timezone.now() + datetime.timedelta(seconds=50)
    assert row.last_error.startswith("451")
    assert outcome.status == IssueSend.Status.SENDING
    assert outcome.wake_at == row.retry_after

    run_send(send)  # too early: nothing happens
    assert sink.recipients() == [fine.email]

    time_passes()
    outcome = run_send(send)

    assert sorted(sink.recipients()) == sorted([busy.email, fine.email])
    assert outcome.status == IssueSend.Status.DONE
    assert Delivery.objects.get(send=send, subscriber=busy).attempts == 2


@override_settings(NEWSLETTER_MAX_ATTEMPTS=3)
def test_the_wait_doubles_and_a_recipient_is_given_up_after_the_last_attempt(issue, sink):
    busy = SubscriberFactory()
    sink.refuse_temporarily.add(busy.email)
    send = start_send(issue)
    waits = []
    for _attempt in range(3):
        before = timezone.now()
        run_send(send)
        row = Delivery.objects.get(send=send)
        if row.retry_after:
            waits.append(round((row.retry_after - before).total_seconds()))
        time_passes()

    row = Delivery.objects.get(send=send)
    assert waits == [60, 120]
    assert (row.status, row.attempts) == (Delivery.Status.FAILED, 3)
    assert sink.recipients() == []
    send.refresh_from_db()
    assert send.status == IssueSend.Status.DONE
    assert Subscriber.objects.get(pk=busy.pk).bounce_count == 0  # busy is not gone


@override_settings(NEWSLETTER_BOUNCE_LIMIT=2)
def test_a_refused_mailbox_fails_at_once_and_counts_a_bounce(issue, sink):
    gone, fine = SubscriberFactory.create_batch(2)
    Subscriber.objects.filter(pk=gone.pk).update(bounce_count=1)
    sink.refuse_permanently.add(gone.email)
    send = start_send(issue)

    run_send(send)

    row = Delivery.objects.get(send=send, subscriber=gone)
    assert (row.status, row.attempts) == (Delivery.Status.FAILED, 1)
    assert row.last_error.startswith("550")
    gone.refresh_from_db()
    assert (gone.bounce_count, gone.status) == (2, Subscriber.Status.BOUNCED)
    assert sink.recipients() == [fine.email]
    assert Subscriber.objects.get(pk=fine.pk).bounce_count == 0


def test_one_bounce_below_the_limit_keeps_the_subscription(issue, sink):
    gone = SubscriberFactory()
    sink.refuse_permanently.add(gone.email)

    run_send(start_send(issue))

    gone.refresh_from_db()
    assert (gone.bounce_count, gone.status) == (1, Subscriber.Status.CONFIRMED)


def test_a_dead_server_loses_nobody_and_the_send_resumes_when_it_is_back(issue):
    subscribers = SubscriberFactory.create_batch(5)
    down = SmtpSink()  # never started: connection refused
    with down.settings_override():
        send = start_send(issue)
        outcome = run_send(send)

        assert outcome.status == IssueSend.Status.SENDING
        assert outcome.wake_at is not None
        rows = list(Delivery.objects.filter(send=send))
        assert {row.status for row in rows} == {Delivery.Status.PENDING}
        assert all(row.retry_after and row.attempts == 0 and row.claimed_by == "" for row in rows)
        assert all("onbereikbaar" in row.last_error for row in rows)

        with SmtpSink(port=down.port) as back:
            time_passes()
            send_issue_task.enqueue(send.pk)  # the Immediate backend runs it here

            assert sorted(back.recipients()) == sorted(s.email for s in subscribers)
    send.refresh_from_db()
    assert send.status == IssueSend.Status.DONE


def test_a_server_that_dies_during_a_batch_loses_nobody(issue):
    subscribers = SubscriberFactory.create_batch(6)
    sink = SmtpSink().start()
    with sink.settings_override():
        send = start_send(issue)
        send_batch(send, batch_size=2)
        sink.stop()
        outcome = run_send(send, batch_size=2)
        assert outcome.status == IssueSend.Status.SENDING
        assert counts(send)["pending"] == 4
        assert not Delivery.objects.exclude(claimed_by="").exists()

        with SmtpSink(port=sink.port) as back:
            time_passes()
            run_send(send)
            received = sink.recipients() + back.recipients()
    assert sorted(received) == sorted(s.email for s in subscribers)


def test_a_subscriber_who_unsubscribed_after_the_rows_were_made_is_not_mailed(issue, sink):
    leaving, staying = SubscriberFactory.create_batch(2)
    send = start_send(issue)
    Subscriber.objects.filter(pk=leaving.pk).update(status=Subscriber.Status.UNSUBSCRIBED)

    run_send(send)

    assert sink.recipients() == [staying.email]
    row = Delivery.objects.get(send=send, subscriber=leaving)
    assert (row.status, row.last_error) == (Delivery.Status.SKIPPED, SKIPPED_UNSUBSCRIBED)
    send.refresh_from_db()
    assert send.status == IssueSend.Status.DONE


def test_pause_stops_between_messages_and_resume_goes_on(issue, sink):
    SubscriberFactory.create_batch(4)
    send = start_send(issue)
    send_batch(send, batch_size=1)

    pause(send)
    outcome = run_send(send)

    assert outcome.status == IssueSend.Status.PAUSED
    assert len(sink.messages) == 1
    resume(send)
    assert run_send(send).status == IssueSend.Status.DONE
    assert len(sink.messages) == 4
    assert len(set(sink.recipients())) == 4


def test_pause_is_seen_by_a_batch_that_is_already_running(issue, sink, monkeypatch):
    SubscriberFactory.create_batch(5)
    send = start_send(issue)
    real_mark_sent = __import__("newsletter.delivery", fromlist=["_mark_sent"])._mark_sent

    def pause_after_second(row, message_id):
        real_mark_sent(row, message_id)
        if Delivery.objects.filter(send=send, status=Delivery.Status.SENT).count() == 2:
            pause(send)

    monkeypatch.setattr("newsletter.delivery._mark_sent", pause_after_second)
    # The batch reads pause and cancel at most every STATE_CHECK_SECONDS; here before every message.
    monkeypatch.setattr("newsletter.delivery.STATE_CHECK_SECONDS", 0)
    result = send_batch(send, batch_size=5)

    assert (result.sent, result.stopped) == (2, IssueSend.Status.PAUSED)
    assert len(sink.messages) == 2
    assert not Delivery.objects.exclude(claimed_by="").exists()  # the rest is free for resume


def test_cancel_skips_everyone_not_yet_mailed(issue, sink):
    SubscriberFactory.create_batch(3)
    send = start_send(issue)
    send_batch(send, batch_size=1)

    cancel(send)
    outcome = run_send(send)

    assert outcome.status == IssueSend.Status.CANCELLED
    assert counts(send) == {"pending": 0, "sent": 1, "failed": 0, "skipped": 2, "total": 3}
    assert len(sink.messages) == 1
    issue.refresh_from_db()
    assert issue.sent_at is None
    assert resume(send) == 0


def test_a_scheduled_send_waits_for_its_moment(issue, sink):
    SubscriberFactory.create_batch(2)
    later = timezone.now() + datetime.timedelta(hours=1)

    send = start_send(issue, send_after=later)
    outcome = run_send(send)

    assert (outcome.status, outcome.wake_at) == (IssueSend.Status.SCHEDULED, later)
    assert sink.messages == []
    IssueSend.objects.filter(pk=send.pk).update(send_after=timezone.now())
    assert run_send(send).status == IssueSend.Status.DONE
    assert len(sink.messages) == 2


def test_a_dead_workers_claim_is_taken_over_after_the_timeout(issue, sink):
    SubscriberFactory.create_batch(3)
    send = start_send(issue)
    Delivery.objects.filter(send=send).update(claimed_by="dead-worker", claimed_at=timezone.now())

    assert run_send(send).status == IssueSend.Status.SENDING
    assert sink.messages == []

    with override_settings(NEWSLETTER_CLAIM_TIMEOUT=0):
        Delivery.objects.filter(send=send).update(claimed_at=timezone.now() - datetime.timedelta(seconds=1))
        assert run_send(send).status == IssueSend.Status.DONE
    assert len(sink.messages) == 3


def test_a_worker_renews_its_claim_while_it_sends(issue, sink, monkeypatch):
    """A slow batch must not look like a dead worker's: its claim is renewed between messages."""
    SubscriberFactory.create_batch(3)
    send = start_send(issue)
    monkeypatch.setattr(delivery_module, "STATE_CHECK_SECONDS", 0)
    claimed_at = []

    def send_and_look(smtp, message):
        real_send_prepared(smtp, message)
        claimed_at.append(Delivery.objects.exclude(claimed_at=None).values_list("claimed_at", flat=True)[0])

    monkeypatch.setattr(delivery_module, "send_prepared", send_and_look)
    send_batch(send, batch_size=3)

    assert claimed_at == sorted(claimed_at) and len(set(claimed_at)) == 3


def test_a_worker_that_stalled_sends_nothing_another_worker_took_over(issue, sink, monkeypatch):
    """Past the claim timeout a live worker's rows go to another worker; it must leave them be."""
    SubscriberFactory.create_batch(4)
    send = start_send(issue)
    monkeypatch.setattr(delivery_module, "STATE_CHECK_SECONDS", 0)

    def send_then_lose_the_rest(smtp, message):
        real_send_prepared(smtp, message)
        if len(sink.messages) == 1:  # the stall: meanwhile another worker claims what is left
            Delivery.objects.filter(status=Delivery.Status.PENDING).exclude(claimed_by="").exclude(
                subscriber__email__in=message.to
            ).update(claimed_by="other-worker")

    monkeypatch.setattr(delivery_module, "send_prepared", send_then_lose_the_rest)
    result = send_batch(send, batch_size=4)

    assert (result.sent, result.lost) == (1, 3)
    assert len(sink.messages) == 1
    assert Delivery.objects.filter(claimed_by="other-worker", status=Delivery.Status.PENDING).count() == 3
