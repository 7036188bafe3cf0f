"""Import subscribers from a CSV file: ``manage.py import_subscribers FILE.csv [--confirmed]``.

Columns: ``email``, ``language`` (``nl``/``en``), and optionally ``name``, ``municipality`` (a
Gelderland municipality's name or CBS code, ``GM0202`` or ``0202``), ``organisation`` and
``themes`` (slugs of Dutch theme pages, separated by ``;`` or ``,``). The first line names the
columns. Without a ``municipality`` column, an ``organisation`` that is a municipality's name
("Arnhem" or "Gemeente Arnhem") sets it.

Rules, so that an import can't do harm:

- A row that can't be used (bad address, unknown language, theme or municipality) is reported with its line
  number and skipped; every other row is still imported.
- An address that is already known is never duplicated. A confirmed one is left as it is; a
  pending one gets the file's data. Unsubscribed, bounced and erased (suppressed) addresses are
  skipped: the person said no, or the address doesn't work, and an import must not undo that.
- Without ``--confirmed`` imported rows are pending and get the double opt-in mail (the file is
  not proof of consent). With ``--confirmed`` the file is the proof: rows are confirmed at once,
  with ``consent_source=import`` and the file's name as ``consent_form``.
- Each row is saved (and its mail queued, sent after the commit by ``core.mail``) on its own, so
  an interrupted run loses nothing: running it again skips what was done. A pending row from an
  earlier run is not mailed twice.
"""

import csv
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from knowledge.models import Municipality
from newsletter import subscriptions
from newsletter.forms import theme_queryset
from newsletter.models import Subscriber, SuppressedAddress, normalise_email

REQUIRED_COLUMNS = {"email", "language"}
LANGUAGES = {code for code, _name in settings.LANGUAGES}


class Command(BaseCommand):
    help = (
        "Import kwartaalupdate subscribers from a CSV file "
        "(email, language, name, municipality, organisation, themes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file, UTF-8, first line the column names")
        parser.add_argument(
            "--confirmed",
            action="store_true",
            help="the file records consent: mark rows confirmed instead of sending the opt-in mail",
        )

    def handle(self, *args, file, confirmed, **options):
        path = Path(file)
        try:
            handle = path.open(newline="", encoding="utf-8-sig")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        themes = {page.slug: page for page in theme_queryset()}
        self.municipalities = Municipality.lookup()
        counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0, "invalid": 0}
        with handle:
            reader = csv.DictReader(handle)
            columns = {name.strip().lower() for name in (reader.fieldnames or [])}
            if not columns >= REQUIRED_COLUMNS:
                raise CommandError(
                    f"{path.name}: the first line must name the columns; missing: "
                    + ", ".join(sorted(REQUIRED_COLUMNS - columns))
                )
            for row in reader:
                line = reader.line_num
                extra = [value for value in row.pop(None, []) if value.strip()]
                row = {(key or "").strip().lower(): (value or "").strip() for key, value in row.items()}
                try:
                    if extra:
                        raise ValidationError(f"more values than columns: {', '.join(extra)}")
                    data = self.parse(row, themes)
                except ValidationError as error:
                    counts["invalid"] += 1
                    self.stderr.write(f"line {line}: {'; '.join(error.messages)}")
                    continue
                outcome = self.import_row(data, confirmed, path.name, line)
                counts[outcome] += 1
                if outcome != "unchanged":
                    self.stdout.write(f"line {line}: {data['email']} {outcome}")
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"{path.name}: {summary}"))

    def parse(self, row, themes):
        problems = []
        email = normalise_email(row.get("email", ""))
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"not a valid e-mail address: {row.get('email', '')!r}")
        language = row.get("language", "").lower()
        if language not in LANGUAGES:
            problems.append(f"unknown language {language!r} (use {', '.join(sorted(LANGUAGES))})")
        slugs = [slug.strip() for slug in row.get("themes", "").replace(",", ";").split(";") if slug.strip()]
        unknown = [slug for slug in slugs if slug not in themes]
        if unknown:
            problems.append(f"unknown theme {', '.join(unknown)}")
        named = row.get("municipality", "")
        municipality = self.municipalities.get(" ".join(named.lower().split())) if named else None
        if named and municipality is None:
            problems.append(f"unknown municipality {named!r} (use a Gelderland name or CBS code)")
        name, organisation = row.get("name", ""), row.get("organisation", "")
        if not named and organisation:
            municipality = self.municipalities.get(" ".join(organisation.lower().split()))
        for label, value in (("name", name), ("organisation", organisation)):
            if len(value) > 150:
                problems.append(f"{label} is longer than 150 characters")
        if problems:
            raise ValidationError(problems)
        return {
            "email": email,
            "language": language,
            "name": name,
            "municipality": municipality,
            "organisation": "" if municipality and not named else organisation,
            "themes": [themes[slug] for slug in slugs],
        }

    def import_row(self, data, confirmed, file_name, line):
        """Save one row (and queue its mail) in one transaction; the outcome's name for the tally."""
        if SuppressedAddress.is_suppressed(data["email"]):
            self.stdout.write(f"line {line}: skipped, the address was erased")
            return "skipped"
        with transaction.atomic():
            subscriber = Subscriber.objects.select_for_update().filter(email=data["email"]).first()
            if subscriber is not None and subscriber.status in subscriptions.ENDED:
                self.stdout.write(f"line {line}: skipped, {subscriber.get_status_display().lower()}")
                return "skipped"
            if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
                return "unchanged"
            if subscriber is not None and not confirmed:
                # Pending from an earlier run or the form: it has had its mail.
                return "unchanged"
            created = subscriber is None
            if created:
                subscriber = Subscriber(email=data["email"], consent_given_at=timezone.now())
            subscriber.consent_source = Subscriber.Source.IMPORT
            subscriber.consent_form = file_name
            if confirmed:
                subscriber.status = Subscriber.Status.CONFIRMED
                subscriber.confirmed_at = timezone.now()
            subscriptions.apply_preferences(
                subscriber,
                language=data["language"],
                name=data["name"],
                municipality=data["municipality"],
                organisation=data["organisation"],
                themes=data["themes"],
            )
            if not confirmed:
                subscriptions.send_confirmation(subscriber)
        return "created" if created else "updated"
