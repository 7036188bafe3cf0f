"""A developer runs ``manage.py seed_demo`` (twice) and gets a demo site that looks like the real one.

The module seeds once (``demo_site`` in conftest.py) and then a second time, inside a transaction
that is rolled back when the module is done; each test runs in a savepoint of its own on top of it.
What the demo must hold is said as behaviour (every kind, theme and level of evidence, every section
the site declares, a live English translation of every page the demo translates), never as a count
of its content, so adding a knowledge item or a news item to the demo breaks no test.
"""

import datetime
import re
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site
from wagtail_localize.models import StringTranslation, Translation

from core.sections import section_index_models
from demo.content import people
from demo.content import themes as demo_themes
from demo.content import translations as demo_translations
from home.models import HomePage, SiteSettings, StandardPage
from knowledge.models import (
    KnowledgeIndexPage,
    KnowledgeItemPage,
    MeetingPage,
    NewsPage,
    Organisation,
    PilotPage,
    SubsidyPage,
    ThemePage,
)
from newsletter.models import NewsletterIssuePage, Subscriber
from registrations.models import Registration
from tests.demo.support import seed

ASSESSED_LEVELS = {
    KnowledgeItemPage.EvidenceLevel.EFFECTIVE,
    KnowledgeItemPage.EvidenceLevel.WELL_FOUNDED,
    KnowledgeItemPage.EvidenceLevel.WELL_DESCRIBED,
    KnowledgeItemPage.EvidenceLevel.EVALUATED_PILOT,
}
# The sections of seed_demo's report that each sync one kind of Dutch page, one per demo entry.
PAGE_SECTIONS = {
    "Thema's": ThemePage,
    "Kennisitems": KnowledgeItemPage,
    "Pilots": PilotPage,
    "Bijeenkomsten": MeetingPage,
    "Nieuws": NewsPage,
    "Subsidies": SubsidyPage,
}
REPORT_LINE = re.compile(
    r"^(?P<label>[^:]+): (?P<created>\d+) nieuw, (?P<updated>\d+) bijgewerkt, (?P<unchanged>\d+) ongewijzigd"
)

pytestmark = pytest.mark.django_db


def report(output):
    """``{section: (created, updated, unchanged)}`` from seed_demo's progress lines, in order."""
    lines = (REPORT_LINE.match(line) for line in output.splitlines())
    return {
        match["label"]: (int(match["created"]), int(match["updated"]), int(match["unchanged"]))
        for match in lines
        if match
    }


def database_counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "page log entries": PageLogEntry.objects.count(),
        "organisations": Organisation.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "translations": Translation.objects.count(),
        "string translations": StringTranslation.objects.count(),
        "users": get_user_model().objects.count(),
        "subscribers": Subscriber.objects.count(),
        "subscriber themes": Subscriber.themes.through.objects.count(),
        "registrations": Registration.objects.count(),
    }


@pytest.fixture(scope="module")
def seeded(demo_site, django_db_blocker):
    """The demo content seeded twice: both reports, and what the database held around the second."""
    with django_db_blocker.unblock():
        before = database_counts()
        second_output = seed()
        after = database_counts()
    return SimpleNamespace(first=demo_site.first, second=second_output, before=before, after=after)


def dutch(model):
    return model.objects.filter(locale__language_code="nl")


def english(model):
    return model.objects.filter(locale__language_code="en")


def test_the_first_run_reports_what_it_created_in_each_section(seeded):
    first = report(seeded.first)
    assert "Democontent klaar" in seeded.first
    for label, model in PAGE_SECTIONS.items():
        assert first[label] == (dutch(model).count(), 0, 0), label
    index_and_standard = len(section_index_models()) + dutch(StandardPage).filter(depth=3).count()
    assert first["Overzichts- en standaardpagina's"] == (index_and_standard, 0, 0)
    # Every page and organisation the demo translates, one wagtail-localize translation each; the
    # kwartaalupdate is translated in a section of its own (tests/demo/test_newsletter_demo.py).
    issues = ContentType.objects.get_for_model(NewsletterIssuePage)
    translations = Translation.objects.exclude(source__specific_content_type=issues)
    assert first["Engelse vertalingen"] == (translations.count(), 0, 0)


def test_the_second_run_creates_and_changes_nothing(seeded):
    assert seeded.after == seeded.before
    first, second = report(seeded.first), report(seeded.second)
    assert list(second) == list(first)
    for label, (created, updated, unchanged) in second.items():
        # Everything the first run created or updated, the second finds as it left it.
        assert (created, updated, unchanged) == (0, 0, sum(first[label])), label


def test_there_is_no_demo_editor_account_under_test_settings(seeded):
    assert not get_user_model().objects.filter(username="redacteur").exists()
    assert "overgeslagen: SEED_DEMO_EDITOR staat uit" in seeded.first
    assert "/admin/" not in seeded.first


def test_the_home_page_and_section_pages_are_filled_and_in_the_menu(seeded):
    home = HomePage.objects.get(locale__language_code="nl", slug="home")
    assert home.hero_title and home.hero_image and home.introduction
    assert len(home.body) >= 3
    children = {page.slug: page.specific for page in home.get_children().live()}
    for model in section_index_models():
        section = children[model.section_slug]
        assert type(section) is model, model.section_slug
        assert section.show_in_menus and section.introduction, model.section_slug
    standard_pages = [page for page in children.values() if isinstance(page, StandardPage)]
    assert len(children) == len(section_index_models()) + len(standard_pages)
    for page in standard_pages:
        assert not page.show_in_menus and len(page.body) >= 2, page.slug
    # The contact page's details come from the site settings: see test_the_contact_page_shows_...
    assert "contact_details" in [block.block_type for block in children["contact"].body]


def test_every_page_is_published_with_a_revision(seeded):
    for page in Page.objects.filter(depth__gt=1):
        assert page.live and page.live_revision_id, page.url_path
        assert page.first_published_at and page.last_published_at, page.url_path
        assert not page.has_unpublished_changes, page.url_path


def test_every_theme_of_the_programme_has_three_to_five_questions(seeded):
    themes = dutch(ThemePage)
    assert set(themes.values_list("slug", flat=True)) == {theme["slug"] for theme in demo_themes.THEMES}
    for theme in themes:
        assert 3 <= len(theme.questions) <= 5, theme.slug
        assert len(theme.body) >= 1, theme.slug


def test_the_knowledge_base_covers_every_kind_theme_and_level_of_evidence(seeded):
    items = dutch(KnowledgeItemPage).live()
    # More than one page of the listing, so the demo shows the pagination too.
    assert items.count() > KnowledgeIndexPage.per_page
    assert set(items.values_list("kind", flat=True)) == set(KnowledgeItemPage.Kind.values)
    assert set(items.values_list("evidence_level", flat=True)) == set(KnowledgeItemPage.EvidenceLevel.values)
    themes = set(dutch(ThemePage).values_list("slug", flat=True))
    assert set(items.values_list("themes__slug", flat=True)) == themes
    for item in items:
        for field in ("introduction", "goal", "target_group", "approach", "working_elements"):
            assert getattr(item, field), f"{item.slug}: {field}"
        assert item.conditions_and_costs and item.external_url.startswith("https://"), item.slug
        assert item.organisation and item.year and item.last_reviewed, item.slug
        assert item.themes.exists() and item.knowledge_sources, item.slug
        assert item.listing_image, item.slug
        if item.evidence_level in ASSESSED_LEVELS:
            assert item.evidence_assessed_by and item.evidence_assessed_on, item.slug
        if item.kind == KnowledgeItemPage.Kind.GOOD_PRACTICE:
            assert item.municipality, item.slug


def test_each_pilot_is_in_a_municipality_of_its_own_with_lessons_and_methods(seeded):
    pilots = dutch(PilotPage).live()
    assert pilots.exists()
    assert pilots.values("municipality").distinct().count() == pilots.count()
    assert set(pilots.values_list("status", flat=True)) == set(PilotPage.Status.values)
    for pilot in pilots:
        assert 2 <= len(pilot.lessons) <= 4, pilot.slug
        assert pilot.aim and pilot.approach and pilot.partner_list and pilot.evaluation, pilot.slug
        assert pilot.contact_email and pilot.latitude and pilot.longitude, pilot.slug
        assert pilot.organisation and pilot.themes.exists(), pilot.slug
        methods = list(pilot.methods_used.all())
        assert methods, pilot.slug
        for method in methods:
            assert pilot in method.pilots_using.all()
    today = timezone.localdate()
    for pilot in pilots.filter(status=PilotPage.Status.RUNNING):
        assert pilot.start_date <= today <= pilot.end_date
    for pilot in pilots.filter(status=PilotPage.Status.PLANNED):
        assert pilot.start_date > today


def test_the_2021_meetings_are_past_with_a_report_and_others_are_upcoming(seeded):
    meetings = dutch(MeetingPage).live()
    held_2021 = {
        (meeting.start.year, meeting.start.month, theme.slug)
        for meeting in meetings.filter(start__year=2021)
        for theme in meeting.themes.all()
    }
    assert {
        (2021, 6, "covid-19-en-sociale-verbondenheid"),
        (2021, 6, "armoede-en-schulden"),
        (2021, 9, "sociale-infrastructuur"),
    } <= held_2021
    for meeting in meetings.filter(start__year=2021):
        assert meeting.is_past and meeting.report, meeting.slug
    assert meetings.filter(start__gt=timezone.now()).exists()
    assert set(meetings.values_list("format", flat=True)) == set(MeetingPage.Format.values)
    for meeting in meetings:
        assert meeting.capacity and meeting.audience and len(meeting.programme) >= 3, meeting.slug
        assert meeting.registration_opens < meeting.registration_closes < meeting.start, meeting.slug
        if meeting.format == MeetingPage.Format.IN_PERSON:
            assert meeting.location_name and not meeting.online_link, meeting.slug
        else:
            assert meeting.online_link, meeting.slug


def test_a_rerun_moves_an_upcoming_meeting_that_has_passed(seeded):
    meeting = dutch(MeetingPage).get(slug="leernetwerk-eenzaamheid-bereiken")
    a_week_ago = timezone.now() - datetime.timedelta(days=7)
    MeetingPage.objects.filter(pk=meeting.pk).update(
        start=a_week_ago, end=a_week_ago + datetime.timedelta(hours=2)
    )
    still_upcoming = dutch(MeetingPage).get(slug="leernetwerk-buurtbudgetten")

    output = seed()

    assert report(output)["Bijeenkomsten"] == (0, 1, dutch(MeetingPage).count() - 1)
    meeting.refresh_from_db()
    assert meeting.start > timezone.now() and meeting.live and not meeting.has_unpublished_changes
    assert dutch(MeetingPage).get(slug="leernetwerk-buurtbudgetten").start == still_upcoming.start


def test_a_rerun_recreates_only_what_is_missing(seeded):
    pages = Page.objects.count()
    dutch(KnowledgeItemPage).get(slug="signaleringskaart-eenzaamheid").delete()

    output = seed()

    assert Page.objects.count() == pages
    assert dutch(KnowledgeItemPage).filter(slug="signaleringskaart-eenzaamheid").live().exists()
    assert report(output)["Kennisitems"] == (1, 0, dutch(KnowledgeItemPage).count() - 1)
    assert report(output)["Pilots"] == (0, 0, dutch(PilotPage).count())


def test_news_items_over_every_category_in_the_last_eighteen_months(seeded):
    news = dutch(NewsPage).live()
    assert set(news.values_list("category", flat=True)) == set(NewsPage.Category.values)
    earliest = timezone.localdate() - datetime.timedelta(days=548)
    for item in news:
        assert earliest <= item.date <= timezone.localdate(), item.slug
        assert timezone.localtime(item.first_published_at).date() == item.date, item.slug
        assert item.themes.exists() and item.organisation and item.author, item.slug
    monitor_blocks = [
        block.block_type for item in news.filter(category=NewsPage.Category.MONITOR) for block in item.body
    ]
    assert "key_figures" in monitor_blocks


def test_subsidy_schemes_open_upcoming_and_closed(seeded):
    schemes = dutch(SubsidyPage).live()
    assert set(schemes.values_list("status", flat=True)) == set(SubsidyPage.Status.values)
    for scheme in schemes:
        assert scheme.funder and scheme.target_group and scheme.amount and scheme.deadline, scheme.slug
        assert scheme.external_url, scheme.slug
    for scheme in schemes.filter(status=SubsidyPage.Status.OPEN):
        assert scheme.deadline >= timezone.localdate(), scheme.slug


def test_partner_organisations_with_slugs_and_english_descriptions(seeded):
    organisations = Organisation.objects.filter(locale__language_code="nl")
    slugs = set(organisations.values_list("slug", flat=True))
    assert {"movisie", "platform31", "leefbaarheidsalliantie-gelderland", "provincie-gelderland"} <= slugs
    assert organisations.filter(kind=Organisation.Kind.ALLIANCE_MEMBER).exists()
    for organisation in organisations:
        translated = organisation.get_translation_or_none(english_locale())
        assert translated is not None, organisation.slug
        assert translated.description and translated.description != organisation.description


def english_locale():
    return english(HomePage).get().locale


def test_english_translations_are_made_with_wagtail_localize_and_are_live(seeded):
    english_home = english(HomePage).get()
    assert english_home.live and english_home.title == "Livability Gelderland"
    dutch_home = dutch(HomePage).get()
    for path in demo_translations.PAGES:
        source = Page.objects.get(url_path=dutch_home.url_path + (f"{path}/" if path else ""))
        translated = source.get_translation_or_none(english_home.locale)
        assert translated is not None and translated.live, path or "home"
    for model in section_index_models():
        # English sections have English slugs (home/localisation.py): /en/knowledge-base/.
        section = english(model).live().get()
        assert section.slug == slugify(section.title), model.section_slug
    for page in english(Page).live().exclude(pk=english_home.pk):
        source = Page.objects.get(translation_key=page.translation_key, locale__language_code="nl")
        assert page.title != source.title or page.slug in {"pilots", "contact", "privacy"}, page.slug
        assert Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=page.locale, enabled=True
        ).exists(), page.slug
    assert english(KnowledgeItemPage).live().exists()
    assert english(PilotPage).live().exists()
    assert english(NewsPage).live().exists()


def test_the_default_site_and_footer_follow_the_settings(seeded, settings):
    site = Site.objects.get(is_default_site=True)
    assert f"http://{site.hostname}:{site.port}" == settings.BASE_URL
    footer = SiteSettings.for_site(site).footer
    links = list(footer.links.all())
    standard_pages = dutch(StandardPage).filter(depth=3).order_by("path")
    assert [link.page_id for link in links if link.page] == [page.pk for page in standard_pages]
    assert [link.url for link in links if not link.page] == ["https://www.gelderland.nl"]
    # Translated with wagtail-localize, as an editor would: the English team name and link text.
    english_footer = footer.get_translation(Locale.objects.get(language_code="en"))
    assert english_footer.team_name == "Team Leefbaarheid, Province of Gelderland"
    assert [link.label for link in english_footer.links.all() if link.url] == ["Province of Gelderland"]
    assert Translation.objects.filter(source__object_id=footer.translation_key, enabled=True).exists()


def test_images_and_documents_are_generated(seeded):
    images = get_image_model().objects.all()
    assert images.exists()
    for image in images:
        assert (image.width, image.height) == (1600, 900)
        assert image.file.storage.exists(image.file.name)
    assert {document.file_extension for document in get_document_model().objects.all()} == {"pdf", "txt"}


def test_every_live_page_renders(seeded, client):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.get_url())
        assert response.status_code == 200, page.get_url()


def test_image_credits_say_beeld_once_before_the_source(seeded, client):
    credits = []
    for page in Page.objects.live().filter(depth__gt=1).specific():
        html = BeautifulSoup(client.get(page.get_url()).content, "html.parser")
        credits += [" ".join(span.get_text().split()) for span in html.select(".image-block__credit")]

    assert credits, "seed_demo made no image with a credit"
    # Not "Foto: Illustratie: Provincie Gelderland": one label, then the maker or source.
    assert {credit for credit in credits if credit.count(":") != 1} == set()
    assert "Beeld: Provincie Gelderland" in credits


def test_the_demo_editor_is_created_when_the_settings_ask_for_it(seeded, settings):
    settings.SEED_DEMO_EDITOR = True

    output = seed()

    # Each demo account in one role (the groups come from migration home/0004_editor_roles).
    for username, group in (("redacteur", "Redacteuren"), ("hoofdredacteur", "Hoofdredactie")):
        account = get_user_model().objects.get(username=username)
        assert account.check_password("leefbaar-demo")
        assert list(account.groups.values_list("name", flat=True)) == [group]
        assert account.wagtail_userprofile.preferred_language == "nl"
        assert f"{username} ({group})" in output
    home = HomePage.objects.get(locale__language_code="nl", slug="home")
    assert home.permissions_for_user(get_user_model().objects.get(username="redacteur")).can_publish()
    assert f"{settings.BASE_URL}/admin/" in output
    assert "Demoaccounts: 2 nieuw" in output
    assert "Demoaccounts: 0 nieuw, 0 bijgewerkt, 2 ongewijzigd" in seed()


def test_no_demo_page_repeats_the_contact_details_the_settings_hold(seeded):
    for page in StandardPage.objects.all():
        body = str(page.body.raw_data)
        for detail in ("359 99 99", "Markt 11", "Postbus 9090"):
            assert detail not in body, f"{page.url_path} repeats {detail!r}: use the contact block"


def test_the_contact_page_shows_the_phone_number_from_the_settings(seeded, client):
    contact = dutch(StandardPage).get(slug="contact")
    body = str(contact.body.raw_data)
    assert "026 359" not in body and "Markt 11" not in body, "the body repeats what the settings hold"
    assert [block.block_type for block in contact.body][0] == "contact_details"
    footer = SiteSettings.for_site(Site.objects.get(is_default_site=True)).footer
    footer.phone = "026 359 12 34"
    footer.save()

    english_contact = english(StandardPage).get(translation_key=contact.translation_key)
    for page in (contact, english_contact):
        language = page.locale.language_code
        main = BeautifulSoup(client.get(page.get_url()).content, "html.parser").find("main")
        text = " ".join(main.get_text(" ").split())
        for detail in (
            "leefbaarheid@gelderland.nl",
            "Markt 11, 6811 CG Arnhem",
            "Postbus 9090",
            "026 359 12 34",
        ):
            assert detail in text, (language, detail)
        assert main.find("a", href="tel:+31263591234") is not None, language


def test_there_are_subscribers_to_try_the_newsletter_screens_with(seeded):
    demo = Subscriber.objects.filter(email__endswith=f"@{people.DOMAIN}")
    assert report(seeded.first)["Abonnees"][0] == demo.count() == people.SUBSCRIBERS
    confirmed = demo.filter(status=Subscriber.Status.CONFIRMED)
    assert confirmed.filter(language="nl").count() > 150 and confirmed.filter(language="en").count() > 10
    assert {Subscriber.Status.PENDING, Subscriber.Status.UNSUBSCRIBED, Subscriber.Status.BOUNCED} <= set(
        demo.values_list("status", flat=True)
    )
    assert not demo.filter(themes=None).exists()
    themes = set(demo.values_list("themes__slug", flat=True))
    assert themes == set(dutch(ThemePage).values_list("slug", flat=True))
    assert demo.exclude(municipality=None).values("municipality").distinct().count() > 30


def test_meetings_have_registrations_and_one_is_full_with_a_waitlist(seeded):
    now = timezone.now()
    upcoming = list(dutch(MeetingPage).filter(start__gt=now, capacity__isnull=False).order_by("start"))
    # The last: the first keeps places for whoever tries the public form.
    full = upcoming[-1]
    assert full.registrations.filter(status=Registration.Status.CONFIRMED).count() == full.capacity
    waiting = list(full.registrations.waiting())
    assert len(waiting) == people.WAITLIST
    assert [entry.waitlist_position for entry in waiting] == list(range(1, people.WAITLIST + 1))
    for meeting in upcoming[:-1]:
        confirmed = meeting.registrations.filter(status=Registration.Status.CONFIRMED).count()
        assert 0 < confirmed < meeting.capacity, meeting.slug
        assert meeting.registrations.pending().exists(), meeting.slug
    for meeting in dutch(MeetingPage).filter(end__lt=now):
        present = meeting.registrations.filter(status=Registration.Status.CONFIRMED, attended=True)
        absent = meeting.registrations.filter(status=Registration.Status.CONFIRMED, attended=False)
        assert present.exists() and absent.exists(), meeting.slug
    # Nothing was mailed: the rows were written without the registration's mails.
    assert not Registration.objects.exclude(mail_sent_at=None).exists()
