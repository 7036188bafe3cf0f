"""``manage.py import_knowledge FILE [--draft | --publish] [--create-organisations] [--dry-run]``.

Knowledge items from a file, under review by default: new and changed items are submitted to the
Kennisbank's workflow (or saved as drafts when it has none), so an editor approves them before
visitors see them. ``--publish`` puts them live at once; the setting ``KNOWLEDGE_IMPORT_PUBLISH``
(environment variable, default off) makes that the default, and ``--draft`` then asks for review
all the same. An organisation the site does not know is refused (with the closest known name)
unless ``--create-organisations`` is given.

FILE is ``.jsonl`` (one record a line), ``.json`` (an array of records) or ``.csv`` (the first
line names the columns). The fields and rules are in ``knowledge/importing.py``. A record that
can't be used is reported with its line number and skipped; the command then ends with a non-zero
exit status, after the summary. It prints how far it is every few seconds. Running it again is
safe: unchanged records are skipped, and a run that was stopped (Ctrl-C) carries on after the
last batch it wrote.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.importing import Publication
from knowledge.importing import FileProblem, KnowledgeImport, read_records

PROGRESS_EVERY = 2.0  # seconds
INTERRUPTED = 130  # the exit status of a program stopped with Ctrl-C


def summary(counts):
    return (
        f"{counts.created} nieuw, {counts.updated} bijgewerkt, "
        f"{counts.unchanged} ongewijzigd, {counts.failed} mislukt"
    )


def outcome(run, dry_run):
    """What happens to the new and changed items, in a sentence."""
    future = "worden" if dry_run else "zijn"
    if run.publication is Publication.PUBLISH:
        return f"Nieuwe en gewijzigde kennisitems {future} gepubliceerd."
    workflows = {index.get_workflow() for index in run.indexes.values()} - {None}
    if workflows:
        names = ", ".join(sorted(workflow.name for workflow in workflows))
        return (
            f"Nieuwe en gewijzigde kennisitems {future} ter beoordeling aangeboden (workflow {names}); "
            "bezoekers zien ze pas na goedkeuring."
        )
    return (
        f"Nieuwe en gewijzigde kennisitems {future} als concept opgeslagen (de Kennisbank heeft geen "
        "workflow); een redacteur publiceert ze."
    )


class Command(BaseCommand):
    help = "Importeer kennisitems uit een .jsonl-, .json- of .csv-bestand (external_id is de sleutel)."

    def add_arguments(self, parser):
        parser.add_argument("file", help=".jsonl, .json (een lijst) of .csv, UTF-8")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="ter beoordeling aanbieden (de workflow van de Kennisbank, anders een concept)",
        )
        parser.add_argument("--publish", action="store_true", help="meteen publiceren, zonder beoordeling")
        parser.add_argument(
            "--create-organisations",
            action="store_true",
            help="onbekende organisaties aanmaken in plaats van de regel te weigeren",
        )
        parser.add_argument("--dry-run", action="store_true", help="alleen controleren, niets opslaan")

    def handle(
        self, *args, file, draft=False, publish=False, create_organisations=False, dry_run=False, **options
    ):
        if draft and publish:
            # Checked here rather than by argparse, whose message would be English.
            raise CommandError("Kies --draft of --publish, niet allebei.")
        try:
            records = read_records(file)
        except FileProblem as error:
            raise CommandError(str(error)) from error
        if not draft and (publish or settings.KNOWLEDGE_IMPORT_PUBLISH):
            publication = Publication.PUBLISH
        else:
            publication = Publication.REVIEW
        run = KnowledgeImport(publication, dry_run=dry_run, create_organisations=create_organisations)
        total, started = len(records), time.monotonic()
        shown, reported = started, 0

        def progress(counts, done):
            nonlocal shown, reported
            # The batch's problems in the order of the file.
            for line, reason in sorted(counts.problems[reported:], key=lambda problem: problem[0]):
                self.stderr.write(f"regel {line}: {reason}")
            reported = len(counts.problems)
            if time.monotonic() - shown >= PROGRESS_EVERY and done < total:
                self.stdout.write(f"{done} van {total} verwerkt ({summary(counts)})")
                shown = time.monotonic()

        try:
            run.run(records, progress=progress)
        except KeyboardInterrupt:
            self.stdout.write(f"Onderbroken: {summary(run.counts)}.")
            raise CommandError(
                "De import is onderbroken. Wat klaar was, is opgeslagen; start dezelfde opdracht "
                "opnieuw om verder te gaan.",
                returncode=INTERRUPTED,
            ) from None
        seconds = time.monotonic() - started
        prefix = "Controle (er is niets opgeslagen)" if dry_run else "Klaar"
        self.stdout.write(f"{prefix}: {total} records in {seconds:.1f} s; {summary(run.counts)}.")
        if run.counts.created or run.counts.updated or dry_run:
            self.stdout.write(outcome(run, dry_run))
        if run.counts.failed:
            raise CommandError(f"{run.counts.failed} van {total} records niet geïmporteerd (zie boven).")
