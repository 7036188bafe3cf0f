"""Factories for the top of the site: the home page, standard pages, site settings and footer.

Every test database already holds the Dutch home page (slug ``home``) that the migrations create,
so tests hang their pages below ``dutch_home()`` instead of building a new site.
"""

import factory
import wagtail_factories
from wagtail.models import Site

from home import blocks as home_blocks
from home.models import FooterLink, HomePage, SiteSettings, StandardPage

from .core import BasePageFactory, BodyStreamBlockFactory


def dutch_home():
    """The Dutch home page the migrations create: the root of the default site."""
    return HomePage.objects.get(locale__language_code="nl", depth=2)


class HomePageFactory(BasePageFactory):
    title = "Leefbaarheid Gelderland"
    hero_title = "Samen werken aan leefbare buurten en dorpen"
    body = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)

    class Meta:
        model = HomePage


class ContactDetailsBlockFactory(wagtail_factories.StructBlockFactory):
    title = "Zo bereikt u ons"

    class Meta:
        model = home_blocks.ContactDetailsBlock


class StandardPageStreamBlockFactory(BodyStreamBlockFactory):
    contact_details = factory.SubFactory(ContactDetailsBlockFactory)

    class Meta:
        model = home_blocks.StandardPageStreamBlock


class StandardPageFactory(BasePageFactory):
    body = wagtail_factories.StreamFieldFactory(StandardPageStreamBlockFactory)

    class Meta:
        model = StandardPage


# Settings and footer ------------------------------------------------------------------------------


def site_settings(site=None):
    return SiteSettings.for_site(site or Site.objects.get(is_default_site=True))


def site_footer(site=None):
    """The Dutch footer the site settings choose: migration ``home/0006`` makes it for every site."""
    return site_settings(site).footer


class FooterLinkFactory(factory.django.DjangoModelFactory):
    footer = factory.LazyFunction(site_footer)
    page = None
    url = ""
    label = ""

    class Meta:
        model = FooterLink


def page_writers():
    """A group that may enter the admin and write pages, nothing more: what Wagtail's default
    *Editors* group was before migration ``home/0009`` removed it. Tests use it for an editor who
    holds no rights on the project's own models (registrations, subscribers, pilot interest)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Page

    group, created = Group.objects.get_or_create(name="Schrijvers (test)")
    if created:
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        root = Page.get_first_root_node()
        for codename in ("add_page", "change_page"):
            GroupPagePermission.objects.create(
                group=group, page=root, permission=Permission.objects.get(codename=codename)
            )
    return group
