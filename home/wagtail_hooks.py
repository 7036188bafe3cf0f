"""The footer snippet in the admin: *Instellingen › Voettekst*.

Editors keep the team's name, contact details and footer links here, and translate the footer
into English with wagtail-localize's *Vertaal* action, as they do a page. *Instellingen ›
Site-instellingen* chooses which footer the site shows. Only groups given the snippet's
permissions see it (*Hoofdredactie*, migration ``home/0008``).

And the editor's way out of dead ends: ``admin-editor.js`` in every editor (opens the tab with the
first error; Dutch for what wagtail-localize's editor hard-codes in English), the dashboard's
*Uw onafgemaakte concepten*, and a warning when a new page's address is held by the editor's own
abandoned draft.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page
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


@hooks.register("insert_editor_js")
def editor_aids():
    """``admin-editor.js`` in every editor, wagtail-localize's translation editor included: it opens
    the tab that holds the first error after a failed save, and puts the project's words in place
    of the two texts wagtail-localize writes in English without gettext."""
    texts = {
        "translation": gettext("Vertaling van %(source)s naar %(target)s"),
        "more_actions": gettext("Meer acties"),
    }
    return format_html(
        '<script src="{}" data-texts="{}"></script>', static("js/admin-editor.js"), json.dumps(texts)
    )


class UnfinishedDraftsPanel(Component):
    """*Uw onafgemaakte concepten* on the dashboard: the pages the editor created and never published.

    Wagtail's editor saves a new page by itself (autosave), so a form the editor walked away from
    leaves a draft page behind, and that draft keeps its slug: starting the same page again then
    fails with "slug al in gebruik". Here the editor finds each one, with a link to go on writing
    and one to Wagtail's own delete view (which checks that they may, and asks to confirm).
    """

    name = "unfinished_drafts"
    template_name = "home/admin/unfinished_drafts_panel.html"
    order = 90
    LIMIT = 10

    def __init__(self, drafts):
        self.drafts = drafts

    def get_context_data(self, parent_context):
        return {"drafts": self.drafts, "dashboard_url": reverse("wagtailadmin_home")}


def unfinished_drafts(user):
    """The pages ``user`` created that were never published, newest first (at most ``LIMIT``)."""
    return list(
        Page.objects.filter(
            owner=user, live=False, first_published_at=None, alias_of=None, depth__gt=1
        ).order_by("-latest_revision_created_at", "-pk")[: UnfinishedDraftsPanel.LIMIT]
    )


@hooks.register("construct_homepage_panels")
def add_unfinished_drafts(request, panels):
    drafts = unfinished_drafts(request.user)
    if drafts:
        panels.append(UnfinishedDraftsPanel(drafts))


@hooks.register("before_create_page")
def point_at_own_draft(request, parent_page, page_class):
    """A new page whose address is held by the editor's own abandoned draft says so, with a way out.

    Wagtail refuses the slug on the *Eigenschappen* tab ("al in gebruik"); the editor usually
    doesn't know that an autosaved draft of an earlier attempt holds it. The warning names the
    tab and links to that draft and to its delete view. Autosave's own requests (JSON) get nothing.
    """
    if request.method != "POST" or "application/json" in request.headers.get("Accept", ""):
        return None
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    slug = slugify(request.POST.get("slug") or request.POST.get("title", ""), allow_unicode=allow_unicode)
    if not slug:
        return None
    draft = (
        parent_page.get_children()
        .filter(slug=slug, owner=request.user, live=False, first_published_at=None)
        .first()
    )
    if draft is not None:
        messages.warning(
            request,
            format_html(
                gettext(
                    "U begon deze pagina al eerder: uw concept ‘{title}’ gebruikt het adres ‘{slug}’ "
                    '(tabblad Eigenschappen). <a href="{edit}">Ga verder met dat concept</a> of '
                    '<a href="{delete}">verwijder het</a>.'
                ),
                title=draft.get_admin_display_title(),
                slug=slug,
                edit=reverse("wagtailadmin_pages:edit", args=[draft.pk]),
                delete=reverse("wagtailadmin_pages:delete", args=[draft.pk]),
            ),
        )
    return None
