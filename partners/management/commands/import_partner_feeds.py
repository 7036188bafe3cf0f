"""``manage.py import_partner_feeds [--url URL --org NAME] [--schedule]``: partners' feeds to drafts.

Without options: every partner organisation with a feed address, one after another (see
``partners.feed_import``); a feed that fails is written in the run log and the others go on, and
the command then ends with exit code 1. Stopping it halfway and running it again is safe.
``--url`` and ``--org`` import one feed once for one partner (to try a feed before saving its
address). ``--schedule`` queues the task that imports every ``FEEDS_IMPORT_INTERVAL_MINUTES``
instead, which ``db_worker`` runs and re-queues.
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from core.recurring import start_chain
from knowledge.models import Organisation
from partners.feed_import import import_all_feeds, import_feed
from partners.models import FeedRun, Partner
from partners.tasks import import_partner_feeds_regularly


def describe(run):
    if run.status == FeedRun.Status.ERROR:
        return f"mislukt: {run.error}"
    if run.status == FeedRun.Status.NOT_MODIFIED:
        return "niet veranderd sinds de vorige keer"
    text = (
        f"{run.fetched} opgehaald, {run.created} nieuw, {run.updated} bijgewerkt, {run.skipped} overgeslagen"
    )
    return text + (f", {run.failed} niet gelukt" if run.failed else "")


class Command(BaseCommand):
    help = "Import partners' feeds as draft news pages for review (--schedule: every interval)."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="import this feed once (with --org)")
        parser.add_argument("--org", help='the partner organisation for --url, e.g. "Movisie"')
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the task that imports every feed regularly (manage.py db_worker runs it)",
        )

    def handle(self, *args, url=None, org=None, schedule=False, **options):
        if schedule:
            return self.schedule()
        if url or org:
            if not (url and org):
                raise CommandError("Geef --url en --org samen op.")
            run = import_feed(self.partner(org), url=url)
            self.report(run.organisation, run)
            if run.status == FeedRun.Status.ERROR:
                raise CommandError("De feed is niet geïmporteerd.")
            return
        self.stdout.write("Feeds van partners importeren ...")
        runs = import_all_feeds(progress=lambda partner, run: self.report(partner.organisation, run))
        failed = sum(run.status == FeedRun.Status.ERROR for run in runs)
        self.stdout.write(f"Klaar: {len(runs)} feeds, {failed} mislukt.")
        if failed:
            raise CommandError(f"{failed} van de {len(runs)} feeds zijn mislukt; zie het importlogboek.")

    def report(self, organisation, run):
        self.stdout.write(f"  {organisation.name} ({run.feed_url}): {describe(run)}")

    def partner(self, name):
        organisation = (
            Organisation.objects.filter(name__iexact=" ".join(name.split()), locale=Locale.get_default())
            .order_by("pk")
            .first()
        )
        if organisation is None:
            raise CommandError(f"Er is geen organisatie die {name} heet.")
        partner = Partner.objects.filter(organisation=organisation, section__isnull=False).first()
        if partner is None:
            raise CommandError(f"{organisation.name} is geen partner; maak die eerst aan met create_partner.")
        return partner

    def schedule(self):
        self.stdout.write(
            start_chain(
                import_partner_feeds_regularly,
                cron_advice="draai `manage.py import_partner_feeds` regelmatig (cron).",
                started="Het importeren van de feeds staat in de wachtrij: "
                "manage.py db_worker voert het regelmatig uit.",
            )
        )
