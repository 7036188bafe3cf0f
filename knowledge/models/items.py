"""The knowledge base: methods, tools, step-by-step plans, publications, platforms, good examples."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyStreamBlock
from core.hooks import KEYWORD_SEARCH_HOOK
from core.listing import choice_filter, listing_cache_key, paginate, prefetch_card_renditions
from core.models import BasePage, ListingPage
from core.sections import SectionIndexMixin
from core.visibility import visible

from ..blocks import DOCUMENTS_BLOCKS
from .common import THEMES_WIDGET, RelatedPagesMixin, organisation_field, themes_field
from .filters import organisation_filter, theme_filter
from .themes import ThemedCardsMixin, ThemeTaggedMixin


class KnowledgeItemPage(RelatedPagesMixin, ThemeTaggedMixin, BasePage):
    """One item in the knowledge base, described so a civil servant can judge whether it fits."""

    theme_section = "knowledge_items"
    theme_section_order = ("title", "pk")
    theme_section_select_related = ("organisation",)

    class Kind(models.TextChoices):
        METHOD = "method", _("Methode")
        TECHNIQUE = "technique", _("Techniek")
        TOOL = "tool", _("Instrument")
        STEP_PLAN = "step_plan", _("Stappenplan")
        PUBLICATION = "publication", _("Publicatie")
        PLATFORM = "platform", _("Platform")
        GOOD_PRACTICE = "good_practice", _("Goed voorbeeld")

    class EvidenceLevel(models.TextChoices):
        EFFECTIVE = "effective", _("Effectief")
        WELL_FOUNDED = "well_founded", _("Goed onderbouwd")
        WELL_DESCRIBED = "well_described", _("Goed beschreven")
        EVALUATED_PILOT = "evaluated_pilot", _("Geëvalueerde pilot")
        PRACTICE_EXAMPLE = "practice_example", _("Voorbeeld uit de praktijk")

    EVIDENCE_EXPLANATIONS = {
        EvidenceLevel.EFFECTIVE: _("Onderzoek laat zien dat deze aanpak werkt."),
        EvidenceLevel.WELL_FOUNDED: _(
            "Deskundigen vinden dat de aanpak goed in elkaar zit en kan werken. "
            "Het effect is nog niet bewezen."
        ),
        EvidenceLevel.WELL_DESCRIBED: _(
            "De aanpak is zo goed beschreven dat u hem zelf kunt gebruiken. "
            "Er is nog geen oordeel over het effect."
        ),
        EvidenceLevel.EVALUATED_PILOT: _("De aanpak is in een pilot uitgeprobeerd en daarna onderzocht."),
        EvidenceLevel.PRACTICE_EXAMPLE: _(
            "Een gemeente of organisatie vertelt hoe zij het doet. Er is geen onderzoek naar gedaan."
        ),
    }

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.METHOD)
    goal = models.TextField(_("doel"), blank=True)
    target_group = models.TextField(_("doelgroep"), blank=True)
    approach = RichTextField(_("aanpak"), blank=True)
    working_elements = RichTextField(_("werkzame elementen"), blank=True)
    conditions_and_costs = RichTextField(_("voorwaarden en kosten"), blank=True)
    evidence_level = models.CharField(
        _("bewijskracht"),
        max_length=20,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.PRACTICE_EXAMPLE,
    )
    evidence_assessed_by = models.CharField(
        _("beoordeeld door"),
        max_length=150,
        blank=True,
        help_text=_("Bijvoorbeeld de erkenningscommissie van Movisie."),
    )
    evidence_assessed_on = models.DateField(_("beoordeeld op"), null=True, blank=True)
    organisation = organisation_field(_("bron (organisatie)"), "knowledge_items")
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    external_url = models.URLField(_("meer informatie (link)"), blank=True)
    themes = themes_field("knowledge_items")
    municipality = models.ForeignKey(
        "knowledge.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_items",
        help_text=_("Voor goede voorbeelden: waar het gebeurde."),
    )
    from_science = models.BooleanField(_("wetenschap"), default=False)
    from_practice = models.BooleanField(_("praktijk"), default=False)
    from_lived_experience = models.BooleanField(_("ervaring van bewoners"), default=False)
    last_reviewed = models.DateField(_("laatst gecontroleerd"), null=True, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("meer inhoud"), blank=True)
    documents = StreamField(DOCUMENTS_BLOCKS, verbose_name=_("documenten"), blank=True)
    # Set by ``manage.py import_knowledge`` (see knowledge/importing.py): the record's key in its
    # source, unique per language (checked in ``clean``: the locale lives on another table), and a
    # hash of what the record last said, so that an unchanged record is skipped on the next run.
    external_id = models.CharField(
        _("externe sleutel"), max_length=100, blank=True, db_index=True, editable=False
    )
    import_hash = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldPanel("goal"),
                FieldPanel("target_group"),
                FieldPanel("approach"),
                FieldPanel("working_elements"),
                FieldPanel("conditions_and_costs"),
            ],
            heading=_("Over de aanpak"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("evidence_level"),
                FieldRowPanel(
                    [
                        FieldPanel("evidence_assessed_by"),
                        FieldPanel("evidence_assessed_on"),
                    ]
                ),
            ],
            heading=_("Bewijskracht"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("from_science"),
                FieldPanel("from_practice"),
                FieldPanel("from_lived_experience"),
            ],
            heading=_("Kennisbronnen"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("last_reviewed")]),
                FieldPanel("external_url"),
                FieldPanel("municipality"),
                FieldPanel("themes", widget=THEMES_WIDGET),
            ],
            heading=_("Herkomst en thema's"),
        ),
        FieldPanel("body"),
        FieldPanel("documents"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("goal"),
        index.SearchField("target_group"),
        index.SearchField("approach"),
        index.SearchField("working_elements"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("evidence_level"),
        index.FilterField("locale_id"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("kind"),
        TranslatableField("goal"),
        TranslatableField("target_group"),
        TranslatableField("approach"),
        TranslatableField("working_elements"),
        TranslatableField("conditions_and_costs"),
        SynchronizedField("evidence_level"),
        TranslatableField("evidence_assessed_by"),
        SynchronizedField("evidence_assessed_on"),
        SynchronizedField("organisation"),
        SynchronizedField("year"),
        SynchronizedField("external_url"),
        SynchronizedField("themes"),
        SynchronizedField("municipality"),
        SynchronizedField("from_science"),
        SynchronizedField("from_practice"),
        SynchronizedField("from_lived_experience"),
        SynchronizedField("last_reviewed"),
        TranslatableField("body"),
        SynchronizedField("documents"),
        # The translation of an imported item is the same record in the other language.
        SynchronizedField("external_id"),
    ]
    # Also in a partner's section (the partners app; named, not imported: knowledge is below it).
    parent_page_types = ["knowledge.KnowledgeIndexPage", "partners.PartnerSectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("kennisitem")
        verbose_name_plural = _("kennisitems")
        indexes = [
            # The search's tie-breaks (``search.ranking.TIE_BREAKS``) read these two columns of
            # every match: from this index alone on PostgreSQL, not from the wide rows (their
            # StreamFields). SQLite has no covering indexes and Django leaves it out there.
            models.Index(
                fields=["page_ptr"], include=["evidence_level", "year"], name="knowledge_item_ranking"
            ),
        ]

    def clean(self):
        super().clean()
        if self.external_id:
            same_key = KnowledgeItemPage.objects.filter(
                external_id=self.external_id, locale_id=self.locale_id
            ).exclude(pk=self.pk)
            if same_key.exists():
                raise ValidationError(
                    {"external_id": _("Een ander kennisitem in deze taal heeft dezelfde externe sleutel.")}
                )

    @property
    def evidence_explanation(self):
        return self.EVIDENCE_EXPLANATIONS.get(self.evidence_level, "")

    @property
    def knowledge_sources(self):
        flags = [
            (self.from_science, _("wetenschap")),
            (self.from_practice, _("praktijk")),
            (self.from_lived_experience, _("ervaring van bewoners")),
        ]
        return [label for present, label in flags if present]

    def pilots_that_used_it(self):
        """Live pilots in this page's language that used this item (chosen in any language)."""
        # Pilots point at items, not the other way round: reach them through the reverse relation.
        pilot_model = self._meta.get_field("pilots_using").related_model
        return (
            visible(pilot_model.objects.filter(locale_id=self.locale_id))
            .filter(methods_used__translation_key=self.translation_key)
            .defer_streamfields()
            .select_related("municipality")
            .distinct()
            .order_by("title")
        )

    def card_meta(self):
        return self.get_kind_display()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pilots_using"] = self.pilots_that_used_it()
        return context


class KnowledgeIndexPage(SectionIndexMixin, ThemedCardsMixin, ListingPage):
    """The kennisbank: every knowledge item, found by words (``?q=``), filtered by kind, theme,
    organisation and evidence, and sorted (``?sorteer=``).

    The words go to the site search (``core.hooks.KEYWORD_SEARCH_HOOK``, answered by ``search``):
    the same query rules and ranking as the search page, within the kennisbank's items, combined
    with its filters. A listing with words is not cached as a fragment: every query would make a
    cache entry of its own.
    """

    section_name = "knowledge"
    section_slug = "kennisbank"
    section_position = 20

    # ``?sorteer=``: value -> (label, order). "Beste match" (the search's ranking) only with words.
    SORT_PARAM = "sorteer"
    BEST_MATCH = "relevantie"
    SORTS = {
        "titel": (_("Titel A–Z"), ("title", "pk")),
        "nieuw": (_("Nieuwste eerst"), ("-first_published_at", "-pk")),
    }

    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = ListingPage.content_panels + [FieldPanel("body")]
    translatable_fields = ListingPage.translatable_fields + [TranslatableField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.KnowledgeItemPage"]
    max_count_per_parent = 1
    listing_model = KnowledgeItemPage
    listing_order = ("title", "pk")
    listing_select_related = ("organisation",)

    class Meta:
        verbose_name = _("kennisbank")

    def visible_items(self):
        """The items a visitor may see, in this kennisbank's language: what the words search in."""
        return visible(KnowledgeItemPage.objects.filter(locale_id=self.locale_id))

    def keyword_search(self, request):
        """``(query, matching items, ranked ids or None)`` for the words in ``?q=``.

        Run once per request and page: kept on the request under this page's id, so another
        kennisbank in the same request (the Dutch source an English listing counts) searches apart.
        """
        searches = getattr(request, "kennisbank_searches", None)
        if searches is None:
            searches = request.kennisbank_searches = {}
        if self.pk not in searches:
            text = request.GET.get("q", "")
            search = next(iter(hooks.get_hooks(KEYWORD_SEARCH_HOOK)), None)
            if not text.strip() or search is None:
                searches[self.pk] = ("", self.visible_items(), None)
            else:
                searches[self.pk] = search(self.visible_items(), text, get_language())
        return searches[self.pk]

    def sort_order(self, request):
        """The chosen sort, or the default: best match with words, the title without."""
        query, _items, _ids = self.keyword_search(request)
        chosen = request.GET.get(self.SORT_PARAM, "")
        if chosen in self.SORTS or (query and chosen == self.BEST_MATCH):
            return chosen
        return self.BEST_MATCH if query else "titel"

    def get_listing_queryset(self, request):
        """Every visible item in this page's language, wherever it lives (a partner's section too),
        narrowed to the matches of ``?q=``."""
        _query, queryset, _ids = self.keyword_search(request)
        order = self.SORTS.get(self.sort_order(request), self.SORTS["titel"])[1]
        return (
            queryset.defer_streamfields()
            .select_related("listing_image", *self.listing_select_related)
            .order_by(*order)
        )

    def get_results(self, request, queryset):
        _query, _items, ids = self.keyword_search(request)
        if self.sort_order(request) != self.BEST_MATCH:
            return super().get_results(request, queryset)
        # The search's order: the matching ids best first, of which only the page's are loaded.
        kept = set(queryset.values_list("pk", flat=True))
        items = paginate(request, [pk for pk in ids if pk in kept], self.per_page)
        pages = queryset.in_bulk(items.object_list)
        (cards,) = prefetch_card_renditions([pages[pk] for pk in items.object_list if pk in pages])
        items.object_list = self.prepare_cards(cards)
        return items

    def get_filters(self, request):
        return [
            choice_filter("soort", _("Soort"), _("Alle soorten"), KnowledgeItemPage.Kind.choices, "kind"),
            theme_filter(self.locale_id),
            organisation_filter("organisation"),
            choice_filter(
                "bewijs",
                _("Bewijskracht"),
                _("Alle niveaus"),
                KnowledgeItemPage.EvidenceLevel.choices,
                "evidence_level",
            ),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query, _items, _ids = self.keyword_search(request)
        sort = self.sort_order(request)
        default_sort = self.BEST_MATCH if query else "titel"
        # What the links and forms keep besides the filters: the words and a chosen sort.
        kept = QueryDict(mutable=True)
        if query:
            kept["q"] = query
        if sort != default_sort:
            kept[self.SORT_PARAM] = sort
        listing_query = context["listing_query"].copy()
        listing_query.update(kept)
        sorts = [(self.BEST_MATCH, _("Beste match"))] if query else []
        sorts += [(value, label) for value, (label, _order) in self.SORTS.items()]
        context.update(
            {
                "listing_query": listing_query,
                "listing_keyword": query,
                # The filter form keeps the words; the sort is one of its fields.
                "kept_fields": [{"name": "q", "value": query}] if query else [],
                "sort_param": self.SORT_PARAM,
                "sort_options": [
                    {"value": value, "label": label, "selected": value == sort} for value, label in sorts
                ],
                "keyword_fields": [
                    {"name": name, "value": value} for name, value in context["listing_query"].items()
                ],
                # With words the results are not cached (see the class); the sort is a known value.
                "listing_uncached": bool(query),
                "listing_cache_key": listing_cache_key(context["filters"], context["page_number"])
                + f"&{self.SORT_PARAM}={sort}",
            }
        )
        return context
