"""The kwartaalupdate as pages: an archive of issues, and each issue with its sections.

An issue is a page so that it gets preview, revisions, moderation, translation and a public URL
for free. Its sections are a StreamField of ``section`` blocks: each names its kind (meetings,
Monitor results, pilots, subsidy schemes, alliance news, knowledge), an optional editor's note and
the chosen pages, each with an optional note. ``assemble_issue`` fills a new draft from the pages
first published in its quarter; editors reorder and trim.
"""

import datetime
import html as html_lib
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils.html import strip_tags
from django.utils.text import get_text_list
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.http import serve_with_revalidation
from core.models import BasePage
from core.sections import SectionIndexMixin
from core.visibility import visible

from ..feeds import IssueFeed
from ..rendering import issue_sections, personalise, render_issue
from ..sections import SectionKind

__all__ = [
    "NewsletterIndexPage",
    "NewsletterIssuePage",
    "SectionKind",
    "issue_title",
    "quarter_bounds",
    "validate_quarter",
]

QUARTER_PATTERN = re.compile(r"^(?P<year>\d{4})-Q(?P<quarter>[1-4])$")


def quarter_bounds(quarter):
    """``(first day, first day of the next quarter)`` of a quarter written as ``2026-Q4``."""
    match = QUARTER_PATTERN.match(quarter or "")
    if not match:
        raise ValueError(quarter)
    year, number = int(match["year"]), int(match["quarter"])
    start = datetime.date(year, 3 * number - 2, 1)
    end = datetime.date(year + 1, 1, 1) if number == 4 else datetime.date(year, 3 * number + 1, 1)
    return start, end


# The season a quarter is named after, by the months it mostly covers: winter is January to March
# (Q1), lente April to June (Q2), zomer July to September (Q3), herfst October to December (Q4).
# A quarter is stored as ``2026-Q4``; its season and year make the title readers see.
SEASONS = {
    1: pgettext_lazy("seizoen", "winter"),
    2: pgettext_lazy("seizoen", "lente"),
    3: pgettext_lazy("seizoen", "zomer"),
    4: pgettext_lazy("seizoen", "herfst"),
}


def issue_title(quarter):
    """The plain title of a quarter's issue in the active language: "Kwartaalupdate herfst 2026".

    New issues get it by default (``assemble_issue``); the editor may change it.
    """
    match = QUARTER_PATTERN.match(quarter or "")
    if not match:
        raise ValueError(quarter)
    return gettext("Kwartaalupdate %(season)s %(year)s") % {
        "season": SEASONS[int(match["quarter"])],
        "year": match["year"],
    }


def validate_quarter(value):
    try:
        quarter_bounds(value)
    except ValueError:
        raise ValidationError(
            _("Schrijf het kwartaal als jaar-Q1 tot jaar-Q4, bijvoorbeeld 2026-Q4.")
        ) from None


class IssueItemBlock(blocks.StructBlock):
    """One page in a section, with an optional line from the editor."""

    page = blocks.PageChooserBlock(label=_("Pagina"))
    note = blocks.TextBlock(label=_("Toelichting van de redactie"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Onderwerp")
        template = "newsletter/blocks/issue_item.html"


class IssueSectionBlock(blocks.StructBlock):
    """A section of an issue: its kind, an optional note, and the pages it presents."""

    kind = blocks.ChoiceBlock(label=_("Soort"), choices=SectionKind.choices)
    note = blocks.TextBlock(label=_("Toelichting van de redactie"), required=False)
    items = blocks.ListBlock(IssueItemBlock(), label=_("Onderwerpen"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["heading"] = SectionKind(value["kind"]).label
        return context

    class Meta:
        icon = "list-ul"
        label = _("Rubriek")
        template = "newsletter/blocks/issue_section.html"
        preview_value = {"kind": SectionKind.MEETINGS, "note": "Meld u op tijd aan.", "items": []}


class NewsletterIndexPage(SectionIndexMixin, RoutablePageMixin, BasePage):
    """The archive of sent issues (``/kwartaalupdate/``), newest first, with an RSS feed."""

    section_name = "newsletter"
    section_slug = "kwartaalupdate"
    section_position = 70

    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("archief kwartaalupdate")

    def sent_issues(self):
        return (
            visible(NewsletterIssuePage.objects.child_of(self))
            .exclude(sent_at=None)
            .defer_streamfields()
            .order_by("-sent_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issues"] = self.sent_issues()
        return context

    def serve(self, request, view=None, args=None, kwargs=None):
        # RoutablePageMixin.serve calls the route's view instead of BasePage.serve: wrap it here.
        return serve_with_revalidation(
            request, self, lambda: RoutablePageMixin.serve(self, request, view, args, kwargs)
        )

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return IssueFeed(self, request)(request)


class NewsletterIssuePage(BasePage):
    """One kwartaalupdate: read on the site, sent by e-mail from the same data."""

    quarter = models.CharField(
        _("kwartaal"), max_length=7, validators=[validate_quarter], help_text=_("Bijvoorbeeld 2026-Q4.")
    )
    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])
    sections = StreamField([("section", IssueSectionBlock())], verbose_name=_("rubrieken"), blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True, editable=False)

    content_panels = BasePage.content_panels + [
        FieldPanel("quarter"),
        FieldPanel("intro"),
        FieldPanel("sections"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("sections")]
    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("quarter"),
        TranslatableField("intro"),
        TranslatableField("sections"),
    ]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []
    # A copy or a wagtail-localize translation of a sent issue has not been sent: without this it
    # would inherit ``sent_at`` and appear in the archive and the feed without ever being mailed.
    exclude_fields_in_copy = ["sent_at"]

    # The editor checks the e-mail exactly as a subscriber gets it, next to the web version.
    preview_modes = [("", _("Webpagina")), ("email", _("E-mail"))]
    default_preview_mode = ""

    class Meta:
        verbose_name = _("kwartaalupdate")
        verbose_name_plural = _("kwartaalupdates")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The same sections as the e-mail: pages unpublished since are left out on both.
        context["issue_sections"] = issue_sections(self)
        return context

    def summary(self):
        """A few plain sentences on what the issue holds, for the RSS feed and link previews.

        The editor's summary (``introduction``) if there is one, else the text of the
        introduction, else the names of its sections. Reads no chosen page: no query per item.
        """
        if self.introduction:
            return self.introduction
        intro = " ".join(html_lib.unescape(strip_tags(str(self.intro).replace("</p>", "</p> "))).split())
        if intro:
            return intro
        kinds = [block["value"]["kind"] for block in self.sections.raw_data if block["value"].get("items")]
        headings = [str(SectionKind(kind).label) for kind in kinds if kind in SectionKind.values]
        if not headings:
            return ""
        return gettext("In dit nummer: %(sections)s.") % {
            "sections": get_text_list(headings, pgettext("opsomming", "en"))
        }

    def serve_preview(self, request, mode_name):
        if mode_name != "email":
            return super().serve_preview(request, mode_name)
        rendered = render_issue(self)
        sample = f"{settings.BASE_URL}/voorbeeld"
        html, _text = personalise(
            rendered,
            preferences_url=f"{sample}/voorkeuren/",
            unsubscribe_url=f"{sample}/afmelden/",
            # Every theme, so the editor sees the whole themes block a reader could get.
            theme_keys=list(rendered.theme_fragments),
        )
        return HttpResponse(html)
