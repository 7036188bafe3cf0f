"""The top of the site: the home page, standard pages, the footer snippet and the site settings."""

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
from wagtail.models import Orderable, TranslatableMixin
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

    Its body can also hold the contact details from the site's footer (``home.blocks``).
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


@bumps_content_version
class SiteFooter(TranslatableMixin, ClusterableModel):
    """The bottom of every page: the team's name, how to reach it, and a few links.

    A snippet in each language, translated with wagtail-localize like a page. The team's name and
    the texts of the links are language (``TranslatableField``); the e-mail address, the phone
    number, the addresses and where the links go are data, the same in every language
    (``SynchronizedField``, not overridable). The site settings choose the footer a site shows.

    The shell (``home.shell``) reads the data from the chosen footer and only the texts from its
    translation in the reader's language. So a new phone number is right in both languages the
    moment an editor saves it, although wagtail-localize copies it into the English row only when
    the translation is next synced. The *Contactgegevens* block shows the same details on a page.
    """

    team_name = models.CharField(_("naam van het team"), max_length=120)
    email = models.EmailField(_("e-mailadres"))
    phone = models.CharField(_("telefoon"), max_length=30)
    visiting_address = models.CharField(_("bezoekadres"), max_length=200)
    postal_address = models.CharField(_("postadres"), max_length=200)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("team_name"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("visiting_address"),
                FieldPanel("postal_address"),
            ],
            heading=_("Contactgegevens"),
            help_text=_(
                "Het e-mailadres, het telefoonnummer en de adressen gelden voor elke taal. De site "
                "toont ze zoals ze in de voettekst staan die de site-instellingen kiezen."
            ),
        ),
        InlinePanel("links", heading=_("Links in de voettekst"), label=_("link")),
    ]
    translatable_fields = [
        TranslatableField("team_name"),
        SynchronizedField("email", overridable=False),
        SynchronizedField("phone", overridable=False),
        SynchronizedField("visiting_address", overridable=False),
        SynchronizedField("postal_address", overridable=False),
        # The links are copied on every sync; their texts go to the translator.
        TranslatableField("links"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("voettekst")
        verbose_name_plural = _("voetteksten")

    def __str__(self):
        return self.team_name

    @property
    def phone_href(self):
        """The phone number for a ``tel:`` link: digits only, with the Dutch country code."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return "+31" + digits[1:] if digits.startswith("0") else digits


@bumps_content_version
class FooterLink(TranslatableMixin, Orderable):
    """A footer link to a page (shown in the reader's language) or to an outside address.

    A link and its translation share a ``translation_key``: that is how the shell finds the English
    text of a Dutch link.
    """

    footer = ParentalKey(SiteFooter, on_delete=models.CASCADE, related_name="links")
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

    panels = [PageChooserPanel("page"), FieldPanel("url"), FieldPanel("label")]
    translatable_fields = [
        SynchronizedField("page", overridable=False),
        SynchronizedField("url", overridable=False),
        TranslatableField("label"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]

    def __str__(self):
        return self.label or (self.page.title if self.page_id else self.url)


@register_setting(icon="mail")
@bumps_content_version
class SiteSettings(BaseSiteSetting):
    """What a site shows that is not a page: for now, which footer (``SiteFooter``)."""

    footer = models.ForeignKey(
        SiteFooter,
        verbose_name=_("voettekst"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "De naam van het team, de contactgegevens en de links onderaan elke pagina. Kies de "
            "Nederlandse voettekst. Bezoekers van de Engelse site zien de Engelse vertaling ervan."
        ),
    )

    panels = [FieldPanel("footer")]
    # ``for_site`` reads the footer and its language in the same query.
    select_related = ["footer__locale"]

    class Meta:
        verbose_name = _("site-instellingen")

    @property
    def email(self):
        """Team Leefbaarheid's e-mail address (from the chosen footer), for mail sent to the team."""
        return self.footer.email if self.footer else ""
