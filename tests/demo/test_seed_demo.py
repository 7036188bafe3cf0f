"""A developer runs ``manage.py seed_demo`` (twice) and gets a demo site that looks like the real one.

Seeding takes half a minute, so the module seeds once, twice in a row, inside a transaction that
is rolled back when the module is done; each test runs in a savepoint of its own on top of it.
"""

import datetime
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, Site
from wagtail_localize.models import StringTranslation, Translation

from home.models import HomePage, SiteSettings, StandardPage
from knowledge.models import (
    KnowledgeItemPage,
    MeetingPage,
    NewsPage,
    Organisation,
    PilotPage,
    SubsidyPage,
    ThemePage,
)

THEME_SLUGS = {
    "eenzaamheid",
    "armoede-en-schulden",
    "covid-19-en-sociale-verbondenheid",
    "sociale-infrastructuur",
    "gebiedsgericht-werken",
    "bewonersparticipatie",
}
INDEX_SLUGS = ["themas", "kennisbank", "pilots", "leernetwerk", "nieuws", "subsidies"]
STANDARD_SLUGS = ["over", "contact", "privacy", "toegankelijkheid"]
ASSESSED_LEVELS = {
    KnowledgeItemPage.EvidenceLevel.EFFECTIVE,
    KnowledgeItemPage.EvidenceLevel.WELL_FOUNDED,
    KnowledgeItemPage.EvidenceLevel.WELL_DESCRIBED,
    KnowledgeItemPage.EvidenceLevel.EVALUATED_PILOT,
}

pytestmark = pytest.mark.django_db


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


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
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        first_output = seed()
        before = database_counts()
        second_output = seed()
        after = database_counts()
        yield SimpleNamespace(first=first_output, second=second_output, before=before, after=after)
        transaction.set_rollback(True)


def dutch(model):
    return model.objects.filter(locale__language_code="nl")


def english(model):
    return model.objects.filter(locale__language_code="en")


def test_the_first_run_reports_each_section_with_counts(seeded):
    assert "Knowledge items: 35 created, 0 updated, 0 unchanged" in seeded.first
    assert "English translations: 38 created" in seeded.first
    assert "Demo content ready" in seeded.first


def test_the_second_run_creates_and_changes_nothing(seeded):
    assert seeded.after == seeded.before
    section_lines = [line for line in seeded.second.splitlines() if " created, " in line]
    assert len(section_lines) == 14
    for line in section_lines:
        assert " 0 created, 0 updated, " in line, line


def test_there_is_no_demo_editor_account_under_test_settings(seeded):
    assert not get_user_model().objects.filter(username="redacteur").exists()
    assert "skipped: SEED_DEMO_EDITOR is off" in seeded.first
    assert "/admin/" not in seeded.first


def test_the_home_page_and_section_pages_are_filled_and_in_the_menu(seeded):
    home = HomePage.objects.get(locale__language_code="nl", slug="home")
    assert home.hero_title and home.hero_image and home.introduction
    assert len(home.body) >= 3
    children = {page.slug: page.specific for page in home.get_children().live()}
    for slug in INDEX_SLUGS:
        assert children[slug].show_in_menus, slug
        assert children[slug].introduction, slug
    for slug in STANDARD_SLUGS:
        assert isinstance(children[slug], StandardPage)
        assert len(children[slug].body) >= 2, slug
    contact = children["contact"].body.render_as_block()
    for detail in ("leefbaarheid@gelderland.nl", "Markt 11, 6811 CG Arnhem", "Postbus 9090", "026 359 99 99"):
        assert detail in contact


def test_every_page_is_published_with_a_revision(seeded):
    for page in Page.objects.filter(depth__gt=1):
        assert page.live and page.live_revision_id, page.url_path
        assert page.first_published_at and page.last_published_at, page.url_path
        assert not page.has_unpublished_changes, page.url_path


def test_the_six_themes_each_have_three_to_five_questions(seeded):
    themes = dutch(ThemePage)
    assert set(themes.values_list("slug", flat=True)) == THEME_SLUGS
    for theme in themes:
        assert 3 <= len(theme.questions) <= 5, theme.slug
        assert len(theme.body) >= 1, theme.slug


def test_the_knowledge_base_covers_every_kind_theme_and_level_of_evidence(seeded):
    items = dutch(KnowledgeItemPage).live()
    assert items.count() >= 30
    assert set(items.values_list("kind", flat=True)) == set(KnowledgeItemPage.Kind.values)
    assert set(items.values_list("evidence_level", flat=True)) == set(KnowledgeItemPage.EvidenceLevel.values)
    assert set(items.values_list("themes__slug", flat=True)) == THEME_SLUGS
    for item in items:
        for field in ("introduction", "goal", "target_group", "approach", "working_elements"):
            assert getattr(item, field), f"{item.slug}: {field}"
        assert item.conditions_and_costs and item.external_url.startswith("https://"), item.slug
        assert item.source_organisation and item.year and item.last_reviewed, item.slug
        assert item.themes.exists() and item.knowledge_sources, item.slug
        assert item.listing_image, item.slug
        if item.evidence_level in ASSESSED_LEVELS:
            assert item.evidence_assessed_by and item.evidence_assessed_on, item.slug
        if item.kind == KnowledgeItemPage.Kind.GOOD_PRACTICE:
            assert item.municipality, item.slug


def test_six_pilots_in_six_municipalities_with_lessons_and_methods(seeded):
    pilots = dutch(PilotPage).live()
    assert pilots.count() == 6
    assert pilots.values("municipality").distinct().count() == 6
    assert set(pilots.values_list("status", flat=True)) == set(PilotPage.Status.values)
    for pilot in pilots:
        assert 2 <= len(pilot.lessons) <= 4, pilot.slug
        assert pilot.aim and pilot.approach and pilot.partner_list and pilot.evaluation, pilot.slug
        assert pilot.contact_email and pilot.latitude and pilot.longitude, pilot.slug
        assert pilot.supporting_organisation and pilot.themes.exists(), pilot.slug
        methods = list(pilot.methods_used.all())
        assert methods, pilot.slug
        for method in methods:
            assert pilot in method.pilots_using.all()
    today = timezone.localdate()
    for pilot in pilots.filter(status=PilotPage.Status.RUNNING):
        assert pilot.start_date <= today <= pilot.end_date
    for pilot in pilots.filter(status=PilotPage.Status.PLANNED):
        assert pilot.start_date > today


def test_the_2021_meetings_are_past_with_a_report_and_three_more_are_upcoming(seeded):
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
    assert meetings.filter(start__gt=timezone.now()).count() >= 3
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

    assert "Meetings: 0 created, 1 updated, 6 unchanged" in output
    meeting.refresh_from_db()
    assert meeting.start > timezone.now() and meeting.live and not meeting.has_unpublished_changes
    assert dutch(MeetingPage).get(slug="leernetwerk-buurtbudgetten").start == still_upcoming.start


def test_a_rerun_recreates_only_what_is_missing(seeded):
    dutch(KnowledgeItemPage).get(slug="signaleringskaart-eenzaamheid").delete()

    output = seed()

    assert "Knowledge items: 1 created, 0 updated, 34 unchanged" in output
    assert "Pilots: 0 created, 0 updated, 6 unchanged" in output


def test_twelve_news_items_over_every_category_in_the_last_eighteen_months(seeded):
    news = dutch(NewsPage).live()
    assert news.count() == 12
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


def test_three_subsidy_schemes_open_upcoming_and_closed(seeded):
    schemes = dutch(SubsidyPage).live()
    assert sorted(schemes.values_list("status", flat=True)) == ["closed", "open", "upcoming"]
    for scheme in schemes:
        assert scheme.funder and scheme.target_group and scheme.amount and scheme.deadline, scheme.slug
        assert scheme.external_url, scheme.slug
    assert schemes.get(status="open").deadline >= timezone.localdate()


def test_partner_organisations_with_slugs_and_english_descriptions(seeded):
    organisations = Organisation.objects.filter(locale__language_code="nl")
    slugs = set(organisations.values_list("slug", flat=True))
    assert {"movisie", "platform31", "leefbaarheidsalliantie-gelderland", "provincie-gelderland"} <= slugs
    assert organisations.filter(kind=Organisation.Kind.ALLIANCE_MEMBER).count() >= 3
    for organisation in organisations:
        translated = organisation.get_translation_or_none(english_locale())
        assert translated is not None, organisation.slug
        assert translated.description and translated.description != organisation.description


def english_locale():
    return english(HomePage).get().locale


def test_english_translations_are_made_with_wagtail_localize_and_are_live(seeded):
    assert english(Page).live().count() >= 17
    english_home = english(HomePage).get()
    assert english_home.live and english_home.title == "Livability Gelderland"
    translated_slugs = set(english(Page).live().values_list("slug", flat=True))
    assert set(INDEX_SLUGS + STANDARD_SLUGS) | THEME_SLUGS <= translated_slugs
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
    links = list(SiteSettings.for_site(site).footer_links.all())
    assert [link.page.slug for link in links if link.page] == STANDARD_SLUGS
    assert [link.url for link in links if not link.page] == ["https://www.gelderland.nl"]


def test_images_and_documents_are_generated(seeded):
    images = get_image_model().objects.all()
    assert images.count() >= 10
    for image in images:
        assert (image.width, image.height) == (1600, 900)
        assert image.file.storage.exists(image.file.name)
    assert {document.file_extension for document in get_document_model().objects.all()} == {"pdf", "txt"}


def test_every_live_page_renders(seeded, client):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.get_url())
        assert response.status_code == 200, page.get_url()


def test_the_demo_editor_is_created_when_the_settings_ask_for_it(seeded, settings):
    settings.SEED_DEMO_EDITOR = True

    output = seed()

    editor = get_user_model().objects.get(username="redacteur")
    assert editor.check_password("leefbaar-demo")
    assert editor.groups.filter(name="Editors").exists()
    assert editor.wagtail_userprofile.preferred_language == "nl"
    assert f"{settings.BASE_URL}/admin/" in output
    assert "Demo editor: 1 created" in output
    assert "Demo editor: 0 created, 0 updated, 1 unchanged" in seed()
