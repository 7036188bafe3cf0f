"""The search and reference indexes of an import, written once per batch; the planner's statistics.

Wagtail updates both indexes from ``post_save``: each save enqueues a task (run inside the
request by the Immediate backend, left to ``db_worker`` by the database backend). Publishing one
imported page saves it three times, and an import must be findable when it ends, not when a
worker gets round to it. So while ``indexing_per_batch()`` is active in this context (this thread
or task):

- Wagtail's reference index signal is off (``disable_reference_index_auto_update``, its own
  context manager), and modelsearch's ``post_save_signal_handler`` is replaced, for the indexed
  models, by one that hands over to it outside an import and does nothing inside one;
- every object saved is collected (model and primary key), whatever saved it: the page, an
  organisation the import made on the way, a workflow state;
- ``Collected.index()`` (the runner calls it at the end of each batch, inside the batch's
  transaction) reads what was saved back from the database, as stored (a draft revision never
  reaches the search index), and writes it with the public functions: a backend's ``add_bulk``
  per model, ``ReferenceIndex.create_or_update_for_object`` per object;
- ``Collected.analyse()`` (at the end of a run) does on PostgreSQL what autovacuum would do some
  time later, if it runs at all, for every table the run wrote (the page and page type tables,
  revisions, the history, the search and the reference index): ``ANALYZE``, so the planner
  knows their size (a search right after a 10,000-item import joined tables the planner thought
  empty and took 60 s), and, outside a transaction (a management command, a task), ``VACUUM``
  too: publishing through Wagtail updates each new page row twice and its revision once, and
  searches right after a large import read through those dead row versions (p95 181 ms at
  10,000 items with ``ANALYZE`` alone, 77 ms vacuumed).
"""

import logging
import threading
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import PageLogEntry, ReferenceIndex, Revision
from wagtail.search import index
from wagtail.search.models import IndexEntry
from wagtail.signal_handlers import disable_reference_index_auto_update

logger = logging.getLogger(__name__)

# The objects saved in this context since the last ``index()``, or None outside an import.
_collecting = ContextVar("core_importing_collecting", default=None)
_receivers = threading.Lock()
_active = []  # one entry per open ``indexing_per_batch`` in the process; receivers while non-empty
COLLECT_UID = "core.importing.collect"
SEARCH_UID = "core.importing.search"
# Written by every import, whatever its models: their statistics change with it.
ALWAYS_ANALYSED = (Revision, PageLogEntry, IndexEntry, ReferenceIndex)


class Collected:
    """What was saved in an ``indexing_per_batch()`` block: ``{model: {pk, ...}}``."""

    def __init__(self):
        self.pending = {}
        self.models = set()  # every model saved during the block, for ``analyse``

    def add(self, instance):
        model = type(instance)
        self.pending.setdefault(model, set()).add(instance.pk)
        self.models.add(model)

    def index(self):
        """Write the search and reference index entries of everything saved since the last call."""
        pending, self.pending = self.pending, {}
        for model, pks in pending.items():
            _index_for_search(model, pks)
            if ReferenceIndex.is_indexed(model):
                for instance in model.objects.filter(pk__in=pks):
                    ReferenceIndex.create_or_update_for_object(instance)

    def analyse(self):
        """On PostgreSQL, ``VACUUM (ANALYZE)`` the tables written while collecting, or ``ANALYZE``
        them inside a transaction, where ``VACUUM`` can't run (see the module)."""
        if connection.vendor != "postgresql" or not self.models:
            return
        tables = set()
        for model in {*self.models, *ALWAYS_ANALYSED}:
            for table_model in (model, *model._meta.get_parent_list()):
                tables.add(table_model._meta.db_table)
                for many in table_model._meta.local_many_to_many:
                    tables.add(many.remote_field.through._meta.db_table)
        command = "VACUUM (ANALYZE) " if transaction.get_autocommit() else "ANALYZE "
        with connection.cursor() as cursor:
            cursor.execute(command + ", ".join(connection.ops.quote_name(name) for name in sorted(tables)))


def _index_for_search(model, pks):
    if not index.class_is_indexed(model) or not getattr(model, "search_auto_update", True):
        return
    # As stored, in the class each object is indexed as (a page saved as ``Page`` is indexed as
    # its own page type, as ``index.insert_or_update_object`` does it).
    by_model = {}
    for stored in model.get_indexed_objects().filter(pk__in=pks):
        indexed = stored.get_indexed_instance()
        if indexed is not None:
            by_model.setdefault(type(indexed), []).append(indexed)
    for indexed_model, objects in by_model.items():
        for name, backend in get_search_backends_with_name(with_auto_update=True):
            try:
                backend.add_bulk(indexed_model, objects)
            except Exception:
                # As ``index.insert_or_update_object`` does: an outside service's outage costs
                # its entries, not the import; a database backend's error rolls the batch back.
                logger.exception("Could not index %d %s in the backend %r", len(objects), indexed_model, name)
                if not backend.catch_indexing_errors:
                    raise


def _collect(sender, instance, raw=False, **kwargs):
    collected = _collecting.get()
    if collected is None or raw or instance.pk is None:
        return
    collected.add(instance)
    # An inline child (a ParentalKey row) is indexed as part of its parent, as Wagtail's task does.
    for field in instance._meta.get_fields():
        if isinstance(field, ParentalKey):
            parent = getattr(instance, field.name, None)
            if parent is not None:
                collected.add(parent)


def _search_unless_collecting(sender, instance, **kwargs):
    if _collecting.get() is None:
        post_save_signal_handler(instance, **kwargs)


def _search_models():
    return [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]


def _install_receivers():
    post_save.connect(_collect, weak=False, dispatch_uid=COLLECT_UID)
    for model in _search_models():
        if post_save.disconnect(post_save_signal_handler, sender=model):
            post_save.connect(_search_unless_collecting, sender=model, weak=False, dispatch_uid=SEARCH_UID)


def _remove_receivers():
    post_save.disconnect(dispatch_uid=COLLECT_UID)
    for model in _search_models():
        if post_save.disconnect(sender=model, dispatch_uid=SEARCH_UID):
            post_save.connect(post_save_signal_handler, sender=model)


@contextmanager
def indexing_per_batch():
    """Collect what is saved in this context instead of indexing it save by save; yields ``Collected``.

    Other threads and tasks of the process index as usual meanwhile: the replacement receivers
    hand over to modelsearch's own outside an import.
    """
    if (outer := _collecting.get()) is not None:
        # A run inside a run (in this thread or task): the outer one collects for both.
        yield outer
        return
    collected = Collected()
    with _receivers:
        if not _active:
            _install_receivers()
        _active.append(collected)
    token = _collecting.set(collected)
    try:
        with disable_reference_index_auto_update():
            yield collected
    finally:
        _collecting.reset(token)
        with _receivers:
            _active.remove(collected)
            if not _active:
                _remove_receivers()
