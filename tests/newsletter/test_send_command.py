"""``manage.py send_issue``: by page id or slug, queued or in the foreground, and safe to re-run."""

import io

import pytest
from django.core.management import CommandError, call_command

from newsletter.models import Delivery, IssueSend
from tests.factories.knowledge import build_site
from tests.factories.newsletter import NewsletterIssuePageFactory, SubscriberFactory
from tests.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue():
    return NewsletterIssuePageFactory(
        parent=build_site(theme_slugs=()).newsletter_index, title="Lente", slug="lente-2027"
    )


@pytest.fixture
def sink(settings):
    settings.BASE_URL = "https://www.leefbaarheid.example"
    with SmtpSink() as running, running.settings_override():
        yield running


def run(*args):
    out = io.StringIO()
    call_command("send_issue", *args, stdout=out)
    return out.getvalue()


def test_now_sends_in_the_foreground_with_progress(issue, sink):
    SubscriberFactory.create_batch(3)

    output = run(str(issue.pk), "--now")

    assert "3 ontvangers" in output
    assert "verstuurd 3  mislukt 0  overgeslagen 0  wacht 0  (van 3)" in output
    assert len(sink.messages) == 3
    assert IssueSend.objects.get(issue=issue).status == IssueSend.Status.DONE


def test_by_slug_queued_through_the_tasks_api(issue, sink):
    SubscriberFactory.create_batch(2)

    output = run("lente-2027")  # the Immediate backend of the tests runs the task at once

    assert "wachtrij" in output
    assert len(sink.messages) == 2


def test_running_it_again_resumes_and_mails_nobody_twice(issue, sink):
    subscribers = SubscriberFactory.create_batch(4)
    sink.refuse_temporarily.add(subscribers[0].email)
    sink.temporary_failures = 1
    with pytest.MonkeyPatch.context() as patch:
        # Stop the foreground loop at its first wait, as Ctrl+C would.
        patch.setattr("time.sleep", lambda seconds: (_ for _ in ()).throw(KeyboardInterrupt))
        output = run(str(issue.pk), "--now")
    assert "Gestopt" in output
    assert len(sink.messages) == 3
    Delivery.objects.update(retry_after=None)

    run(str(issue.pk), "--now")

    assert sorted(sink.recipients()) == sorted(s.email for s in subscribers)


def test_an_unknown_or_unpublished_issue_is_a_clear_error(issue):
    with pytest.raises(CommandError, match="Geen kwartaalupdate"):
        run("bestaat-niet")
    issue.unpublish()
    with pytest.raises(CommandError, match="niet gepubliceerd"):
        run(str(issue.pk))
