"""The kinds of section an issue has, in their own module so rendering needs no models import.

``newsletter.models.issues`` uses them in its blocks and ``newsletter.rendering`` for the headings;
the model in turn renders its e-mail preview, so the kinds may not live in either of those two
without making an import cycle.
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
