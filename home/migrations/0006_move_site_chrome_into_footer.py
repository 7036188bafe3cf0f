"""The footer becomes a translatable snippet; step 2 of 3: move what the site settings held into it.

For every site: a Dutch ``SiteFooter`` with the settings' team name, e-mail address, phone number
and addresses, holding the site's footer links (each with a translation key of its own), chosen in
the settings. Where the settings held English texts (the English team name, English link texts),
an English translation of that footer keeps them: the same translation key, the English name, and
each link again with its English text (empty when there was none: English readers then see the
English page title, or the Dutch text marked as Dutch, as before).

A site without settings yet (a fresh database) gets the Dutch footer with the values the settings
used to default to, and no English one: an editor translates it with wagtail-localize.
"""

import uuid

from django.conf import settings
from django.db import migrations

CONTACT_FIELDS = ("email", "phone", "visiting_address", "postal_address")


def move_into_footer(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Site = apps.get_model("wagtailcore", "Site")
    SiteSettings = apps.get_model("home", "SiteSettings")
    SiteFooter = apps.get_model("home", "SiteFooter")
    FooterLink = apps.get_model("home", "FooterLink")

    main = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    english = Locale.objects.filter(language_code="en").exclude(pk=getattr(main, "pk", None)).first()
    if main is None:
        return  # no locales, no site: nothing to move
    for site in Site.objects.all():
        row = SiteSettings.objects.filter(site=site).first()
        had_settings = row is not None
        if row is None:
            row = SiteSettings.objects.create(site=site)  # the former defaults
        contact = {name: getattr(row, name) for name in CONTACT_FIELDS}
        dutch = SiteFooter.objects.create(
            locale=main, translation_key=uuid.uuid4(), team_name=row.organisation_name, **contact
        )
        links = list(FooterLink.objects.filter(settings=row).order_by("sort_order", "pk"))
        for link in links:
            link.footer, link.locale, link.translation_key = dutch, main, uuid.uuid4()
            link.save()

        has_english = row.organisation_name_en or any(link.label_en for link in links)
        if had_settings and english and has_english:
            translation = SiteFooter.objects.create(
                locale=english,
                translation_key=dutch.translation_key,
                team_name=row.organisation_name_en or row.organisation_name,
                **contact,
            )
            FooterLink.objects.bulk_create(
                FooterLink(
                    footer=translation,
                    locale=english,
                    translation_key=link.translation_key,
                    sort_order=link.sort_order,
                    page_id=link.page_id,
                    url=link.url,
                    label=link.label_en,
                )
                for link in links
            )
        row.footer = dutch
        row.save()


def move_back(apps, schema_editor):
    SiteSettings = apps.get_model("home", "SiteSettings")
    SiteFooter = apps.get_model("home", "SiteFooter")
    FooterLink = apps.get_model("home", "FooterLink")

    for row in SiteSettings.objects.exclude(footer=None).select_related("footer"):
        footer = row.footer
        english = SiteFooter.objects.filter(
            translation_key=footer.translation_key, locale__language_code="en"
        ).first()
        row.organisation_name = footer.team_name
        row.organisation_name_en = english.team_name if english else ""
        for name in CONTACT_FIELDS:
            setattr(row, name, getattr(footer, name))
        row.save()
        english_labels = (
            dict(FooterLink.objects.filter(footer=english).values_list("translation_key", "label"))
            if english
            else {}
        )
        for link in FooterLink.objects.filter(footer=footer):
            link.settings = row
            link.label_en = english_labels.get(link.translation_key, "")
            link.footer, link.locale, link.translation_key = None, None, None
            link.save()
    # What is left are the translations' links and the footers themselves.
    FooterLink.objects.filter(settings=None).delete()
    SiteFooter.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_site_footer"),
    ]

    operations = [migrations.RunPython(move_into_footer, move_back)]
