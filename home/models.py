"""The top of the site: the home page, standard pages and the site settings (contact, footer)."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyStreamBlock
from core.caching import bumps_content_version
from core.models import BasePage
from knowledge.queries import home_page_sections

from .blocks import StandardPageStreamBlock
from .routing import find_descendant


class HomePage(BasePage):
    """The front door: what the programme is, its themes, and what is new."""

    hero_title = models.CharField(_("grote kop"), max_length=120, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("grote afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("hero_title"),
        SynchronizedField("hero_image"),
        TranslatableField("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "knowledge.ThemeIndexPage",
        "knowledge.KnowledgeIndexPage",
        "knowledge.PilotIndexPage",
        "knowledge.MeetingIndexPage",
        "knowledge.NewsIndexPage",
        "knowledge.SubsidyIndexPage",
        "newsletter.NewsletterIndexPage",
        "home.StandardPage",
    ]

    class Meta:
        verbose_name = _("startpagina")
        verbose_name_plural = _("startpagina's")

    def route(self, request, path_components):
        page, remaining = find_descendant(self, path_components)
        if page is None:
            return super().route(request, path_components)
        return page.route(request, remaining)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: only evaluated when the cached fragment in the template is stale.
        context["sections"] = SimpleLazyObject(lambda: home_page_sections(self))
        return context


class StandardPage(BasePage):
    """A plain content page: about, contact, privacy, accessibility statement.

    Its body can also hold the contact details from the site settings (``home.blocks``).
    """

    body = StreamField(StandardPageStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    translatable_fields = BasePage.translatable_fields + [TranslatableField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")


@register_setting(icon="mail")
@bumps_content_version
class SiteSettings(BaseSiteSetting, ClusterableModel):
    """Team Leefbaarheid's contact details and the links in the footer."""

    organisation_name = models.CharField(
        _("naam"), max_length=120, default="Team Leefbaarheid, Provincie Gelderland"
    )
    # The one text of the settings that is language, not data: English readers get their own.
    organisation_name_en = models.CharField(
        _("naam in het Engels"),
        max_length=120,
        blank=True,
        default="Team Leefbaarheid, Province of Gelderland",
        help_text=_("Leeg laten om de Nederlandse naam te tonen."),
    )
    email = models.EmailField(_("e-mailadres"), default="leefbaarheid@gelderland.nl")
    phone = models.CharField(_("telefoon"), max_length=30, default="026 359 99 99")
    visiting_address = models.CharField(_("bezoekadres"), max_length=200, default="Markt 11, 6811 CG Arnhem")
    postal_address = models.CharField(_("postadres"), max_length=200, default="Postbus 9090, 6800 CX Arnhem")

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("organisation_name_en"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("visiting_address"),
                FieldPanel("postal_address"),
            ],
            heading=_("Contactgegevens"),
        ),
        InlinePanel("footer_links", heading=_("Links in de voettekst"), label=_("link")),
    ]

    class Meta:
        verbose_name = _("site-instellingen")

    def organisation_name_in(self, language_code):
        """The name for readers of ``language_code``: the English one for English, else the Dutch."""
        if language_code == "en" and self.organisation_name_en:
            return self.organisation_name_en
        return self.organisation_name

    @property
    def phone_href(self):
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return "+31" + digits[1:] if digits.startswith("0") else digits


@bumps_content_version
class FooterLink(Orderable):
    """A footer link to a page (shown in the reader's language) or to an outside address."""

    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="footer_links")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.URLField(_("of een link naar buiten"), blank=True)
    label = models.CharField(
        _("tekst"),
        max_length=80,
        blank=True,
        help_text=_("Leeg laten om de paginatitel te tonen."),
    )
    label_en = models.CharField(_("tekst in het Engels"), max_length=80, blank=True)

    panels = [
        PageChooserPanel("page"),
        FieldPanel("url"),
        FieldPanel("label"),
        FieldPanel("label_en"),
    ]

    def __str__(self):
        return self.label or (self.page.title if self.page_id else self.url)
