"""Subsidy schemes municipalities and residents can apply to."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyStreamBlock
from core.listing import choice_filter
from core.models import BasePage, ListingPage
from core.sections import SectionIndexMixin


class SubsidyPage(BasePage):
    """One subsidy scheme: who pays, for whom, how much, and until when."""

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Binnenkort open")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Gesloten")

    funder = models.CharField(_("wie geeft de subsidie"), max_length=150)
    target_group = models.TextField(_("voor wie"), blank=True)
    amount = models.CharField(
        _("bedrag"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld: tot € 25.000"),
    )
    deadline = models.DateField(_("aanvragen kan tot"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    external_url = models.URLField(_("link naar de regeling"), blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("funder"),
                FieldPanel("target_group"),
                FieldRowPanel([FieldPanel("amount"), FieldPanel("deadline"), FieldPanel("status")]),
                FieldPanel("external_url"),
            ],
            heading=_("De regeling"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("funder"),
        index.SearchField("target_group"),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("locale_id"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("funder"),
        TranslatableField("target_group"),
        TranslatableField("amount"),
        SynchronizedField("deadline"),
        SynchronizedField("status"),
        SynchronizedField("external_url"),
        TranslatableField("body"),
    ]
    parent_page_types = ["knowledge.SubsidyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("subsidieregeling")
        verbose_name_plural = _("subsidieregelingen")

    # A scheme without a deadline goes after those with one, on every database.
    soonest_deadline_first = models.F("deadline").asc(nulls_last=True)

    @property
    def deadline_passed(self):
        return bool(self.deadline and self.deadline < timezone.localdate())

    @classmethod
    def clock_moments(cls):
        """When time alone changes a scheme (``core.clock``): the midnight after its deadline, when
        ``deadline_passed`` turns true."""
        deadlines = cls.objects.live().exclude(deadline=None).values_list("deadline", flat=True)
        return [
            timezone.make_aware(
                datetime.datetime.combine(deadline + datetime.timedelta(days=1), datetime.time())
            )
            for deadline in deadlines
        ]

    def card_meta(self):
        if self.deadline:
            return gettext("Aanvragen kan tot %(date)s") % {"date": date_format(self.deadline, "j F Y")}
        return self.get_status_display()


class SubsidyIndexPage(SectionIndexMixin, ListingPage):
    """All subsidy schemes, open ones first."""

    section_name = "subsidies"
    section_slug = "subsidies"
    section_position = 60

    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.SubsidyPage"]
    max_count_per_parent = 1
    listing_model = SubsidyPage
    listing_order = (SubsidyPage.soonest_deadline_first, "title")

    class Meta:
        verbose_name = _("overzicht subsidies")

    def get_listing_queryset(self, request):
        status_rank = models.Case(
            models.When(status=SubsidyPage.Status.OPEN, then=0),
            models.When(status=SubsidyPage.Status.UPCOMING, then=1),
            default=2,
        )
        return (
            super()
            .get_listing_queryset(request)
            .alias(status_rank=status_rank)
            .order_by("status_rank", *self.listing_order)
        )

    def get_filters(self, request):
        return [
            choice_filter("status", _("Status"), _("Alle statussen"), SubsidyPage.Status.choices, "status")
        ]
