"""Fill a new draft kwartaalupdate from what the site published in a quarter.

Editors should not have to hunt for what happened in three months: ``assemble_issue`` collects the
visible pages of one language and puts each in its section, newest first. The editor then trims,
reorders and adds notes before sending.

What goes in (all live, outside private sections, in the issue's language):

- Bijeenkomsten: every meeting still to come (it ends at or after the moment of assembly), whenever
  it was published, soonest first. The section is there to register; a meeting that was published
  in the quarter but has already ended can no longer be joined, so it is left out.
- Monitor, Leefbaarheidsalliantie: news items of that category first published in the quarter,
  newest first (by their date, then by first publication).
- Pilots, Subsidies, Kennisbank: pages first published in the quarter, newest first.

Running it twice does not make a second issue: when the archive of that language already holds an
issue for the quarter (draft, live or sent), it refuses and names that issue, because updating it
would undo the editor's trimming and notes.
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.visibility import visible
from knowledge.models import KnowledgeItemPage, MeetingPage, NewsPage, PilotPage, SubsidyPage

from .models.issues import NewsletterIndexPage, NewsletterIssuePage, SectionKind, issue_title, quarter_bounds


class AssemblyError(Exception):
    """Why no issue was made, in words an editor can act on."""


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


def _published_in(model, locale, start, end):
    return visible(model.objects.filter(locale=locale)).filter(
        first_published_at__gte=start, first_published_at__lt=end
    )


def collect_pages(quarter, locale, now=None):
    """``[(SectionKind, [pages])]`` in the order of the issue, only sections with pages."""
    start, end = quarter_range(quarter)
    now = now or timezone.now()
    newest = ("-first_published_at", "-pk")
    news = _published_in(NewsPage, locale, start, end).order_by("-date", *newest)
    candidates = [
        (
            SectionKind.MEETINGS,
            visible(MeetingPage.objects.filter(locale=locale)).filter(end__gte=now).order_by("start", "pk"),
        ),
        (SectionKind.MONITOR, news.filter(category=NewsPage.Category.MONITOR)),
        (SectionKind.PILOTS, _published_in(PilotPage, locale, start, end).order_by(*newest)),
        (SectionKind.SUBSIDIES, _published_in(SubsidyPage, locale, start, end).order_by(*newest)),
        (SectionKind.ALLIANCE, news.filter(category=NewsPage.Category.ALLIANCE)),
        (SectionKind.KNOWLEDGE, _published_in(KnowledgeItemPage, locale, start, end).order_by(*newest)),
    ]
    sections = []
    for kind, queryset in candidates:
        pages = list(queryset.defer_streamfields())
        if pages:
            sections.append((kind, pages))
    return sections


def _locale(language_code):
    try:
        return Locale.objects.get(language_code=language_code)
    except Locale.DoesNotExist:
        raise AssemblyError(
            _("De taal “%(language)s” bestaat niet op deze site.") % {"language": language_code}
        ) from None


def existing_issue(quarter, locale):
    return NewsletterIssuePage.objects.filter(quarter=quarter, locale=locale).order_by("pk").first()


def assemble_issue(quarter, language_code=None, user=None, now=None):
    """Make a draft issue for ``quarter`` below the archive of that language; return it.

    Raises ``AssemblyError`` for a bad quarter, an unknown language, a missing archive, or when
    the quarter already has an issue in that language.
    """
    quarter = (quarter or "").strip().upper()
    quarter_range(quarter)  # a bad quarter fails before anything else is looked up
    locale = _locale(language_code) if language_code else Locale.get_default()
    archive = NewsletterIndexPage.objects.filter(locale=locale).order_by("path").first()
    if archive is None:
        raise AssemblyError(
            _("Er is geen archief van de kwartaalupdate in de taal “%(language)s”. Maak dat eerst aan.")
            % {"language": locale.language_code}
        )
    existing = existing_issue(quarter, locale)
    if existing is not None:
        raise AssemblyError(
            _("Voor %(quarter)s is er al een kwartaalupdate in deze taal: “%(title)s”. Pas die aan.")
            % {"quarter": quarter, "title": existing.title}
        )

    sections = collect_pages(quarter, locale, now=now)
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
