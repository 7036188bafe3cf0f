"""Fill a new draft kwartaalupdate from what the site published in a quarter: a choice, not a dump.

Editors should not have to hunt for what happened in three months, nor delete thirty items one by
one because an import flooded the quarter. So assembly has two steps, both here:

1. ``candidates(quarter, locale)``: per section, the pages that *could* go in (live, outside private
   sections, in the issue's language), newest or most relevant first, with a sensible pre-selection
   of at most ``PRESELECTED`` each. The admin screen (``newsletter.admin.issues``) shows them with a
   checkbox each; ``manage.py assemble_issue`` takes the pre-selection as it is.
2. ``assemble_issue(quarter, language, selection=...)``: the draft issue with the chosen pages, each
   in its section, sections in ``DEFAULT_ORDER`` (the editor reorders them in the issue itself).

What a section offers (``SECTIONS`` below says it in code):

- Bijeenkomsten en aanmelden: meetings still to come (they end at or after the moment of assembly),
  whenever published, soonest first. A cancelled meeting is never offered: nobody can register.
- Bijeenkomsten die zijn geweest: meetings of the quarter that have ended, newest first; those with a
  report (something to read) first and pre-selected.
- Nieuws van het programma, Monitor, Leefbaarheidsalliantie, Artikelen van partners: news of that
  category first published in the quarter, newest first (by its date, then first publication).
- Pilots: pilots first published in the quarter and news about pilots, newest first.
- Subsidieregelingen: schemes still open (not closed, deadline not passed), soonest deadline first;
  those first published in the quarter are pre-selected.
- Uit de kennisbank: knowledge items first published in the quarter, newest first.

Running it twice does not make a second issue: when the archive of that language already holds an
issue for the quarter (draft, live or sent), it refuses and names that issue, because updating it
would undo the editor's trimming and notes.
"""

import dataclasses
import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.visibility import visible
from knowledge.models import KnowledgeItemPage, MeetingPage, NewsPage, PilotPage, SubsidyPage

from .models.issues import NewsletterIndexPage, NewsletterIssuePage, SectionKind, issue_title, quarter_bounds
from .sections import DEFAULT_ORDER

# How many items a section gets ticked by default: enough to show what happened, few enough that
# an import of 36 knowledge items does not take over the issue.
PRESELECTED = 5
# How many candidates a section lists at most; the rest are older and can be chosen in the issue.
SHOWN = 40


class AssemblyError(Exception):
    """Why no issue was made, in words an editor can act on."""


@dataclasses.dataclass
class SectionCandidates:
    """What one section could hold: ``pages`` in the order offered, ``preselected`` page ids."""

    kind: SectionKind
    pages: list
    preselected: list
    total: int

    @property
    def heading(self):
        return self.kind.label

    @property
    def page_ids(self):
        return [page.pk for page in self.pages]


def quarter_range(quarter):
    """Aware datetimes ``[start, end)`` of the quarter in the site's time zone, or AssemblyError."""
    try:
        start, end = quarter_bounds(quarter)
    except ValueError:
        raise AssemblyError(
            _("“%(quarter)s” is geen kwartaal. Schrijf het als jaar-Q1 tot jaar-Q4, bijvoorbeeld 2026-Q4.")
            % {"quarter": quarter}
        ) from None
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(end, datetime.time.min, tzinfo=zone),
    )


def current_quarter(today=None):
    today = today or timezone.localdate()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def normalise_quarter(quarter):
    """``" 2026-q4 "`` → ``"2026-Q4"``; AssemblyError when it is no quarter."""
    quarter = (quarter or "").strip().upper()
    quarter_range(quarter)
    return quarter


# The sections' questions ------------------------------------------------------------------------
# Each takes (locale, start, end, now) and answers (ordered queryset or list, preselect rule).
# A preselect rule picks the page ids to tick from the offered pages, at most PRESELECTED.

NEWEST = ("-first_published_at", "-pk")


def _live(model, locale):
    return visible(model.objects.filter(locale=locale)).defer_streamfields()


def _published_in(model, locale, start, end):
    return _live(model, locale).filter(first_published_at__gte=start, first_published_at__lt=end)


def _first(pages):
    return [page.pk for page in pages[:PRESELECTED]]


def _news(category):
    def question(locale, start, end, now):
        pages = (
            _published_in(NewsPage, locale, start, end).filter(category=category).order_by("-date", *NEWEST)
        )
        return pages, _first

    return question


def _coming_meetings(locale, start, end, now):
    pages = _live(MeetingPage, locale).filter(end__gte=now, cancelled=False).order_by("start", "pk")
    return pages, _first


def _held_meetings(locale, start, end, now):
    pages = (
        _live(MeetingPage, locale)
        .filter(start__gte=start, start__lt=end, end__lt=now, cancelled=False)
        .annotate(
            without_report=Case(When(report="", then=Value(1)), default=Value(0), output_field=IntegerField())
        )
        .order_by("without_report", "-start", "-pk")
    )

    def with_report(pages):
        return [page.pk for page in pages if page.report][:PRESELECTED]

    return pages, with_report


def _pilots(locale, start, end, now):
    pilots = list(_published_in(PilotPage, locale, start, end).order_by(*NEWEST)[:SHOWN])
    news = list(
        _published_in(NewsPage, locale, start, end)
        .filter(category=NewsPage.Category.PILOT)
        .order_by("-date", *NEWEST)[:SHOWN]
    )

    def newest(page):
        # A news item's own date says when it happened; a pilot page's first publication does.
        moment = page.first_published_at
        if isinstance(page, NewsPage):
            moment = datetime.datetime.combine(page.date, datetime.time.max, tzinfo=moment.tzinfo)
        return moment

    return sorted(pilots + news, key=newest, reverse=True), _first


def _open_subsidies(locale, start, end, now):
    today = timezone.localdate(now)
    pages = (
        _live(SubsidyPage, locale)
        .exclude(status=SubsidyPage.Status.CLOSED)
        .filter(Q(deadline=None) | Q(deadline__gte=today))
        .order_by(SubsidyPage.soonest_deadline_first, *NEWEST)
    )

    def new_this_quarter(pages):
        return [page.pk for page in pages if start <= page.first_published_at < end][:PRESELECTED]

    return pages, new_this_quarter


def _knowledge(locale, start, end, now):
    return _published_in(KnowledgeItemPage, locale, start, end).order_by(*NEWEST), _first


SECTIONS = {
    SectionKind.MEETINGS: _coming_meetings,
    SectionKind.MEETINGS_HELD: _held_meetings,
    SectionKind.PROGRAMME: _news(NewsPage.Category.PROGRAMME),
    SectionKind.MONITOR: _news(NewsPage.Category.MONITOR),
    SectionKind.PILOTS: _pilots,
    SectionKind.SUBSIDIES: _open_subsidies,
    SectionKind.ALLIANCE: _news(NewsPage.Category.ALLIANCE),
    SectionKind.PARTNERS: _news(NewsPage.Category.PARTNER),
    SectionKind.KNOWLEDGE: _knowledge,
}


def candidates(quarter, locale, now=None):
    """``[SectionCandidates]`` for every section in ``DEFAULT_ORDER``, also the empty ones."""
    start, end = quarter_range(quarter)
    now = now or timezone.now()
    sections = []
    for kind in DEFAULT_ORDER:
        found, preselect = SECTIONS[kind](locale, start, end, now)
        total = len(found) if isinstance(found, list) else found.count()
        pages = list(found[:SHOWN])
        sections.append(SectionCandidates(kind=kind, pages=pages, preselected=preselect(pages), total=total))
    return sections


def collect_pages(quarter, locale, now=None):
    """``[(SectionKind, [pages])]``: the pre-selection, only sections with pages, in issue order."""
    result = []
    for section in candidates(quarter, locale, now=now):
        chosen = set(section.preselected)
        pages = [page for page in section.pages if page.pk in chosen]
        if pages:
            result.append((section.kind, pages))
    return result


def _locale(language_code):
    try:
        return Locale.objects.get(language_code=language_code)
    except Locale.DoesNotExist:
        raise AssemblyError(
            _("De taal “%(language)s” bestaat niet op deze site.") % {"language": language_code}
        ) from None


def locale_for(language_code=None):
    """The Locale of ``language_code`` (the default language when empty), or AssemblyError."""
    return _locale(language_code) if language_code else Locale.get_default()


def archive_for(locale):
    """The kwartaalupdate archive of ``locale``, or AssemblyError saying to make one."""
    archive = NewsletterIndexPage.objects.filter(locale=locale).order_by("path").first()
    if archive is None:
        raise AssemblyError(
            _("Er is geen archief van de kwartaalupdate in de taal “%(language)s”. Maak dat eerst aan.")
            % {"language": locale.language_code}
        )
    return archive


def existing_issue(quarter, locale):
    return NewsletterIssuePage.objects.filter(quarter=quarter, locale=locale).order_by("pk").first()


def _refuse_existing(quarter, locale):
    existing = existing_issue(quarter, locale)
    if existing is not None:
        raise AssemblyError(
            _("Voor %(quarter)s is er al een kwartaalupdate in deze taal: “%(title)s”. Pas die aan.")
            % {"quarter": quarter, "title": existing.title}
        )


def chosen_sections(sections, selection):
    """``[(kind, [pages])]`` with the pages of ``selection`` (``{kind: [page id]}``), offered order.

    Only pages a section offered count: an id typed into a request (a draft, a private page, a page
    of another language or section) is ignored.
    """
    result = []
    for section in sections:
        wanted = {int(pk) for pk in selection.get(section.kind, selection.get(section.kind.value, ()))}
        pages = [page for page in section.pages if page.pk in wanted]
        if pages:
            result.append((section.kind, pages))
    return result


def assemble_issue(quarter, language_code=None, user=None, now=None, selection=None):
    """Make a draft issue for ``quarter`` below the archive of that language; return it.

    ``selection`` is ``{kind: [page id]}`` as an editor ticked it; without it the pre-selection
    is used. The title is the plain one for the quarter ("Kwartaalupdate herfst 2026").

    Raises ``AssemblyError`` for a bad quarter, an unknown language, a missing archive, or when
    the quarter already has an issue in that language.
    """
    quarter = normalise_quarter(quarter)  # a bad quarter fails before anything else is looked up
    locale = locale_for(language_code)
    archive = archive_for(locale)
    _refuse_existing(quarter, locale)

    if selection is None:
        sections = collect_pages(quarter, locale, now=now)
    else:
        sections = chosen_sections(candidates(quarter, locale, now=now), selection)
    with translation.override(locale.language_code):
        title = issue_title(quarter)
    issue = NewsletterIssuePage(
        title=title,
        slug=slugify(f"kwartaalupdate-{quarter}"),
        quarter=quarter,
        locale=locale,
        live=False,
        owner=user,
        sections=[
            {
                "type": "section",
                "value": {
                    "kind": kind.value,
                    "note": "",
                    "items": [
                        {"type": "item", "id": str(uuid.uuid4()), "value": {"page": page.pk, "note": ""}}
                        for page in pages
                    ],
                },
            }
            for kind, pages in sections
        ],
    )
    try:
        archive.add_child(instance=issue)
    except ValidationError as error:
        raise AssemblyError(" ".join(error.messages)) from None
    issue.save_revision(user=user, log_action=True)
    return issue
