"""The demo editor previews a kwartaalupdate as one subscriber gets it, on a phone and a desktop.

Logged in as an editor (*Redacteuren*), they open "Bekijken als abonnee" on a draft issue made
from the demo's pages, type a subscriber's address and see the mail in the admin: every item
once, the ones about the subscriber's themes and municipality marked. Then they try a chosen set
of themes instead. The mail itself, opened at 375 px, is no wider than the phone. A partner who
tries the same address is sent to the dashboard and sees no subscriber's mail. Screenshots of the
admin page and of the mail land in ``var/screenshots/``.
"""

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from knowledge.models import KnowledgeItemPage, PilotPage
from newsletter.models import NewsletterIndexPage, NewsletterIssuePage, Subscriber
from partners.setup import set_up_partner

from .support import MOBILE, first, live, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "leefbaar-demo"
VIEWPORTS = {375: MOBILE, 1280: {"viewport": {"width": 1280, "height": 900}}}


def section(kind, pages):
    return {
        "type": "section",
        "value": {
            "kind": kind,
            "note": "",
            "items": [
                {"type": "item", "id": str(uuid.uuid4()), "value": {"page": page.pk, "note": ""}}
                for page in pages
            ],
        },
    }


@pytest.fixture
def setting(transactional_db):
    """A draft issue from demo pages, a subscriber of one of its themes and municipality, accounts."""
    pilot = first(
        live(PilotPage).exclude(municipality=None).filter(themes__isnull=False), "pilot with a place"
    )
    theme = pilot.themes.order_by("path").first()
    items = list(live(KnowledgeItemPage).filter(themes=theme)[:2])
    others = list(live(KnowledgeItemPage).exclude(themes=theme)[:2])
    archive = NewsletterIndexPage.objects.get(locale__language_code="nl")
    issue = archive.add_child(
        instance=NewsletterIssuePage(
            title="Kwartaalupdate proef als abonnee",
            slug=f"proef-als-abonnee-{uuid.uuid4().hex[:6]}",
            quarter="2026-Q4",
            introduction="Een nummer om te bekijken als abonnee.",
            sections=[section("pilots", [pilot]), section("knowledge", items + others)],
            live=False,
        )
    )
    issue.save_revision()
    subscriber = Subscriber.objects.create(
        email=f"lezer-{uuid.uuid4().hex[:6]}@gemeente.example",
        municipality=pilot.municipality,
        status=Subscriber.Status.CONFIRMED,
        consent_source=Subscriber.Source.ADMIN,
    )
    subscriber.themes.set([theme])
    users = get_user_model().objects
    editor = users.create_user(f"preview-redacteur-{uuid.uuid4().hex[:6]}", password=PASSWORD)
    editor.groups.set([Group.objects.get(name="Redacteuren")])
    partner = users.create_user(f"preview-partner-{uuid.uuid4().hex[:6]}", password=PASSWORD)
    partner.groups.set([set_up_partner("Movisie").group])
    try:
        yield {
            "issue": issue,
            "pilot": pilot,
            "theme": theme,
            "items": items,
            "others": others,
            "subscriber": subscriber,
            "editor": editor,
            "partner": partner,
        }
    finally:
        issue.delete()
        subscriber.delete()
        editor.delete()
        partner.delete()


def log_in(page, user):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


@pytest.mark.parametrize("width", [375, 1280])
def test_the_editor_previews_the_issue_as_a_subscriber(new_page, setting, width):
    issue, subscriber, pilot = setting["issue"], setting["subscriber"], setting["pilot"]
    page = new_page(**VIEWPORTS[width])
    log_in(page, setting["editor"])

    page.goto(reverse("newsletter_preview_subscriber", args=[issue.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bekijken als abonnee")
    page.get_by_label("E-mailadres van een abonnee").fill(subscriber.email)
    page.get_by_role("button", name="Mail bekijken").click()

    expect(page.get_by_role("heading", name="Zo ziet de mail eruit")).to_be_visible()
    expect(page.get_by_text(f"Voor {subscriber.email}")).to_be_visible()
    mail = page.frame_locator("iframe.newsletter-preview-mail")
    expect(mail.get_by_role("heading", level=1)).to_have_text(issue.title)
    pilot_item = mail.locator(".item", has=mail.get_by_role("link", name=pilot.title, exact=True))
    expect(pilot_item).to_have_count(1)  # once, in its section
    expect(pilot_item.locator(".mark")).to_contain_text(f"Uw thema: {setting['theme'].title}")
    expect(pilot_item.locator(".mark")).to_contain_text(f"Uw gemeente: {pilot.municipality.name}")
    for item in setting["items"]:
        expect(mail.get_by_role("link", name=item.title, exact=True)).to_have_count(1)
    for item in setting["others"]:
        other = mail.locator(".item", has=mail.get_by_role("link", name=item.title, exact=True))
        expect(other.locator(".mark")).to_have_count(0)
    expect(mail.locator(".mark")).to_have_count(1 + len(setting["items"]))
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # The form leads to the result (its action ends in #preview-heading): no scrolling past the form.
    assert page.url.endswith("#preview-heading")
    assert page.get_by_role("heading", name="Zo ziet de mail eruit").evaluate(
        "heading => heading.getBoundingClientRect().top < window.innerHeight"
    )
    screenshot(page, "newsletter-preview-subscriber")

    # The same issue as a reader with no theme of the issue and no municipality: nothing marked.
    page.get_by_label("E-mailadres van een abonnee").fill("")
    page.get_by_role("button", name="Mail bekijken").click()
    expect(page.get_by_text("Thema's: geen.")).to_be_visible()
    expect(page.frame_locator("iframe.newsletter-preview-mail").locator(".item").first).to_be_visible()
    expect(page.frame_locator("iframe.newsletter-preview-mail").locator(".mark")).to_have_count(0)

    # The mail on its own, as a phone shows it: never wider than the screen.
    mail_page = new_page(**VIEWPORTS[width])
    mail_page.context.add_cookies(page.context.cookies())
    query = f"?email={subscriber.email}"
    mail_page.goto(reverse("newsletter_preview_subscriber_mail", args=[issue.pk]) + query)
    expect(mail_page.locator(".mark").first).to_be_visible()
    assert mail_page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    ), "the mail is wider than the screen"
    screenshot(mail_page, "newsletter-mail-as-subscriber")


def test_a_partner_can_not_preview_as_a_subscriber(new_page, setting):
    page = new_page()
    log_in(page, setting["partner"])
    issue, subscriber = setting["issue"], setting["subscriber"]
    for name in ("newsletter_preview_subscriber", "newsletter_preview_subscriber_mail"):
        page.goto(reverse(name, args=[issue.pk]) + f"?email={subscriber.email}")
        expect(page).to_have_url(re.compile(r"/admin/$"))
        expect(page.get_by_text(setting["pilot"].title)).to_have_count(0)
