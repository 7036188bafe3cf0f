"""Factories for the knowledge base: themes, items, pilots, meetings, news, subsidies, partners.

Relations (themes, organisations, methods) point at Dutch rows, as editors make them; pass
``themes=[...]`` as a keyword and modelcluster saves the relation together with the page.
``build_site()`` hangs the six index pages and the programme's themes below the Dutch home page,
the tree every listing test starts from.
"""

import datetime
from dataclasses import dataclass

import factory
import wagtail_factories
from django.utils import timezone

from home.models import HomePage
from knowledge.models import (
    KnowledgeIndexPage,
    KnowledgeItemPage,
    MeetingIndexPage,
    MeetingPage,
    Municipality,
    NewsIndexPage,
    NewsPage,
    Organisation,
    PilotIndexPage,
    PilotPage,
    SubsidyIndexPage,
    SubsidyPage,
    ThemeIndexPage,
    ThemePage,
)
from newsletter.models import NewsletterIndexPage

from .core import BasePageFactory, BodyStreamBlockFactory, locale
from .home import dutch_home, site_settings
from .newsletter import NewsletterIndexPageFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    kind = Organisation.Kind.KNOWLEDGE_ORGANISATION
    description = "Een kennisorganisatie die gemeenten helpt."
    locale = factory.LazyFunction(lambda: locale("nl"))

    class Meta:
        model = Organisation


def municipality(name):
    """The 51 municipalities come from a data migration; tests pick one by name."""
    return Municipality.objects.get(name=name)


# Index pages -------------------------------------------------------------------------------------


class ThemeIndexPageFactory(BasePageFactory):
    title = "Thema's"
    slug = ThemeIndexPage.section_slug
    show_in_menus = True

    class Meta:
        model = ThemeIndexPage


class KnowledgeIndexPageFactory(BasePageFactory):
    title = "Kennisbank"
    slug = KnowledgeIndexPage.section_slug
    show_in_menus = True

    class Meta:
        model = KnowledgeIndexPage


class PilotIndexPageFactory(BasePageFactory):
    title = "Pilots"
    slug = PilotIndexPage.section_slug
    show_in_menus = True

    class Meta:
        model = PilotIndexPage


class MeetingIndexPageFactory(BasePageFactory):
    title = "Leernetwerk"
    slug = MeetingIndexPage.section_slug
    show_in_menus = True

    class Meta:
        model = MeetingIndexPage


class NewsIndexPageFactory(BasePageFactory):
    title = "Nieuws"
    slug = NewsIndexPage.section_slug
    show_in_menus = True

    class Meta:
        model = NewsIndexPage


class SubsidyIndexPageFactory(BasePageFactory):
    title = "Subsidies"
    slug = SubsidyIndexPage.section_slug
    show_in_menus = True

    class Meta:
        model = SubsidyIndexPage


# Content pages -----------------------------------------------------------------------------------


class ThemePageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Thema {n}")
    body = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)

    class Meta:
        model = ThemePage


class KnowledgeItemPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Kennisitem {n}")
    kind = KnowledgeItemPage.Kind.METHOD
    goal = "Mensen die zich eenzaam voelen vinden weer aansluiting in hun buurt."
    target_group = "Ouderen die alleen wonen"
    evidence_level = KnowledgeItemPage.EvidenceLevel.WELL_DESCRIBED
    year = 2023
    body = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)

    class Meta:
        model = KnowledgeItemPage


class PilotPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Pilot {n}")
    municipality = factory.LazyFunction(lambda: municipality("Arnhem"))
    place = "Presikhaaf"
    status = PilotPage.Status.RUNNING
    start_date = datetime.date(2023, 1, 1)
    aim = "Bewoners leren elkaar kennen en helpen elkaar."

    class Meta:
        model = PilotPage


def _in_days(days, hour=10):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class MeetingPageFactory(BasePageFactory):
    """A meeting in two weeks; pass ``days=-30`` for one that has passed."""

    class Params:
        days = 14

    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    format = MeetingPage.Format.IN_PERSON
    start = factory.LazyAttribute(lambda page: _in_days(page.days))
    end = factory.LazyAttribute(lambda page: page.start + datetime.timedelta(hours=2))
    location_name = "Provinciehuis"
    address = "Markt 11, Arnhem"
    audience = "Ambtenaren van Gelderse gemeenten"

    class Meta:
        model = MeetingPage


class NewsPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")
    category = NewsPage.Category.PROGRAMME
    date = datetime.date(2024, 3, 1)
    author = "Team Leefbaarheid"
    body = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)

    class Meta:
        model = NewsPage


class SubsidyPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Subsidie {n}")
    funder = "Provincie Gelderland"
    target_group = "Dorpshuizen en wijkcentra"
    amount = "tot € 25.000"
    status = SubsidyPage.Status.OPEN
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    body = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)

    class Meta:
        model = SubsidyPage


# The tree ----------------------------------------------------------------------------------------

THEME_TITLES = {
    "eenzaamheid": "Eenzaamheid",
    "armoede-en-schulden": "Armoede en schulden",
    "sociale-infrastructuur": "Sociale infrastructuur",
}


@dataclass
class SiteTree:
    home: HomePage
    theme_index: ThemeIndexPage
    knowledge_index: KnowledgeIndexPage
    pilot_index: PilotIndexPage
    meeting_index: MeetingIndexPage
    news_index: NewsIndexPage
    subsidy_index: SubsidyIndexPage
    newsletter_index: NewsletterIndexPage
    themes: dict  # slug -> ThemePage


def build_site(theme_slugs=tuple(THEME_TITLES)):
    """The Dutch index pages below the existing home page, and a few of the programme's themes.

    The site settings row is made too, as on any real site: the first request would otherwise
    create it and, through the save signal, expire the cached menu it has just built.
    """
    home = dutch_home()
    site_settings()
    theme_index = ThemeIndexPageFactory(parent=home)
    themes = {
        slug: ThemePageFactory(parent=theme_index, slug=slug, title=THEME_TITLES.get(slug, slug))
        for slug in theme_slugs
    }
    return SiteTree(
        home=home,
        theme_index=theme_index,
        knowledge_index=KnowledgeIndexPageFactory(parent=home),
        pilot_index=PilotIndexPageFactory(parent=home),
        meeting_index=MeetingIndexPageFactory(parent=home),
        news_index=NewsIndexPageFactory(parent=home),
        subsidy_index=SubsidyIndexPageFactory(parent=home),
        newsletter_index=NewsletterIndexPageFactory(parent=home),
        themes=themes,
    )
