"""The kinds of section an issue has, in their own module so rendering needs no models import.

``newsletter.models.issues`` uses them in its blocks and ``newsletter.rendering`` for the headings;
the model in turn renders its e-mail preview, so the kinds may not live in either of those two
without making an import cycle.

The order of the members is the order a new issue gets (``newsletter.assembly``): what a reader can
still act on first (meetings to register for), then what happened. Editors
change it per issue by moving the sections in the issue's StreamField. New kinds go at the end of the
class so stored values never change meaning; ``DEFAULT_ORDER`` says where they appear.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SectionKind(models.TextChoices):
    MEETINGS = "meetings", _("Bijeenkomsten en aanmelden")
    MONITOR = "monitor", _("Monitor Gelders Welbevinden")
    PILOTS = "pilots", _("Pilots")
    SUBSIDIES = "subsidies", _("Subsidieregelingen")
    ALLIANCE = "alliance", _("Nieuws van de Leefbaarheidsalliantie")
    KNOWLEDGE = "knowledge", _("Uit de kennisbank")
    PROGRAMME = "programme", _("Nieuws van het programma")
    MEETINGS_HELD = "meetings_held", _("Bijeenkomsten die zijn geweest")
    PARTNERS = "partners", _("Artikelen van partners")


# The order of a freshly assembled issue: what a reader can still act on first, then what happened.
DEFAULT_ORDER = [
    SectionKind.MEETINGS,
    SectionKind.MEETINGS_HELD,
    SectionKind.PROGRAMME,
    SectionKind.MONITOR,
    SectionKind.PILOTS,
    SectionKind.SUBSIDIES,
    SectionKind.ALLIANCE,
    SectionKind.PARTNERS,
    SectionKind.KNOWLEDGE,
]
