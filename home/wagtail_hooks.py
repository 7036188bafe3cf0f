"""The footer snippet in the admin: *Instellingen › Voettekst*.

Editors keep the team's name, contact details and footer links here, and translate the footer
into English with wagtail-localize's *Vertaal* action, as they do a page. *Instellingen ›
Site-instellingen* chooses which footer the site shows. Only groups given the snippet's
permissions see it (*Hoofdredactie*, migration ``home/0008``).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SiteFooter


class SiteFooterViewSet(SnippetViewSet):
    model = SiteFooter
    icon = "list-ul"
    menu_label = _("Voettekst")
    add_to_settings_menu = True
    list_display = ["team_name", "email", "phone"]


register_snippet(SiteFooterViewSet)
