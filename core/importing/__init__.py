"""Create or update pages from records: the one import mechanism of the site.

``import_knowledge`` (a file of knowledge items), the partner feed import (a partner's articles as
drafts under review) and ``seed_demo`` (the demo content) all write pages through ``PageImport``
(``runner.py``); each says only what is particular to its records. The pieces:

- ``records.py``: a record's key, content hash (with the mapping version), free slug among its
  siblings, stable StreamField block ids, and the counts of a run;
- ``pages.py``: a page created or changed the way an editor's actions do it, through Wagtail's
  and treebeard's public API (``add_child``, ``save_revision``, ``publish``), then published,
  left as a draft or submitted to its workflow (``Publication``);
- ``indexing.py``: the search and reference index written once per batch instead of once per
  save, and ``ANALYZE`` on PostgreSQL at the end of a run;
- ``runner.py``: batches, a savepoint per record, counts, progress, resuming after an
  interruption.
"""

from .indexing import indexing_per_batch
from .pages import Publication, create_page, submit_for_review, update_page
from .records import Counts, FreeSlugs, Record, content_hash, free_slug, stable_block_id
from .runner import PageImport

__all__ = [
    "Counts",
    "FreeSlugs",
    "PageImport",
    "Publication",
    "Record",
    "content_hash",
    "create_page",
    "free_slug",
    "indexing_per_batch",
    "stable_block_id",
    "submit_for_review",
    "update_page",
]
