"""``manage.py import_knowledge FILE [--draft] [--dry-run]``: knowledge items from a file.

FILE is ``.jsonl`` (one record a line), ``.json`` (an array of records) or ``.csv`` (the first
line names the columns). The fields and rules are in ``knowledge/importing.py``. A record that
can't be used is reported with its line number and skipped; the command then ends with a non-zero
exit status, after the summary. It prints how far it is every few seconds. Running it again is
safe: unchanged records are skipped, and a run that was stopped (Ctrl-C) carries on after the
last batch it wrote.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from knowledge.importing import FileProblem, KnowledgeImport, read_records

PROGRESS_EVERY = 2.0  # seconds
INTERRUPTED = 130  # the exit status of a program stopped with Ctrl-C


def summary(counts):
    return (
        f"{counts.created} nieuw, {counts.updated} bijgewerkt, "
        f"{counts.unchanged} ongewijzigd, {counts.failed} mislukt"
    )


class Command(BaseCommand):
    help = "Importeer kennisitems uit een .jsonl-, .json- of .csv-bestand (external_id is de sleutel)."

    def add_arguments(self, parser):
        parser.add_argument("file", help=".jsonl, .json (een lijst) of .csv, UTF-8")
        parser.add_argument("--draft", action="store_true", help="niet publiceren: alleen een concept")
        parser.add_argument("--dry-run", action="store_true", help="alleen controleren, niets opslaan")

    def handle(self, *args, file, draft=False, dry_run=False, **options):
        try:
            records = read_records(file)
        except FileProblem as error:
            raise CommandError(str(error)) from error
        run = KnowledgeImport(draft=draft, dry_run=dry_run)
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
        if run.counts.failed:
            raise CommandError(f"{run.counts.failed} van {total} records niet geïmporteerd (zie boven).")
