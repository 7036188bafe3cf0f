"""The "Versturen" screens in the Wagtail admin: confirm with the number of recipients, then progress.

Sending is publishing: only users who may publish the issue page get the screens; others are
refused (Wagtail answers PermissionDenied with a redirect to the dashboard and an error message).
Every change of state is a POST. The test settings run tasks at once (Immediate backend), so a
started send has gone out when the POST returns; the mail goes to a real SMTP sink.
"""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from newsletter.models import Delivery, IssueSend
from tests.factories.knowledge import KnowledgeItemPageFactory, build_site
from tests.factories.newsletter import NewsletterIssuePageFactory, SubscriberFactory
from tests.smtp_sink import SmtpSink
from tests.utils import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue():
    return NewsletterIssuePageFactory(parent=build_site(theme_slugs=()).newsletter_index, title="Herfst")


@pytest.fixture
def sink(settings):
    settings.BASE_URL = "https://www.leefbaarheid.example"
    with SmtpSink() as running, running.settings_override():
        yield running


def editor(django_user_model, issue, permissions):
    """A user with admin access and these page permissions on the newsletter archive."""
    user = django_user_model.objects.create_user("redactie", password="geheim")
    group = Group.objects.create(name="Redactie")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        GroupPagePermission.objects.create(
            group=group, page=issue.get_parent(), permission=Permission.objects.get(codename=codename)
        )
    user.groups.add(group)
    return user


def urls(issue):
    return {
        name: reverse(f"newsletter_send{suffix}", args=[issue.pk])
        for name, suffix in [
            ("view", ""),
            ("start", "_start"),
            ("pause", "_pause"),
            ("resume", "_resume"),
            ("cancel", "_cancel"),
        ]
    }


def test_the_confirmation_states_the_number_of_recipients_and_sends_only_on_post(admin_client, issue, sink):
    SubscriberFactory.create_batch(3)
    SubscriberFactory(language="en")

    response = admin_client.get(urls(issue)["view"])

    assert response.status_code == 200
    assert soup(response).find(attrs={"data-recipient-count": True})["data-recipient-count"] == "3"
    assert "3 abonnees" in response.content.decode()
    assert not IssueSend.objects.exists() and sink.messages == []
    assert admin_client.get(urls(issue)["start"]).status_code == 405

    response = admin_client.post(urls(issue)["start"], {"now": "", "expected": "3"})

    assert response.status_code == 302
    assert len(sink.messages) == 3
    send = IssueSend.objects.get(issue=issue)
    assert send.status == IssueSend.Status.DONE
    progress = admin_client.get(urls(issue)["view"])
    assert progress.status_code == 200
    page = soup(progress)
    assert page.find(attrs={"data-count": "sent"}).text == "3"
    assert page.find(attrs={"data-count": "pending"}).text == "0"


def test_send_at_a_moment_schedules_and_sends_nothing_yet(admin_client, issue, sink):
    SubscriberFactory.create_batch(2)
    moment = timezone.localtime() + datetime.timedelta(days=1)

    response = admin_client.post(
        urls(issue)["start"], {"at": "", "send_after": moment.strftime("%Y-%m-%dT%H:%M"), "expected": "2"}
    )

    assert response.status_code == 302
    send = IssueSend.objects.get(issue=issue)
    assert send.status == IssueSend.Status.SCHEDULED
    assert abs((send.send_after - moment).total_seconds()) < 60
    assert Delivery.objects.filter(send=send, status=Delivery.Status.PENDING).count() == 2
    assert sink.messages == []


def test_a_moment_in_the_past_is_refused_with_a_message_not_an_error(admin_client, issue, sink):
    response = admin_client.post(urls(issue)["start"], {"at": "", "send_after": "2001-01-01T09:00"})

    assert response.status_code == 400
    assert "Kies een moment in de toekomst" in response.content.decode()
    assert not IssueSend.objects.exists()


def test_pause_resume_and_cancel_are_posts_that_change_the_send(admin_client, issue, sink):
    SubscriberFactory.create_batch(2)
    send = IssueSend.objects.create(issue=issue, status=IssueSend.Status.PAUSED)
    Delivery.objects.bulk_create(
        Delivery(send=send, subscriber=subscriber)
        for subscriber in SubscriberFactory._meta.model.objects.all()
    )
    assert admin_client.get(urls(issue)["resume"]).status_code == 405

    admin_client.post(urls(issue)["resume"])  # runs the send at once (Immediate backend)
    send.refresh_from_db()
    assert send.status == IssueSend.Status.DONE
    assert len(sink.messages) == 2

    other = NewsletterIssuePageFactory(parent=issue.get_parent(), title="Winter")
    other_send = IssueSend.objects.create(issue=other, status=IssueSend.Status.SENDING)
    admin_client.post(urls(other)["pause"])
    other_send.refresh_from_db()
    assert other_send.status == IssueSend.Status.PAUSED
    admin_client.post(urls(other)["cancel"])
    other_send.refresh_from_db()
    assert other_send.status == IssueSend.Status.CANCELLED
    response = admin_client.post(urls(other)["resume"], follow=True)
    assert response.status_code == 200
    other_send.refresh_from_db()
    assert other_send.status == IssueSend.Status.CANCELLED


@pytest.mark.parametrize("permissions", [[], ["add_page", "change_page"]])
def test_users_who_may_not_publish_the_issue_are_refused(client, django_user_model, issue, sink, permissions):
    SubscriberFactory()
    client.force_login(editor(django_user_model, issue, permissions))
    IssueSend.objects.create(issue=issue, status=IssueSend.Status.SCHEDULED)

    for name, url in urls(issue).items():
        response = client.get(url) if name == "view" else client.post(url, {"now": ""})
        # Wagtail turns PermissionDenied into a redirect to the dashboard with an error message.
        assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home")), name
    send = IssueSend.objects.get(issue=issue)
    assert send.status == IssueSend.Status.SCHEDULED
    assert sink.messages == []


def test_a_publisher_gets_the_screens_and_the_button(client, django_user_model, issue, sink):
    client.force_login(editor(django_user_model, issue, ["add_page", "change_page", "publish_page"]))

    assert client.get(urls(issue)["view"]).status_code == 200
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk]))
    assert urls(issue)["view"] in edit.content.decode()


def test_editors_who_may_not_publish_get_no_button(client, django_user_model, issue):
    client.force_login(editor(django_user_model, issue, ["add_page", "change_page"]))

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[issue.pk]))

    assert edit.status_code == 200
    assert urls(issue)["view"] not in edit.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, issue):
    response = client.post(urls(issue)["start"], {"now": ""})

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
    assert not IssueSend.objects.exists()


def test_an_issue_naming_a_draft_is_refused_by_every_way_of_sending(admin_client, sink):
    """``delivery.check_ready``: the confirmation names the problem and has no button, a POST
    anyway sends nothing, and ``send_issue`` refuses too; once fixed, it goes out."""
    tree = build_site(theme_slugs=())
    draft = KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Halve methode", live=False)
    item = {"type": "item", "id": "i1", "value": {"page": draft.pk, "note": ""}}
    issue = NewsletterIssuePageFactory(
        parent=tree.newsletter_index,
        title="Winter",
        sections=[{"type": "section", "value": {"kind": "knowledge", "note": "", "items": [item]}}],
    )
    SubscriberFactory.create_batch(2)

    page = soup(admin_client.get(urls(issue)["view"]))
    alert = page.find(class_="help-critical")
    assert alert is not None and "Halve methode" in alert.text
    assert page.find("form", action=urls(issue)["start"]) is None

    response = admin_client.post(urls(issue)["start"], {"now": "", "expected": "2"})
    assert response.status_code == 409
    assert "Halve methode" in soup(response).find(class_="help-critical").text
    with pytest.raises(CommandError, match="Halve methode"):
        call_command("send_issue", str(issue.pk), "--now")
    assert not IssueSend.objects.exists() and sink.messages == []

    draft.save_revision().publish()
    response = admin_client.post(urls(issue)["start"], {"now": "", "expected": "2"})
    assert response.status_code == 302
    assert len(sink.messages) == 2
