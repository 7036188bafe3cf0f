"""The *Partners* screen in the admin menu, for those who may set partners up (Hoofdredactie)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.hooks import PAGE_CONTEXT_HOOK

from . import views
from .access import is_partner_account
from .articles import organisation_articles

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


@hooks.register("register_admin_viewset")
def register_feed_run_log():
    # The feed import's run log, read-only, for editors (partners/feed_admin.py).
    from .feed_admin import feed_run_viewset  # noqa: PLC0415 - registers its permission policy

    return feed_run_viewset
