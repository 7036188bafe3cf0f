"""``PageImport``: the one create-or-update of pages from records, in batches.

An importer subclasses ``PageImport`` and says what is particular to its source, in hooks:

- ``read(raw)``: the ``Record`` (key, data) for one raw record, or ``ValidationError`` with the
  reasons it can't be used;
- ``find(record)``: what the site knows about the record's page (anything the importer likes,
  from lookups read once per run), or ``None`` when it has none yet;
- ``is_current(known, record)``: True when the page already says what the record says (by the
  record's ``digest``, or by comparing fields); the record is then left alone;
- ``parent(record)``, ``new_page(record, parent)``: where a new page goes, as an unsaved page of
  the right type;
- ``page_to_update(known, record)``: the specific page to change (the live one, or the latest
  revision);
- ``fill(page, record)``: set the page's fields from the record;
- ``before_writing(records)``, ``written(record, page, revision, created)``: bookkeeping per batch
  (create the organisations a batch names) and per page (remember its key and hash).

``write(record)`` creates or updates one page now, in a savepoint. ``run(items)`` does it for many
``(where, raw)`` pairs: ``batch_size`` records per transaction, each record in a savepoint of its
own (a record that fails is reported with its place and reasons and loses nothing else), the
search and reference index written once per batch (``indexing.py``), counts and a ``progress``
callback after every batch that is committed, and ``ANALYZE`` at the end. Stopping a run (Ctrl-C)
loses at most the batch in flight; running it again skips what was done and carries on.
"""

import logging
from contextlib import suppress
from itertools import islice

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from .indexing import indexing_per_batch
from .pages import Publication, create_page, update_page
from .records import Counts, FreeSlugs, content_hash

logger = logging.getLogger(__name__)


def reasons(error):
    """A ``ValidationError`` as one line: ``title: too long; slug: taken``, or its messages."""
    if not hasattr(error, "error_dict"):
        return "; ".join(error.messages)
    return "; ".join(
        message if field == NON_FIELD_ERRORS else f"{field}: {message}"
        for field, messages in error.message_dict.items()
        for message in messages
    )


class PageImport:
    """One run of an import; ``counts`` says what it did. See the module for the hooks."""

    # Part of every record's digest: raise it when the mapping from a record to a page changes.
    mapping_version = "1"
    # Records per transaction: large enough to index a batch at once, small enough that an
    # interrupted run redoes little.
    batch_size = 200
    # The slug of a page whose title gives none (only punctuation, say).
    slug_fallback = "pagina"

    def __init__(self, publication=Publication.PUBLISH, *, dry_run=False, user=None):
        self.publication = publication
        self.dry_run = dry_run
        self.user = user
        self.counts = Counts()
        self.slugs = FreeSlugs()

    # Hooks -------------------------------------------------------------------------------------

    def read(self, raw):
        return raw

    def find(self, record):
        raise NotImplementedError

    def is_current(self, known, record):
        return False

    def parent(self, record):
        raise NotImplementedError

    def new_page(self, record, parent):
        raise NotImplementedError

    def page_to_update(self, known, record):
        raise NotImplementedError

    def fill(self, page, record):
        raise NotImplementedError

    def before_writing(self, records):
        pass

    def written(self, record, page, revision, created):
        pass

    # The machinery ------------------------------------------------------------------------------

    def digest(self, record):
        """The record's ``content_hash`` with this import's mapping version (computed once)."""
        if not record.digest:
            record.digest = content_hash(record.data, self.mapping_version)
        return record.digest

    def write(self, record):
        """Create or update the page of ``record`` now; ``(outcome, page)``.

        The outcome is ``"created"``, ``"updated"`` or ``"unchanged"`` (then the page is what
        ``find`` returned). Everything the write does is undone when it raises.
        """
        known = self.find(record)
        if known is not None and self.is_current(known, record):
            return "unchanged", known
        with transaction.atomic():
            if known is not None:
                page = self.page_to_update(known, record)
                self.fill(page, record)
                self.written(record, page, update_page(page, self.publication, self.user), created=False)
                return "updated", page
            parent = self.parent(record)
            page = self.new_page(record, parent)
            self.fill(page, record)
            page.slug = record.slug or self.slugs.claim(parent, page.title, self.slug_fallback)
            try:
                self.written(
                    record, page, create_page(parent, page, self.publication, self.user), created=True
                )
            except BaseException:
                # Rolled back with its page: the next page with this title may have the slug.
                self.slugs.release(parent, page.slug)
                raise
            return "created", page

    def run(self, items, progress=None):
        """Import ``items``, ``(where, raw)`` pairs, in batches; ``counts``.

        ``progress(counts, done)`` is called after each committed batch with the counts so far
        and the number of items handled.
        """
        done, finished = 0, False
        with indexing_per_batch() as collected:
            try:
                items = iter(items)
                while batch := list(islice(items, self.batch_size)):
                    counts = Counts()
                    with transaction.atomic():
                        self._run_batch(batch, counts)
                        collected.index()
                    self.counts.merge(counts)
                    done += len(batch)
                    if progress:
                        progress(self.counts, done)
                finished = True
            finally:
                if self.counts.written and finished:
                    collected.analyse()
                elif self.counts.written:
                    # Interrupted: the batches that were committed deserve statistics too, but
                    # nothing here may hide what stopped the run.
                    with suppress(Exception):
                        collected.analyse()
        return self.counts

    def _run_batch(self, batch, counts):
        planned = []
        for where, raw in batch:
            try:
                record = self.read(raw)
            except ValidationError as error:
                counts.fail(where, reasons(error))
                continue
            record.where = where
            known = self.find(record)
            if known is not None and self.is_current(known, record):
                counts.add("unchanged")
            elif self.dry_run:
                counts.add("created" if known is None else "updated")
            else:
                planned.append(record)
        if planned:
            self.before_writing(planned)
        for record in planned:
            try:
                # ``write`` looks the page up again: an earlier record of this batch may have
                # made it (the same key twice in a file).
                outcome, _page = self.write(record)
            except ValidationError as error:
                counts.fail(record.where, reasons(error))
            except Exception as error:
                logger.exception("Import of record %r failed", record.key)
                counts.fail(record.where, f"onverwachte fout ({type(error).__name__}: {error})")
            else:
                counts.add(outcome)
