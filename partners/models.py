"""A partner's own section below the news, and the record of what ``set_up_partner`` made.

A partner organisation (Movisie, Platform31, ...) writes in a section of its own: a
``PartnerSectionPage`` below the Dutch news index, which accepts news pages and knowledge items.
Its group may add and edit pages there only, never publish; the section's workflow sends every
contribution to Team Leefbaarheid's editors. ``Partner`` ties the organisation to its section,
group and collection, so that the admin can list them and ``set_up_partner`` finds them again.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail_localize.fields import SynchronizedField

from core.models import ListingPage
from core.visibility import visible
from knowledge.models import NewsPage
from knowledge.models.themes import ThemedCardsMixin


class PartnerSectionPage(ThemedCardsMixin, ListingPage):
    """A partner's articles, newest first: the partner's own page, below the news."""

    organisation = models.ForeignKey(
        "knowledge.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_sections",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )

    content_panels = ListingPage.content_panels + [FieldPanel("organisation")]
    translatable_fields = ListingPage.translatable_fields + [SynchronizedField("organisation")]
    parent_page_types = ["knowledge.NewsIndexPage"]
    subpage_types = ["knowledge.NewsPage", "knowledge.KnowledgeItemPage"]
    # Made by ``set_up_partner`` (with its group, collection and workflow), not by hand.
    is_creatable = False
    listing_model = NewsPage
    listing_order = ("-date", "-pk")
    listing_select_related = ("organisation",)

    def articles(self):
        """The partner's visible articles in this section's language, in no particular order.

        Its own pages, and news that editors filed elsewhere as a partner article by its
        organisation (written before the partner had a section, say): the partner's page lists
        everything the site publishes as that partner's (``partners.articles`` shows the latest).
        """
        mine = Q(path__startswith=self.path, depth=self.depth + 1)
        if self.organisation_id:
            mine |= Q(category=NewsPage.Category.PARTNER, organisation_id=self.organisation_id)
        return visible(NewsPage.objects.filter(mine, locale_id=self.locale_id))

    def get_listing_queryset(self, request):
        return (
            self.articles()
            .defer_streamfields()
            .select_related("listing_image", *self.listing_select_related)
            .order_by(*self.listing_order)
        )

    class Meta:
        verbose_name = _("rubriek van een partner")
        verbose_name_plural = _("rubrieken van partners")


class Partner(models.Model):
    """What ``set_up_partner`` made for one organisation."""

    organisation = models.OneToOneField(
        "knowledge.Organisation",
        verbose_name=_("organisatie"),
        # The organisation's snippet may be deleted: the record goes, the section and group stay.
        on_delete=models.CASCADE,
        related_name="partner",
    )
    section = models.ForeignKey(
        PartnerSectionPage,
        verbose_name=pgettext_lazy("partner", "rubriek"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("groep"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("collectie"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["organisation__name"]

    def __str__(self):
        return self.organisation.name


class FeedRun(models.Model):
    """One import of a partner's feed (``partners.feed_import``): what came in and what became of it.

    The run log editors read in the admin. The last successful run of a feed also keeps the
    server's ``ETag`` and ``Last-Modified``, which the next run sends back (a 304 costs nothing).
    """

    class Status(models.TextChoices):
        RUNNING = "running", _("bezig")
        OK = "ok", _("gelukt")
        NOT_MODIFIED = "not_modified", _("niet veranderd")
        ERROR = "error", _("mislukt")

    organisation = models.ForeignKey(
        "knowledge.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    feed_url = models.URLField(_("adres van de feed"), max_length=500)
    started_at = models.DateTimeField(_("begonnen"), db_index=True)
    finished_at = models.DateTimeField(_("klaar"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    fetched = models.PositiveIntegerField(_("opgehaald"), default=0)
    created = models.PositiveIntegerField(_("nieuw"), default=0)
    updated = models.PositiveIntegerField(_("bijgewerkt"), default=0)
    skipped = models.PositiveIntegerField(_("overgeslagen"), default=0)
    failed = models.PositiveIntegerField(_("niet gelukt"), default=0)
    error = models.TextField(_("fout"), blank=True)
    problems = models.TextField(_("berichten die niet lukten"), blank=True)
    # One line per entry the run left alone: its title and why ("niet veranderd", "al
    # gepubliceerd", "zonder titel"...), so the count "overgeslagen" can be checked.
    skipped_entries = models.TextField(_("overgeslagen berichten, met de reden"), blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("import van een feed")
        verbose_name_plural = _("imports van feeds")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.organisation} {self.started_at:%Y-%m-%d %H:%M}"


class FeedEntry(models.Model):
    """An entry of a partner's feed that became a draft news page: found again by its guid.

    ``revision`` is the revision the import saved last: when the page's latest revision is
    another one, an editor has changed the draft and the feed leaves it alone.
    """

    organisation = models.ForeignKey(
        "knowledge.Organisation", verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="+"
    )
    guid = models.CharField(max_length=500)
    # A page an editor deleted stays deleted: the entry stays, without its page.
    page = models.ForeignKey(NewsPage, null=True, on_delete=models.SET_NULL, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    content_hash = models.CharField(max_length=64)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bericht uit een feed")
        verbose_name_plural = _("berichten uit feeds")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "guid"], name="partners_feedentry_unique_guid")
        ]

    def __str__(self):
        return self.guid
