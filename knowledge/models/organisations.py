"""Snippets shared by the whole knowledge base: partner organisations and municipalities."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.caching import bumps_content_version

# Relations from pages point at the rows in the site's main language; translations of a page keep
# the same relation (a SynchronizedField), so listings and filters work the same in both languages.
SOURCE_LOCALE = {"locale__language_code": settings.LANGUAGE_CODE}


@bumps_content_version
class Organisation(TranslatableMixin, index.Indexed, models.Model):
    """A partner: a knowledge organisation, an alliance member, a municipality or another body."""

    class Kind(models.TextChoices):
        KNOWLEDGE_ORGANISATION = "knowledge_organisation", _("Kennisorganisatie")
        ALLIANCE_MEMBER = "alliance_member", _("Lid van de Leefbaarheidsalliantie")
        MUNICIPALITY = "municipality", _("Gemeente")
        OTHER = "other", _("Anders")

    name = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(_("korte naam in links"), max_length=80)
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("korte beschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    feed_url = models.URLField(
        _("adres van de nieuwsfeed"),
        blank=True,
        help_text=_("RSS- of Atom-feed met artikelen."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("feed_url"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("slug"),
        SynchronizedField("kind"),
        TranslatableField("description"),
        SynchronizedField("website"),
        SynchronizedField("logo"),
        SynchronizedField("feed_url"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_organisation_slug_per_locale")
        ]

    def __str__(self):
        return self.name


@bumps_content_version
class Municipality(index.Indexed, models.Model):
    """One of the 51 municipalities of Gelderland, with its CBS code.

    Not translatable: the names are the same in Dutch and English. The rows come from a data
    migration that reads ``knowledge/data/gelderland-municipalities.csv``.
    """

    name = models.CharField(_("naam"), max_length=80, unique=True)
    cbs_code = models.CharField(_("CBS-code"), max_length=6, unique=True)
    safety_region = models.CharField(_("veiligheidsregio"), max_length=80)

    panels = [FieldPanel("name"), FieldPanel("cbs_code"), FieldPanel("safety_region")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @staticmethod
    def lookup_key(text):
        """How a file's name or code for a municipality is looked up in ``lookup()``."""
        return " ".join(str(text).lower().split())

    @classmethod
    def lookup(cls):
        """Every way a file may name a municipality, lower-cased: name, "gemeente name", CBS code."""
        lookup = {}
        for municipality in cls.objects.all():
            name = municipality.name.lower()
            code = municipality.cbs_code.upper().removeprefix("GM")
            for key in (name, f"gemeente {name}", code, f"gm{code}"):
                lookup[cls.lookup_key(key)] = municipality
        return lookup


register_snippet(Organisation)
register_snippet(Municipality)
