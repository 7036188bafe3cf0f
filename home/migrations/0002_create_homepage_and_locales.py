"""Give a fresh database a Dutch home page as the site root, and both content languages.

Without this, a new install would show Wagtail's "Welcome" placeholder page, whose type editors
cannot use; ``seed_demo`` builds on the home page created here.
"""

import uuid

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    dutch, _created = Locale.objects.get_or_create(language_code="nl")
    Locale.objects.get_or_create(language_code="en")
    # Wagtail's first migration created the locale from the default LANGUAGE_CODE ("en-us" style
    # codes included); move its pages to Dutch and drop locales the site does not publish in.
    Page.objects.exclude(locale=dutch).update(locale=dutch)
    Locale.objects.exclude(language_code__in=["nl", "en"]).delete()

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Site.objects.filter(root_page__content_type=page_type, root_page__depth=2).delete()
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()

    homepage_type, _created = ContentType.objects.get_or_create(
        model="homepage", app_label="home"
    )
    root = Page.objects.get(depth=1)
    homepage = HomePage.objects.create(
        title="Leefbaarheid Gelderland",
        draft_title="Leefbaarheid Gelderland",
        slug="home",
        content_type=homepage_type,
        path=root.path + "0002",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=dutch,
        translation_key=uuid.uuid4(),
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="Leefbaarheid Gelderland",
        root_page=homepage,
        is_default_site=True,
    )


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("home.HomePage")
    HomePage.objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
