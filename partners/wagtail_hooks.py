"""The *Partners* screen in the admin menu (Hoofdredactie), and what partners see of the admin.

A partner's account sees less than Wagtail shows by default: no reports, and a page chooser (and
page fields in its forms) with only public pages and the partner's own section
(``partners/access.py`` says why).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.admin_forms import CHOOSABLE_PAGES_HOOK, PAGE_FORM_HOOK
from core.hooks import PAGE_CONTEXT_HOOK

from . import views
from .access import choosable_pages, is_partner_account
from .articles import organisation_articles
from .signals import partner_article_form

# Pages that name a partner organisation show its latest articles (partners/articles.py).
hooks.register(PAGE_CONTEXT_HOOK, organisation_articles)


@hooks.register("register_admin_urls")
def register_partner_urls():
    return [path("partners/", views.partner_index, name="partners_index")]


class PartnerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("partners.add_partner")


@hooks.register("register_admin_menu_item")
def register_partner_menu_item():
    return PartnerMenuItem(_("Partners"), reverse("partners_index"), icon_name="group", order=460)


@hooks.register("construct_reports_menu")
def hide_reports_from_partners(request, menu_items):
    if is_partner_account(request.user):
        menu_items.clear()


@hooks.register("construct_page_chooser_queryset")
def narrow_page_chooser_for_partners(pages, request):
    # Browsing, searching and "add link" in rich text all list their rows through this hook.
    if is_partner_account(request.user):
        return choosable_pages(pages, request.user)
    return pages


@hooks.register(CHOOSABLE_PAGES_HOOK)
def narrow_page_fields_for_partners(pages, user):
    # The same rule for the page forms: a page block, a page link, the themes' checkboxes.
    if is_partner_account(user):
        return choosable_pages(pages, user)
    return pages


@hooks.register("register_admin_viewset")
def register_feed_run_log():
    # The feed import's run log, read-only, for editors (partners/feed_admin.py).
    from .feed_admin import feed_run_viewset  # noqa: PLC0415 - registers its permission policy

    return feed_run_viewset


# A news page in a partner's section is always a partner article (signals.py files it so on save):
# its form offers only that category instead of defaults that would be overwritten.
hooks.register(PAGE_FORM_HOOK, partner_article_form)
