"""Bulk import of knowledge items from a file: what ``manage.py import_knowledge`` does.

``read_records(path)`` turns a ``.jsonl``, ``.json`` (an array) or ``.csv`` file into
``(line, record)`` pairs, or ``(line, problem)`` for a line that can't be read; ``KnowledgeImport``
checks each record and creates or updates its page below the Kennisbank of its language, through
the site's one import mechanism (``core.importing``).

Rules, so that an import can't do harm and can always be run again:

- ``external_id`` is the key: a record whose key is known updates that page (in its language),
  it never makes a second one. An unchanged record (the same hash of its checked data as last
  time, the body as given) is skipped: no new revision, no writes, no sanitising.
- A record that can't be used is reported with its line number and the reasons, and changes
  nothing; the other records are still imported.
- Records are written in batches (``BATCH_SIZE``), each in one transaction and each record in a
  savepoint of its own, with the batch's search and reference index entries. An interrupted run
  loses at most the batch in flight, and running it again carries on where it stopped.
- Pages are created the way an editor does it (``add_child``, a revision: the history shows the
  import). What then happens is the run's ``Publication``: ``REVIEW`` (the default: submitted to
  the Kennisbank's workflow, or left as a draft when it has none), or ``PUBLISH`` (live at once).
  A dry run checks every record and writes nothing.
- An organisation is named by its name as the site knows it (in any case). An unknown name is
  refused, with the closest known name as a suggestion, unless the run may create organisations
  (``create_organisations``): a typo must not make a second "Movisie".
"""

import csv
import difflib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify
from wagtail.models import Locale

from core.importing import PageImport, Publication, Record, free_slug, stable_block_id
from core.sanitising import sanitise_html

from .models import KnowledgeIndexPage, KnowledgeItemPage, Municipality, Organisation, ThemePage
from .models.organisations import SOURCE_LOCALE

FORMATS = (".jsonl", ".json", ".csv")
FIELDS = (
    "external_id",
    "title",
    "kind",
    "summary",
    "body",
    "themes",
    "organisation",
    "url",
    "year",
    "municipality",
    "evidence_level",
    "language",
)
REQUIRED = ("external_id", "title", "summary")
# Part of every hash: raise it when the mapping from a record to a page changes, so that the next
# run rewrites every page once. The body is hashed as the record gives it, before sanitising: a
# stricter ``core.sanitising`` policy reaches pages already imported when this is raised too.
MAPPING_VERSION = "2"
LANGUAGES = [code for code, _name in settings.LANGUAGES]
MIN_YEAR, MAX_YEAR = 1900, 2100
BLOCK_ID_NAMESPACE = uuid.UUID("0b8f3a52-6f4e-4c1d-9e2a-7d5b1c3e9f10")
# Records per transaction: an interrupted run loses at most this many, and a run again resumes.
BATCH_SIZE = 200


class FileProblem(Exception):
    """The file as a whole can't be read: wrong type, missing, not UTF-8, not a JSON array."""


class Unreadable(str):
    """What the reader says about a line that is not a record (instead of the record)."""


# Reading -----------------------------------------------------------------------------------------


def read_records(path):
    """``[(line, record)]``; for a line that is not a record, ``(line, Unreadable(reason))``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise FileProblem(f"{path.name}: onbekend bestandstype; gebruik {', '.join(FORMATS)}")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise FileProblem(f"{path}: kan het bestand niet lezen ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise FileProblem(f"{path.name}: geen UTF-8 (byte {error.start})") from error
    return {".jsonl": _read_jsonl, ".json": _read_json_array, ".csv": _read_csv}[suffix](text)


def _read_jsonl(text):
    records = []
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            records.append((line, json.loads(raw)))
        except json.JSONDecodeError as error:
            records.append((line, Unreadable(f"geen geldige JSON ({error.msg}, kolom {error.colno})")))
    return records


def _read_json_array(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileProblem(
            f"geen geldige JSON op regel {error.lineno}, kolom {error.colno}: {error.msg}"
        ) from error
    if not isinstance(data, list):
        raise FileProblem("een .json-bestand moet een lijst (array) van records zijn")
    # The array is valid; walk it once more to learn the line each element starts on.
    decoder, position, records = json.JSONDecoder(), text.index("[") + 1, []
    for _element in data:
        while text[position] in " \t\r\n,":
            position += 1
        value, end = decoder.raw_decode(text, position)
        records.append((text.count("\n", 0, position) + 1, value))
        position = end
    return records


def _read_csv(text):
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        return []
    records = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            records.append((line, Unreadable(f"onleesbare CSV-regel ({error})")))
            continue
        if not any(value.strip() for value in row):
            continue
        if len(row) > len(header):
            extra = ", ".join(value for value in row[len(header) :] if value.strip())
            records.append((line, Unreadable(f"meer waarden dan kolommen: {extra}")))
            continue
        records.append((line, dict(zip(header, row, strict=False))))
    return records


# Checking ----------------------------------------------------------------------------------------


def _choice_lookup(choices):
    """A value or its (Dutch) label, in any case, with spaces, hyphens or underscores."""
    lookup = {}
    for value, label in choices:
        for key in (value, str(label)):
            lookup[_choice_key(key)] = value
    return lookup


def _choice_key(text):
    return slugify(str(text)).replace("-", "_")


KINDS = _choice_lookup(KnowledgeItemPage.Kind.choices)
EVIDENCE_LEVELS = _choice_lookup(KnowledgeItemPage.EvidenceLevel.choices)
_http_url = URLValidator(schemes=["http", "https"])


def _text(record, name):
    value = record.get(name)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise ValidationError(f"{name} moet tekst zijn")
    return str(value).strip()


def _slugs(value):
    items = value if isinstance(value, list) else str(value or "").replace(",", ";").split(";")
    return [str(item).strip() for item in items if str(item).strip()]


@dataclass
class Known:
    """What the run knows of an imported page without loading it: enough to skip a record."""

    pk: int
    digest: str
    live: bool


class KnowledgeImport(PageImport):
    """One run: the lookups it needs are read once, then ``run(records)`` handles each record."""

    mapping_version = MAPPING_VERSION
    batch_size = BATCH_SIZE
    slug_fallback = "kennisitem"

    def __init__(self, publication=Publication.REVIEW, dry_run=False, create_organisations=False):
        super().__init__(publication, dry_run=dry_run)
        self.create_organisations = create_organisations
        self.themes = {page.slug: page for page in ThemePage.objects.filter(**SOURCE_LOCALE)}
        self.municipalities = Municipality.lookup()
        self.organisations = {
            Municipality.lookup_key(org.name): org for org in Organisation.objects.filter(**SOURCE_LOCALE)
        }
        self.indexes = {
            page.locale.language_code: page
            for page in KnowledgeIndexPage.objects.select_related("locale").order_by("path")
            if page.locale.language_code in LANGUAGES
        }
        self.known = {}  # (language, external_id) -> Known
        for external_id, language, pk, import_hash, live in KnowledgeItemPage.objects.exclude(
            external_id=""
        ).values_list("external_id", "locale__language_code", "pk", "import_hash", "live"):
            self.known[(language, external_id)] = Known(pk, import_hash, live)

    # One record -------------------------------------------------------------------------------

    def clean(self, record):
        """The record's values for the page, or ValidationError with every reason it can't be used."""
        if not isinstance(record, dict):
            raise ValidationError("een record moet een object zijn met velden")
        record = {str(key).strip().lower(): value for key, value in record.items()}
        problems = []

        def text(name):
            try:
                return _text(record, name)
            except ValidationError as error:
                problems.extend(error.messages)
                return ""

        values = {name: text(name) for name in FIELDS if name != "themes"}
        for name in REQUIRED:
            if not values[name]:
                problems.append(f"{name} ontbreekt")
        if len(values["external_id"]) > 100:
            problems.append("external_id is langer dan 100 tekens")
        if len(values["title"]) > 255:
            problems.append("title is langer dan 255 tekens")

        kind = KINDS.get(_choice_key(values["kind"])) if values["kind"] else KnowledgeItemPage.Kind.METHOD
        if kind is None:
            problems.append(f"onbekende soort (kind) {values['kind']!r}")
        evidence = (
            EVIDENCE_LEVELS.get(_choice_key(values["evidence_level"]))
            if values["evidence_level"]
            else KnowledgeItemPage.EvidenceLevel.PRACTICE_EXAMPLE
        )
        if evidence is None:
            problems.append(f"onbekende bewijskracht (evidence_level) {values['evidence_level']!r}")

        slugs = _slugs(record.get("themes"))
        unknown = [slug for slug in slugs if slug not in self.themes]
        if unknown:
            problems.append(f"onbekend thema {', '.join(unknown)}")

        url = values["url"]
        if url:
            try:
                if len(url) > 200:
                    raise ValidationError("te lang")
                _http_url(url)
            except ValidationError:
                problems.append(f"url moet een http- of https-adres zijn: {url[:80]!r}")

        year = None
        if values["year"]:
            try:
                year = int(values["year"])
            except ValueError:
                problems.append(f"year is geen getal: {values['year']!r}")
            else:
                if not MIN_YEAR <= year <= MAX_YEAR:
                    problems.append(f"year {year} ligt niet tussen {MIN_YEAR} en {MAX_YEAR}")

        municipality = None
        if values["municipality"]:
            municipality = self.municipalities.get(Municipality.lookup_key(values["municipality"]))
            if municipality is None:
                problems.append(
                    f"onbekende gemeente {values['municipality']!r} (gebruik een Gelderse naam of CBS-code)"
                )

        organisation = values["organisation"]
        if len(organisation) > 150:
            problems.append("organisation is langer dan 150 tekens")
        elif (
            organisation
            and not self.create_organisations
            and Municipality.lookup_key(organisation) not in self.organisations
        ):
            problems.append(self.unknown_organisation(organisation))

        language = (values["language"] or settings.LANGUAGE_CODE).lower()
        if language not in LANGUAGES:
            problems.append(f"onbekende taal {language!r} (gebruik {', '.join(LANGUAGES)})")
        elif language not in self.indexes:
            problems.append(f"er is geen Kennisbank in taal {language!r}")

        if problems:
            raise ValidationError(problems)
        return {
            "external_id": values["external_id"],
            "language": language,
            "title": values["title"],
            "kind": kind,
            "introduction": values["summary"],
            # Sanitised once the hash says it will be written: a re-import spent 94 % of its time
            # making unchanged bodies safe again.
            "body": values["body"],
            "themes": sorted(set(slugs)),
            "organisation": organisation,
            "external_url": url,
            "year": year,
            "municipality": municipality.pk if municipality else None,
            "evidence_level": evidence,
        }

    def unknown_organisation(self, name):
        """Why ``name`` is refused, with the closest name the site knows (a typo, most likely)."""
        known = {key: org.name for key, org in self.organisations.items()}
        close = difflib.get_close_matches(Municipality.lookup_key(name), list(known), n=1, cutoff=0.6)
        message = f"onbekende organisatie {name!r}"
        if close:
            message += f" (bedoelt u {known[close[0]]!r}?)"
        return (
            message + "; voeg de organisatie eerst toe onder Fragmenten, of start de import met "
            "--create-organisations om nieuwe organisaties te laten aanmaken"
        )

    # The import's hooks (see core.importing.runner) --------------------------------------------

    def read(self, raw):
        if isinstance(raw, Unreadable):
            raise ValidationError(raw)
        data = self.clean(raw)
        return Record(key=(data["language"], data["external_id"]), data=data)

    def find(self, record):
        return self.known.get(record.key)

    def is_current(self, known, record):
        # A page imported as a draft is published by the next run that publishes.
        return known.digest == self.digest(record) and (
            known.live or self.publication is not Publication.PUBLISH
        )

    def parent(self, record):
        return self.indexes[record.data["language"]]

    def new_page(self, record, parent):
        return KnowledgeItemPage(locale_id=parent.locale_id)

    def page_to_update(self, known, record):
        return KnowledgeItemPage.objects.get(pk=known.pk)

    def before_writing(self, records):
        """The organisations the batch names that the site does not know yet, created once (only
        when the run may: otherwise ``clean`` refused their records)."""
        if not self.create_organisations:
            return
        locale = None
        for record in records:
            name = record.data["organisation"]
            key = Municipality.lookup_key(name)
            if not name or key in self.organisations:
                continue
            locale = locale or Locale.objects.get(language_code=settings.LANGUAGE_CODE)
            slug = free_slug(name, Organisation.objects.filter(locale=locale), "organisatie")
            self.organisations[key] = Organisation.objects.create(name=name, slug=slug, locale=locale)

    def fill(self, page, record):
        data = record.data
        page.external_id = data["external_id"]
        page.import_hash = self.digest(record)
        page.title = data["title"]
        page.kind = data["kind"]
        page.introduction = data["introduction"]
        page.external_url = data["external_url"]
        page.year = data["year"]
        page.municipality_id = data["municipality"]
        page.evidence_level = data["evidence_level"]
        organisation = data["organisation"]
        page.organisation = (
            self.organisations[Municipality.lookup_key(organisation)] if organisation else None
        )
        # Sanitised here, once the record is known to be written: a re-import spent 94 % of its
        # time making unchanged bodies safe again.
        body = sanitise_html(data["body"])
        page.body = (
            [
                {
                    "type": "paragraph",
                    "value": body,
                    "id": stable_block_id(BLOCK_ID_NAMESPACE, "import", data["external_id"], "body"),
                }
            ]
            if body
            else []
        )
        page.themes.set([self.themes[slug] for slug in data["themes"]])

    def written(self, record, page, revision, created):
        before = self.known.get(record.key)
        live = self.publication is Publication.PUBLISH or bool(before and before.live)
        self.known[record.key] = Known(page.pk, self.digest(record), live)
