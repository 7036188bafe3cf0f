"""The kwartaalupdate as pages: an archive of issues, and each issue with its sections.

An issue is a page so that it gets preview, revisions, moderation, translation and a public URL
for free. Its body is a StreamField of ``section`` blocks, each naming its kind (``SectionKind``),
an optional editor's note and the chosen pages, each with an optional note, and of free blocks
beside them (text, an image, a call to action: ``newsletter.blocks``). Editors reorder them there.
``newsletter.assembly`` makes a new draft from the pages an editor ticks for a quarter.

Three texts introduce an issue, each with its own job (the labels in the editor say which):

- ``preheader``: the short line a mail program shows beside the subject in the inbox;
- ``introduction`` (*Samenvatting*, from ``BasePage``): two or three plain sentences for the
  archive, the RSS feed and link previews;
- ``intro`` (*Voorwoord*): the editors' opening words at the top of the issue, with links.

Before an issue goes out, ``NewsletterIssuePage.problems()`` lists what would keep a reader from an
item (a draft, a private page, a page in another language, a page deleted since); the edit view
shows the list and sending is refused while it is not empty.
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
from wagtail.admin.panels import FieldPanel, Panel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.http import serve_with_revalidation
from core.models import BasePage
from core.sections import SectionIndexMixin
from core.visibility import is_private, visible

from ..blocks import FREE_BLOCKS
from ..feeds import IssueFeed
from ..rendering import issue_sections, personalise, render_issue
from ..sections import SectionKind
from ..snapshot import PAGE_TEMPLATE as SNAPSHOT_TEMPLATE
from ..snapshot import archived_version

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


def quarter_label(quarter):
    """A quarter as readers say it, in the active language: "herfst 2026" for ``2026-Q4``."""
    match = QUARTER_PATTERN.match(quarter or "")
    if not match:
        return quarter or ""
    return f"{SEASONS[int(match['quarter'])]} {match['year']}"


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


class AssembleLinkPanel(Panel):
    """A visible "Kwartaalupdate samenstellen" button on the archive's edit form.

    Wagtail puts the page header's extra buttons in a "…" menu, where editors did not find it.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "newsletter/admin/panels/assemble_link.html"

        def is_shown(self):
            archive = self.instance
            return bool(archive.pk) and archive.permissions_for_user(self.request.user).can_add_subpage()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["archive"] = self.instance
            return context


class IssueChecksPanel(Panel):
    """At the top of an issue's edit form: what must be fixed before it may be sent, and the
    actions an editor looks for (test mail, send), as visible buttons rather than a "…" menu."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "newsletter/admin/panels/issue_checks.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            issue = self.instance
            permissions = issue.permissions_for_user(self.request.user) if issue.pk else None
            context.update(
                issue=issue,
                problems=issue.problems(),
                can_test=bool(permissions and permissions.can_edit()),
                can_send=bool(permissions and permissions.can_publish() and issue.live),
            )
            return context


class NewsletterIndexPage(SectionIndexMixin, RoutablePageMixin, BasePage):
    """The archive of sent issues (``/kwartaalupdate/``), newest first, with an RSS feed."""

    section_name = "newsletter"
    section_slug = "kwartaalupdate"
    section_position = 70

    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count_per_parent = 1

    content_panels = [AssembleLinkPanel(heading=_("Nieuw nummer")), *BasePage.content_panels]

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
    preheader = models.CharField(
        _("regel in de inbox"),
        max_length=150,
        blank=True,
        help_text=_(
            "Eén korte zin die mailprogramma's naast het onderwerp laten zien, zodat lezers weten "
            "wat erin staat. Leeg: de samenvatting."
        ),
    )
    intro = RichTextField(
        _("voorwoord"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Het welkomstwoord bovenaan het nummer, in de mail en op de website. Mag links hebben."),
    )
    sections = StreamField(
        [("section", IssueSectionBlock()), *FREE_BLOCKS],
        verbose_name=_("rubrieken en blokken"),
        blank=True,
        help_text=_(
            "Rubrieken met pagina's, en eigen blokken ertussen: tekst, een afbeelding of een knop. "
            "Versleep ze om de volgorde te veranderen."
        ),
    )
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True, editable=False)

    content_panels = [
        IssueChecksPanel(heading=_("Controle voor het versturen")),
        *Page.content_panels,
        FieldPanel("quarter"),
        FieldPanel("preheader"),
        FieldPanel(
            "introduction",
            heading=_("Samenvatting"),
            help_text=_(
                "Twee of drie zinnen in eenvoudige taal (B1) over wat er in dit nummer staat. Staat in "
                "het archief, de RSS-feed en als voorvertoning van links."
            ),
        ),
        FieldPanel("intro"),
        FieldPanel("listing_image"),
        FieldPanel("sections"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("sections")]
    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("quarter"),
        TranslatableField("preheader"),
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
        # A sent issue shows what went out, with notes where its pages changed (newsletter.snapshot).
        context["snapshot"] = archived_version(self, request)
        return context

    def get_template(self, request, *args, **kwargs):
        if archived_version(self, request) is not None:
            return SNAPSHOT_TEMPLATE
        return super().get_template(request, *args, **kwargs)

    def quarter_label(self):
        """``quarter_label`` of this issue: what the mail's and the archive's kicker say."""
        return quarter_label(self.quarter)

    def summary(self):
        """A few plain sentences on what the issue holds, for the RSS feed and link previews.

        The editor's summary (``introduction``) if there is one, else the text of the
        foreword (``intro``), else the names of its sections. Reads no chosen page: no query per item.
        """
        if self.introduction:
            return self.introduction
        intro = " ".join(html_lib.unescape(strip_tags(str(self.intro).replace("</p>", "</p> "))).split())
        if intro:
            return intro
        kinds = [
            block["value"]["kind"]
            for block in self.sections.raw_data
            if block["type"] == "section" and block["value"].get("items")
        ]
        headings = [str(SectionKind(kind).label) for kind in kinds if kind in SectionKind.values]
        if not headings:
            return ""
        return gettext("In dit nummer: %(sections)s.") % {
            "sections": get_text_list(headings, pgettext("opsomming", "en"))
        }

    def problems(self):
        """What must be fixed before this issue may be sent, as sentences an editor can act on.

        Every page it names (an item of a section, the page of a call to action) must reach
        every reader: live, without a view restriction, and in the issue's language. A translated
        issue (wagtail-localize keeps the source issue's pages) may name a page of its source's
        language: the mail shows the page's translation where there is one, else the page itself.
        An empty list means the issue may go out; the sending code refuses while it is not.
        """
        # Languages in which a page may be named: the issue's, and those it was translated from.
        languages = {self.locale_id}
        if self.translation_key and self.pk:
            languages |= set(
                NewsletterIssuePage.objects.filter(translation_key=self.translation_key)
                .exclude(pk=self.pk)
                .values_list("locale_id", flat=True)
            )
        named = []  # (where, page) pairs, in the order of the issue
        for block in self.sections:
            if block.block_type == "section":
                kind = block.value["kind"]
                where = SectionKind(kind).label if kind in SectionKind.values else kind
                named.extend((where, item["page"]) for item in block.value["items"])
            elif block.block_type == "call_to_action" and (block.value["page"] or not block.value["url"]):
                named.append((gettext("Oproep met knop"), block.value["page"]))
            elif block.block_type == "image" and block.value["image"] is None:
                named.append((gettext("Afbeelding"), None))
        translations = self._translations_in_issue_language([page for _where, page in named if page])
        problems = []
        for where, page in named:
            if page is None:
                problems.append(
                    gettext(
                        "%(where)s: een onderdeel verwijst naar iets dat niet meer bestaat. Kies opnieuw "
                        "of haal het weg."
                    )
                    % {"where": where}
                )
                continue
            # As the mail shows it: the live, public translation where there is one, else the page.
            translated = translations.get(page.translation_key)
            shown = translated if translated is not None and not is_private(translated) else page
            values = {"title": page.title, "where": where}
            if page.locale_id not in languages:
                problems.append(
                    gettext("“%(title)s” (%(where)s) is een pagina in een andere taal dan dit nummer.")
                    % values
                )
            elif not shown.live:
                problems.append(gettext("“%(title)s” (%(where)s) is niet gepubliceerd.") % values)
            elif is_private(shown):
                problems.append(
                    gettext("“%(title)s” (%(where)s) is afgeschermd: niet iedereen mag de pagina zien.")
                    % values
                )
        return problems

    def _translations_in_issue_language(self, pages):
        """``{translation_key: page}``: the live translations of ``pages`` in this issue's language."""
        keys = {page.translation_key for page in pages if page.locale_id != self.locale_id}
        if not keys:
            return {}
        found = Page.objects.filter(translation_key__in=keys, locale_id=self.locale_id, live=True)
        return {page.translation_key: page for page in found}

    def serve_preview(self, request, mode_name):
        if mode_name != "email":
            return super().serve_preview(request, mode_name)
        rendered = render_issue(self)
        sample = f"{settings.BASE_URL}/voorbeeld"
        html, _text = personalise(
            rendered,
            preferences_url=f"{sample}/voorkeuren/",
            unsubscribe_url=f"{sample}/afmelden/",
            # As a subscriber without themes: *Bekijken als abonnee* shows someone's own marks.
        )
        return HttpResponse(html)
