"""``manage.py give_english_slugs``: English pages that still have their Dutch slug get one made
from their English title, kept through every later sync, with redirects from the old URLs.

Run once after deploying English slugs on a site whose English pages have Dutch slugs; running
it again changes nothing. See ``home/localisation.py`` for why this is a command and not a data
migration.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale

from home.localisation import give_own_slugs


class Command(BaseCommand):
    help = "Give English pages that still have their Dutch slug an English one (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--language", default="en", help="The translations' language code (default: en).")

    def handle(self, *args, language, **options):
        locale = Locale.objects.get(language_code=language)
        with transaction.atomic():
            changed = give_own_slugs(locale)
        for old, new in changed.items():
            self.stdout.write(f"{old} -> {new}")
        self.stdout.write(self.style.SUCCESS(f"Pagina's met een eigen slug gekregen: {len(changed)}."))
