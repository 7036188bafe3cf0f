"""Pilots: funded experiments in Gelderland neighbourhoods and villages, and what they taught."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.listing import choice_filter
from core.models import BasePage, ListingPage
from core.sections import SectionIndexMixin
from core.visibility import visible

from ..blocks import DOCUMENTS_BLOCKS, LessonBlock
from .common import THEMES_WIDGET, RelatedPagesMixin, organisation_field, themes_field
from .filters import municipality_filter, theme_filter
from .items import KnowledgeItemPage
from .organisations import SOURCE_LOCALE
from .themes import ThemedCardsMixin, ThemeTaggedMixin


class PilotPage(RelatedPagesMixin, ThemeTaggedMixin, BasePage):
    """One pilot: where, what, with whom, and the lessons other municipalities can use."""

    theme_section = "pilots"
    # A pilot without a start date goes last on every database (SQLite and PostgreSQL differ).
    newest_first = (models.F("start_date").desc(nulls_last=True), "title")
    theme_section_order = newest_first
    theme_section_select_related = ("municipality",)

    class Status(models.TextChoices):
        PLANNED = "planned", _("In voorbereiding")
        RUNNING = "running", _("Loopt")
        COMPLETED = "completed", _("Afgerond")

    municipality = models.ForeignKey(
        "knowledge.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        on_delete=models.PROTECT,
        related_name="pilots",
    )
    place = models.CharField(_("wijk of dorp"), max_length=120, blank=True)
    themes = themes_field("pilots")
    start_date = models.DateField(_("begint op"), null=True, blank=True)
    end_date = models.DateField(_("eindigt op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    organisation = organisation_field(_("kennisorganisatie die helpt"), "supported_pilots")
    aim = models.TextField(_("doel"), blank=True)
    approach = RichTextField(_("aanpak"), blank=True)
    partners = models.TextField(
        _("partners"), blank=True, help_text=_("Wie werken mee? Eén partner per regel.")
    )
    lessons = StreamField([("lesson", LessonBlock())], verbose_name=_("geleerde lessen"), blank=True)
    evaluation = RichTextField(_("evaluatie"), blank=True)
    documents = StreamField(DOCUMENTS_BLOCKS, verbose_name=_("documenten"), blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    latitude = models.DecimalField(_("breedtegraad"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("lengtegraad"), max_digits=8, decimal_places=5, null=True, blank=True)
    methods_used = ParentalManyToManyField(
        "knowledge.KnowledgeItemPage",
        verbose_name=_("gebruikte methoden"),
        blank=True,
        related_name="pilots_using",
        limit_choices_to=SOURCE_LOCALE,
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("municipality"), FieldPanel("place")]),
                FieldRowPanel(
                    [
                        FieldPanel("start_date"),
                        FieldPanel("end_date"),
                        FieldPanel("status"),
                    ]
                ),
                FieldPanel("organisation"),
                FieldPanel("themes", widget=THEMES_WIDGET),
            ],
            heading=_("Over de pilot"),
        ),
        FieldPanel("aim"),
        FieldPanel("approach"),
        FieldPanel("partners"),
        FieldPanel("methods_used"),
        FieldPanel("lessons"),
        FieldPanel("evaluation"),
        FieldPanel("documents"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Contact en locatie"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("place"),
        index.SearchField("aim"),
        index.SearchField("approach"),
        index.SearchField("lessons"),
        index.FilterField("status"),
        index.FilterField("locale_id"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("municipality"),
        SynchronizedField("place"),
        SynchronizedField("themes"),
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("status"),
        SynchronizedField("organisation"),
        TranslatableField("aim"),
        TranslatableField("approach"),
        TranslatableField("partners"),
        TranslatableField("lessons"),
        TranslatableField("evaluation"),
        SynchronizedField("documents"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_email"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("methods_used"),
    ]
    parent_page_types = ["knowledge.PilotIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")

    def card_meta(self):
        where = [self.place] if self.place else []
        if self.municipality_id:
            where.append(str(self.municipality))
        return ", ".join(where)

    @property
    def partner_list(self):
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    def methods(self):
        """The knowledge items this pilot used, as live pages in the pilot's language."""
        source_keys = self.methods_used.values_list("translation_key", flat=True)
        return (
            visible(KnowledgeItemPage.objects.filter(locale_id=self.locale_id))
            .filter(translation_key__in=source_keys)
            .defer_streamfields()
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["methods"] = self.methods()
        return context


class PilotIndexPage(SectionIndexMixin, ThemedCardsMixin, ListingPage):
    """All pilots, filtered by municipality, theme and status."""

    section_name = "pilots"
    section_slug = "pilots"
    section_position = 30

    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.PilotPage"]
    max_count_per_parent = 1
    listing_model = PilotPage
    listing_order = PilotPage.newest_first
    listing_select_related = ("municipality", "organisation")

    class Meta:
        verbose_name = _("overzicht pilots")

    def answers_each_visitor(self, request):
        # The index invites municipalities to say they are interested in a pilot, with a form
        # that another app adds (``pilot_interest``, through ``core.hooks.PAGE_CONTEXT_HOOK``). A
        # form holds a CSRF token, so the index is never a shared or revalidated answer. Always,
        # not "when the form is there": asking the hooks here would build the form twice per
        # request, and a page wrongly kept private costs a render where one wrongly shared would
        # hand visitors each other's token. The listing inside stays cached as a fragment.
        return True

    def get_filters(self, request):
        return [
            municipality_filter(),
            theme_filter(self.locale_id),
            choice_filter("status", _("Status"), _("Alle statussen"), PilotPage.Status.choices, "status"),
        ]
