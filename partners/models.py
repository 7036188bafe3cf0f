"""A partner's own section below the news, and the record of what ``set_up_partner`` made.

A partner organisation (Movisie, Platform31, ...) writes in a section of its own: a
``PartnerSectionPage`` below the Dutch news index, which accepts news pages and knowledge items.
Its group may add and edit pages there only, never publish; the section's workflow sends every
contribution to Team Leefbaarheid's editors. ``Partner`` ties the organisation to its section,
group and collection, so that the admin can list them and ``set_up_partner`` finds them again.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail_localize.fields import SynchronizedField

from core.models import ListingPage
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
