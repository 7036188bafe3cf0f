"""``manage.py assemble_issue --quarter 2026-Q4 [--locale nl]``: a draft issue from the quarter's pages.

The same as the "Kwartaalupdate samenstellen" button in the admin, for a cron job or a shell. It
never publishes or sends: an editor reads the draft first.
"""

from django.core.management.base import BaseCommand, CommandError

from newsletter.assembly import AssemblyError, assemble_issue


class Command(BaseCommand):
    help = "Maak een concept-kwartaalupdate van de pagina's die in een kwartaal zijn gepubliceerd."

    def add_arguments(self, parser):
        parser.add_argument("--quarter", required=True, help="Bijvoorbeeld 2026-Q4.")
        parser.add_argument("--locale", default=None, help="Taalcode (nl of en); standaard de hoofdtaal.")

    def handle(self, *args, quarter, locale, **options):
        try:
            issue = assemble_issue(quarter, locale)
        except AssemblyError as error:
            raise CommandError(str(error)) from None
        count = sum(len(block.value["items"]) for block in issue.sections)
        self.stdout.write(
            f"Concept “{issue.title}” gemaakt ({issue.locale.language_code}, {count} onderwerpen): "
            f"/admin/pages/{issue.pk}/edit/"
        )
