"""Bulk import of knowledge items from a file: what ``manage.py import_knowledge`` does.

``read_records(path)`` turns a ``.jsonl``, ``.json`` (an array) or ``.csv`` file into
``(line, record)`` pairs, or ``(line, problem)`` for a line that can't be read; ``KnowledgeImport``
checks each record and creates or updates its page below the Kennisbank of its language.

Rules, so that an import can't do harm and can always be run again:

- ``external_id`` is the key: a record whose key is known updates that page (in its language),
  it never makes a second one. An unchanged record (the same hash of its checked data as last
  time, the body as given) is skipped: no new revision, no writes, no sanitising.
- A record that can't be used is reported with its line number and the reasons, and changes
  nothing; the other records are still imported.
- Records are written in batches (``BATCH_SIZE``), each in one transaction: the pages, their
  revisions, their publication, and their search and reference index entries. An interrupted run
  loses at most the batch in flight, and running it again carries on where it stopped.
- Pages are published through a revision (the history shows the import) unless ``draft``;
  a dry run checks every record and writes nothing.
- New pages are created a batch at a time (``knowledge.bulk_pages``: the tree paths, revisions,
  publication and history ``add_child`` + ``publish`` would leave, in a few queries instead of
  some 60 a page); a changed record goes through Wagtail's ``save_revision`` and ``publish``.
- The search and reference indexes are updated here, in the same transaction, instead of through
  the Tasks API: in production those tasks wait for ``db_worker``, and an import must be findable
  when it ends. Each page is indexed once, not on every save the publication makes.
"""

import csv
import hashlib
import json
import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.text import slugify
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Locale, ReferenceIndex
from wagtail.search import index
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.sanitising import sanitise_html

from .bulk_pages import create_pages
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

logger = logging.getLogger(__name__)


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
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    problems: list = field(default_factory=list)  # (line, reason)

    def summary(self):
        return (
            f"{self.created} nieuw, {self.updated} bijgewerkt, "
            f"{self.unchanged} ongewijzigd, {self.failed} mislukt"
        )


class KnowledgeImport:
    """One run: the lookups it needs are read once, then ``run(records)`` handles each record."""

    def __init__(self, draft=False, dry_run=False):
        self.draft, self.dry_run = draft, dry_run
        self.outcome = Outcome()
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
        self.known = {}  # (language, external_id) -> (pk, hash, live)
        for external_id, language, pk, import_hash, live in KnowledgeItemPage.objects.exclude(
            external_id=""
        ).values_list("external_id", "locale__language_code", "pk", "import_hash", "live"):
            self.known[(language, external_id)] = (pk, import_hash, live)
        self.sibling_slugs = {}  # index page pk -> slugs below it

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

    @staticmethod
    def hash(data):
        return hashlib.sha256(
            json.dumps([MAPPING_VERSION, data], sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()

    def run(self, records, after_batch=None):
        """Import ``records`` (``[(line, record)]``) in batches; ``after_batch(done)`` after each."""
        done = 0
        for start in range(0, len(records), BATCH_SIZE):
            batch = records[start : start + BATCH_SIZE]
            self._run_batch(batch)
            done += len(batch)
            if after_batch:
                after_batch(done)
        return self.outcome

    def _run_batch(self, batch):
        planned, keys = [], set()
        for line, record in batch:
            try:
                if isinstance(record, Unreadable):
                    raise ValidationError(record)
                data = self.clean(record)
            except ValidationError as error:
                self._fail(line, error)
                continue
            digest = self.hash(data)
            key = (data["language"], data["external_id"])
            known = self.known.get(key)
            if known and known[1] == digest and (known[2] or self.draft):
                self._count("unchanged")
                continue
            if self.dry_run:
                self._count("updated" if known else "created")
                continue
            if key in keys:
                # The same record twice in a batch: the second one must find the first one's page.
                self._write(planned)
                planned, keys = [], set()
                known = self.known.get(key)
            data["body"] = sanitise_html(data["body"])
            planned.append(_Planned(line, data, digest, known[0] if known else None))
            keys.add(key)
        self._write(planned)

    def _write(self, planned):
        """One transaction: the updates one by one, the new pages in bulk per Kennisbank."""
        if not planned:
            return
        written = []  # (key, pk, hash, live, outcome)
        with transaction.atomic():
            new = {}  # language -> [(item, page)]
            for item in planned:
                try:
                    if item.pk is None:
                        new.setdefault(item.data["language"], []).append((item, self._new_page(item)))
                        continue
                    # A savepoint: a page Wagtail refuses fails alone.
                    with transaction.atomic():
                        page = self._update(item)
                        # Read back what was stored: a draft revision must not reach the index.
                        page = KnowledgeItemPage.objects.get(pk=page.pk)
                        _index(page)
                    written.append((item.key, page.pk, item.digest, page.live, "updated"))
                except ValidationError as error:
                    self._fail(item.line, error)
            for language, items in new.items():
                pages = create_pages(
                    self.indexes[language], [page for _item, page in items], publish=not self.draft
                )
                _index_new(pages)
                written += [(item.key, page.pk, item.digest, page.live, "created") for item, page in items]
        for key, pk, digest, live, outcome in written:
            self.known[key] = (pk, digest, live)
            self._count(outcome)

    def _fail(self, line, error):
        self.outcome.problems.append((line, "; ".join(error.messages)))
        self._count("failed")

    def _count(self, name):
        setattr(self.outcome, name, getattr(self.outcome, name) + 1)
        return name

    # Writing ------------------------------------------------------------------------------------

    def _organisation(self, name):
        if not name:
            return None
        key = Municipality.lookup_key(name)
        if key not in self.organisations:
            base = slugify(name)[:70] or "organisatie"
            slug, number = base, 1
            while Organisation.objects.filter(slug=slug, **SOURCE_LOCALE).exists():
                number += 1
                slug = f"{base}-{number}"
            organisation = Organisation.objects.create(
                name=name, slug=slug, locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE)
            )
            _index(organisation)
            self.organisations[key] = organisation
        return self.organisations[key]

    def _unique_slug(self, parent, title):
        taken = self.sibling_slugs.get(parent.pk)
        if taken is None:
            taken = self.sibling_slugs[parent.pk] = set(parent.get_children().values_list("slug", flat=True))
        base = slugify(title)[:80].strip("-") or "kennisitem"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        return slug

    def _fill(self, page, data, digest):
        page.external_id = data["external_id"]
        page.import_hash = digest
        page.title = data["title"]
        page.kind = data["kind"]
        page.introduction = data["introduction"]
        page.external_url = data["external_url"]
        page.year = data["year"]
        page.municipality_id = data["municipality"]
        page.evidence_level = data["evidence_level"]
        page.source_organisation = self._organisation(data["organisation"])
        page.body = (
            [{"type": "paragraph", "value": data["body"], "id": _block_id(data["external_id"])}]
            if data["body"]
            else []
        )
        page.themes.set([self.themes[slug] for slug in data["themes"]])
        return page

    def _new_page(self, item):
        """An unsaved page for ``create_pages``, checked as ``full_clean`` would, without queries.

        The checks that need the database are made here already: the slug is free among the
        siblings (``_unique_slug``) and the key is new in its language (``self.known``).
        """
        parent = self.indexes[item.data["language"]]
        slug = self._unique_slug(parent, item.data["title"])
        page = self._fill(KnowledgeItemPage(locale=parent.locale, slug=slug), item.data, item.digest)
        # The tree's fields are ``create_pages``'s; foreign keys point at rows this run just read.
        unchecked = {"path", "depth", "numchild", "url_path", "draft_title"}
        unchecked.update(field.name for field in page._meta.concrete_fields if field.is_relation)
        try:
            page.clean_fields(exclude=unchecked)
        except ValidationError:
            self.sibling_slugs[parent.pk].discard(slug)
            raise
        return page

    def _update(self, item):
        page = self._fill(KnowledgeItemPage.objects.get(pk=item.pk), item.data, item.digest)
        revision = page.save_revision(log_action=True)
        if not self.draft:
            revision.publish(skip_permission_checks=True)
        return page


@dataclass
class _Planned:
    """A record that will be written: its line, cleaned data and hash, and its page if known."""

    line: int
    data: dict
    digest: str
    pk: int | None

    @property
    def key(self):
        return (self.data["language"], self.data["external_id"])


def _block_id(external_id):
    """A stable id for the body's block, so a re-import does not make it look new."""
    return str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"import/{external_id}/body"))


def _index(instance):
    """The search and reference index entries of ``instance``, now, in this process."""
    index.insert_or_update_object(instance)
    ReferenceIndex.create_or_update_for_object(instance)


def _index_new(pages):
    """``_index`` for a batch of new pages: one write per search backend, as stored."""
    if not pages:
        return
    model = type(pages[0])
    stored = list(
        model.get_indexed_objects().filter(pk__in=[page.pk for page in pages]).prefetch_related("themes")
    )
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, stored)
        except Exception:
            # As ``index.insert_or_update_object``: an outside service's outage costs its entries,
            # not the import; a database backend's error must roll the batch back.
            logger.exception("Could not add %d pages to the search backend %r", len(stored), name)
            if not backend.catch_indexing_errors:
                raise
    for page in stored:
        ReferenceIndex.create_or_update_for_object(page)


@contextmanager
def indexing_by_the_import():
    """While importing, no save enqueues index tasks for the models the import indexes itself.

    Publishing saves a page several times, and each save would queue a search and a reference
    index update (run in the request by the Immediate backend, left to ``db_worker`` in
    production). The import indexes each object once, in its own transaction (``_index``).
    """
    models = [model for model in (KnowledgeItemPage, Organisation) if index.class_is_indexed(model)]
    disconnected = [model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)
