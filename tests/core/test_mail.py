"""``core.mail``: the one way the site sends a transactional mail.

A kind of mail of this test's own (``tests.note``, templates in memory) goes through everything
an app's mail does: built in the recipient's language as text and HTML in the shared layout, read
back from its bytes the way a receiving server reads it, queued only when the transaction commits,
and sent to a real SMTP server (``SmtpSink``) that accepts, refuses for now, refuses for good, or
is not there at all. The "app's record" is a dict the kind's ``record`` writes to.
"""

import email
import email.policy
import itertools
import re
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import get_template
from django.test import SimpleTestCase, override_settings
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from core import mail
from core.mail import layout
from tests.mail_support import SmtpTestCase, html_body, text_body
from tests.smtp_sink import SmtpSink
from tests.task_support import run_due_tasks

KIND = "tests.note"
TEMPLATE = "tests/email/note"
TEMPLATES = {
    f"{TEMPLATE}_subject.txt": "{% load i18n %}{% trans 'Hallo,' %} {{ name }}\n(Zoë)",
    f"{TEMPLATE}.txt": (
        "{% load i18n %}{% autoescape off %}{% trans 'Hallo,' %} {{ name }}\n\n{{ when|date:'l j F Y' }}\n\n"
        "{{ long_word }}\n\n{{ url }}\n{% endautoescape %}"
    ),
    f"{TEMPLATE}.mjml": (
        "{% load i18n %}\n<mj-text><p>{% trans 'Hallo,' %} {{ name }}</p>"
        "<p>{{ when|date:'l j F Y' }}</p><p>{{ long_word }}</p></mj-text>\n"
        '<mj-button href="{{ url }}">{% trans "Met vriendelijke groet," %}</mj-button>\n'
    ),
}
SUNDAY = timezone.make_aware(datetime(2026, 3, 1, 10, 0))
LONG_WORD = "Leefbaarheidsalliantie" * 100  # 2,200 characters on one line
PEOPLE = {
    1: {"to": "anna@ede.example", "language": "nl", "name": "Anna"},
    2: {"to": "ben@tiel.example", "language": "en", "name": "Ben"},
}


def with_this_tests_templates():
    """The site's template settings, with this test's templates in memory in front."""
    engine = {**settings.TEMPLATES[0], "APP_DIRS": False}
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "loaders": [
            ("django.template.loaders.locmem.Loader", TEMPLATES),
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    }
    return [engine]


def note(key):
    person = PEOPLE.get(key)
    if person is None:
        return None  # nothing to send any more
    return mail.Mail(
        to=person["to"],
        language=person["language"],
        context={
            "name": person["name"],
            "when": SUNDAY,
            "long_word": LONG_WORD,
            "url": "https://x.example/k",
        },
        reply_to="Team Leefbaarheid <team@gelderland.example>",
    )


def parse(message):
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


@override_settings(TEMPLATES=with_this_tests_templates())
class MailTestCase(SmtpTestCase):
    def setUp(self):
        super().setUp()
        self.records = {}
        kind = mail.MailKind(KIND, TEMPLATE, compose=note, record=self.record)
        mail.register(kind)
        self.addCleanup(mail.kinds.unregister, KIND)

    def record(self, key, outcome):
        self.records.setdefault(key, []).append(outcome)

    def last_record(self, key):
        return self.records[key][-1]

    def queue(self, key):
        # Queued after the commit; a TestCase never commits, so run those callbacks.
        with self.captureOnCommitCallbacks(execute=True):
            mail.queue(KIND, key)


class BuildTests(MailTestCase):
    def test_the_message_is_text_and_html_in_utf8_with_lines_a_server_accepts(self):
        message = parse(mail.build(TEMPLATE, note(1)))

        self.assertEqual(message.get_content_type(), "multipart/alternative")
        parts = list(message.iter_parts())
        self.assertEqual([part.get_content_type() for part in parts], ["text/plain", "text/html"])
        for part in [message, *parts]:
            self.assertEqual(part.defects, [])
        for part in parts:
            self.assertEqual(part.get_content_charset(), "utf-8")
        raw = mail.build(TEMPLATE, note(1)).message().as_bytes()
        self.assertLessEqual(max(len(line.rstrip(b"\r")) for line in raw.split(b"\n")), 998)
        # The long word arrives whole: the parts are encoded, not cut.
        self.assertIn(LONG_WORD, text_body(message))
        self.assertIn(LONG_WORD, html_body(message))
        self.assertEqual(message["Subject"], "Hallo, Anna (Zoë)")  # on one line, non-ASCII encoded

    def test_headers_say_automatic_who_to_answer_and_which_language(self):
        message = parse(mail.build(TEMPLATE, note(2)))

        self.assertEqual(message["Auto-Submitted"], "auto-generated")
        self.assertEqual(message["Reply-To"].addresses[0].addr_spec, "team@gelderland.example")
        self.assertEqual(message["Content-Language"], "en")
        self.assertEqual(message["To"].addresses[0].addr_spec, "ben@tiel.example")
        self.assertEqual(message["From"].addresses[0].addr_spec, "leefbaarheid@gelderland.nl")

    def test_it_is_written_in_the_recipients_language_whatever_language_is_active(self):
        dutch = parse(mail.build(TEMPLATE, note(1)))
        english = parse(mail.build(TEMPLATE, note(2)))

        self.assertEqual(translation.get_language(), "nl")  # the test's own language is left alone
        for part in (text_body(dutch), html_body(dutch)):
            self.assertIn("Hallo, Anna", part)
            self.assertIn("zondag 1 maart 2026", part)
        for part in (text_body(english), html_body(english)):
            self.assertIn("Hello, Ben", part)
            self.assertIn("Sunday 1 March 2026", part)
        self.assertRegex(html_body(dutch), r'<html lang="nl"[ >]')
        self.assertRegex(html_body(english), r'<html lang="en"[ >]')

    def test_the_html_is_the_shared_layout_safe_to_open_on_a_phone(self):
        html = html_body(parse(mail.build(TEMPLATE, note(1))))

        self.assertIn('<meta name="viewport" content="width=device-width, initial-scale=1">', html)
        self.assertIn('<meta name="color-scheme" content="light dark">', html)
        self.assertIn("prefers-color-scheme: dark", html)
        self.assertIn("Team Leefbaarheid", html)  # the header
        self.assertIn("<title>Hallo, Anna (Zoë)</title>", html)
        self.assertRegex(html, r'<a href="https://x.example/k"[^>]*style="[^"]*background: ?#00467f')
        # Nothing that loads: no images, no stylesheets, no fonts; links only to where they go.
        self.assertNotIn("<img", html)
        self.assertNotIn("<link", html)
        self.assertNotIn("fonts.googleapis", html)
        urls = set(re.findall(r"https?://[^\s\"'<>)]+", html))
        self.assertEqual(urls, {"https://x.example/k", settings.BASE_URL + "/"})
        self.assertNotIn("{{", html)
        self.assertNotIn("{%", html)

    def test_mjml_runs_once_per_template_and_language(self):
        layout.compiled.cache_clear()

        for key in (1, 1, 2, 2, 1):
            mail.build(TEMPLATE, note(key))

        info = layout.compiled.cache_info()
        self.assertEqual((info.misses, info.hits), (2, 3))

    def test_every_kind_the_apps_declare_has_its_three_templates(self):
        declared = [kind for kind in mail.kinds if kind.name != KIND]
        self.assertGreaterEqual(len(declared), 15)
        for kind in declared:
            for suffix in ("_subject.txt", ".txt", ".mjml"):
                with self.subTest(kind=kind.name, template=suffix):
                    get_template(kind.template + suffix)


class QueueTests(MailTestCase):
    def test_the_mail_goes_out_only_when_the_transaction_commits(self):
        with self.captureOnCommitCallbacks(execute=True):
            with transaction.atomic():
                mail.queue(KIND, 1)
                self.assertEqual(self.sink.messages, [])  # not while the transaction is open
            self.assertEqual(self.sink.messages, [])

        [message] = self.sink.messages
        self.assertEqual(message["To"], "anna@ede.example")
        self.assertTrue(self.last_record(1).sent)

    def test_a_rolled_back_transaction_sends_nothing(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            try:
                with transaction.atomic():
                    mail.queue(KIND, 1)
                    raise RuntimeError("the request failed after deciding the mail")
            except RuntimeError:
                pass

        self.assertEqual(callbacks, [])
        self.assertEqual(self.sink.messages, [])
        self.assertEqual(self.records, {})

    def test_an_unknown_kind_fails_where_it_is_queued(self):
        with self.assertRaisesMessage(LookupError, "tests.nothing"):
            mail.queue("tests.nothing", 1)

    def test_a_mail_no_longer_needed_is_not_sent(self):
        self.queue(99)  # compose says there is nothing to send any more

        self.assertEqual(self.sink.messages, [])
        self.assertEqual(self.records, {})


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class RetryTests(MailTestCase):
    def waiting(self):
        return DBTaskResult.objects.filter(
            task_path="core.mail.tasks.send_transactional_mail", status="READY"
        )

    def time_passes(self):
        self.waiting().update(run_after=timezone.now() - timedelta(seconds=1))

    def test_a_refusal_for_now_is_tried_again_later_and_the_record_cleared(self):
        self.sink.refuse_temporarily.add("anna@ede.example")
        self.sink.temporary_failures = 1  # 451 once, then accepted
        self.queue(1)
        self.assertEqual(self.sink.messages, [])  # queued, not sent in the request

        run_due_tasks()

        outcome = self.last_record(1)
        self.assertIn("451", outcome.error)
        self.assertFalse(outcome.permanent)
        self.assertGreater(outcome.retry_at, timezone.now() + timedelta(seconds=50))
        [retry] = self.waiting()
        self.assertEqual(retry.args_kwargs["args"], [KIND, 1, 2])
        self.assertEqual(run_due_tasks(), 0)  # not due yet

        self.time_passes()
        run_due_tasks()

        self.assertEqual(len(self.sink.messages_to("anna@ede.example")), 1)
        self.assertTrue(self.last_record(1).sent)
        self.assertEqual(self.last_record(1).error, "")
        self.assertFalse(self.waiting().exists())

    def test_each_wait_is_longer_and_after_the_last_try_it_stops(self):
        self.sink.refuse_temporarily.add("anna@ede.example")  # 451, always
        self.queue(1)
        waits = []
        for _try in range(10):
            run_due_tasks()
            retry_at = self.last_record(1).retry_at
            if retry_at is None:
                break
            waits.append(retry_at - timezone.now())
            self.time_passes()

        self.assertEqual(len(self.records[1]), mail.tasks.ATTEMPTS)
        self.assertEqual(len(waits), mail.tasks.ATTEMPTS - 1)
        self.assertTrue(all(later > earlier * 3 for earlier, later in itertools.pairwise(waits)), waits)
        self.assertFalse(self.waiting().exists())
        self.assertEqual(self.sink.messages, [])

    def test_a_refusal_for_good_is_recorded_and_not_tried_again(self):
        self.sink.refuse_permanently.add("anna@ede.example")
        self.queue(1)

        run_due_tasks()

        outcome = self.last_record(1)
        self.assertTrue(outcome.permanent)
        self.assertIsNone(outcome.retry_at)
        self.assertIn("550", outcome.error)
        self.assertFalse(self.waiting().exists())
        self.assertEqual(self.sink.messages, [])

    def test_a_server_that_is_not_there_is_tried_again_and_the_mail_arrives_when_it_is_back(self):
        later = SmtpSink()  # nothing listens on its port yet
        with later.settings_override():
            self.queue(2)
            run_due_tasks()

            outcome = self.last_record(2)
            self.assertIn("Connection refused", outcome.error)
            self.assertIsNotNone(outcome.retry_at)

            later.start()
            self.addCleanup(later.stop)
            self.time_passes()
            run_due_tasks()

        [message] = later.messages
        self.assertEqual(message["To"], "ben@tiel.example")
        self.assertTrue(self.last_record(2).sent)


class ImmediateBackendTests(MailTestCase):
    """Development and tests run tasks at once and cannot wait: a failure is recorded, no more."""

    def test_a_server_that_is_not_there_is_recorded_and_not_retried(self):
        with SmtpSink().settings_override():  # never started
            self.queue(1)

        outcome = self.last_record(1)
        self.assertIn("Connection refused", outcome.error)
        self.assertFalse(outcome.permanent)
        self.assertIsNone(outcome.retry_at)
        self.assertEqual(len(self.records[1]), 1)


class FailureTests(SimpleTestCase):
    """How an SMTP error is read, for every mail and for the kwartaalupdate's bulk send alike."""

    def test_refusals_for_good_and_for_now(self):
        cases = [
            (smtplib.SMTPRecipientsRefused({"a@x.example": (550, b"5.1.1 No such mailbox")}), True),
            (smtplib.SMTPRecipientsRefused({"a@x.example": (451, b"4.3.0 Try again later")}), False),
            (smtplib.SMTPDataError(554, b"5.7.1 Message refused"), True),
            (smtplib.SMTPDataError(452, b"4.3.1 Mailbox full for now"), False),
            (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), False),
            (ConnectionRefusedError(111, "Connection refused"), False),
            (TimeoutError("timed out"), False),
        ]
        for error, permanent in cases:
            with self.subTest(error=repr(error)):
                self.assertEqual(mail.failure(error).permanent, permanent)
        refused = mail.failure(smtplib.SMTPRecipientsRefused({"a@x.example": (550, b"5.1.1 No\r\n such")}))
        self.assertEqual((refused.code, refused.text), (550, "550 5.1.1 No such"))
