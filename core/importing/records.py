"""What an import knows about one record before it touches a page: its key, hash, slug and ids.

- ``Record``: one record as the importer understands it: a ``key`` that finds its page again on
  the next run, the ``data`` it maps onto the page, and where it came from (a line number, a
  feed entry's title) for the report.
- ``content_hash(data, mapping_version)``: the record's fingerprint. The mapping version is part
  of it, so raising it (because the mapping from a record to a page changed) rewrites every page
  once on the next run, and never again after that.
- ``free_slug``: a slug nothing else has (``FreeSlugs``: among a page's siblings, read once per
  parent and run, not once per page).
- ``stable_block_id(namespace, *parts)``: the same StreamField block id on every run, so that a
  re-import does not make blocks look new (and wagtail-localize, which addresses a block's text
  by its id, keeps its translations).
- ``Counts``: created, updated, unchanged and failed, with the reason of every failure.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.utils.text import slugify

# Room for a suffix ("-12") within Wagtail's 255 characters, and readable URLs.
SLUG_LENGTH = 80


@dataclass
class Record:
    """One record, read and checked: ``key`` finds its page, ``data`` is what the page should say.

    ``where`` says where the record came from in the words of its source (``12`` for line 12 of a
    file, a feed entry's title). ``slug``, when the source names the page's slug itself (the demo
    content does), is used as it is instead of one made from the title.
    """

    key: Any
    data: dict
    where: Any = None
    slug: str = ""
    digest: str = field(default="", repr=False)


def content_hash(data, mapping_version):
    """A hex SHA-256 of ``data`` (JSON-able) together with ``mapping_version``.

    Keys are sorted, so the order a source gives its fields in does not matter; dates and
    decimals are written as Django writes them to JSON.
    """
    text = json.dumps([str(mapping_version), data], sort_keys=True, ensure_ascii=False, cls=DjangoJSONEncoder)
    return hashlib.sha256(text.encode()).hexdigest()


def stable_block_id(namespace, *parts):
    """A UUID for a StreamField block, the same for the same ``namespace`` and ``parts``.

    Each import has a namespace of its own (a fixed ``uuid.UUID``), and the parts say which block
    of which record it is (``"import", external_id, "body"``).
    """
    return str(uuid.uuid5(namespace, "/".join(str(part) for part in parts)))


def free_slug(text, taken, fallback, length=SLUG_LENGTH):
    """``text`` as a slug of at most ``length`` characters, free among ``taken``.

    ``buurtcirkel``, else ``buurtcirkel-2``, ``buurtcirkel-3``, ...; ``fallback`` when ``text``
    gives no slug at all. ``taken`` is a set of slugs, or a queryset of objects with a ``slug``
    (the siblings of a page, the organisations of a language): then one query reads the slugs
    that could clash.
    """
    base = slugify(text)[:length].strip("-") or fallback
    if isinstance(taken, QuerySet):
        # Every candidate starts with this much of the base (a suffix takes up to 8 characters).
        prefix = base[: max(1, length - 8)]
        taken = set(taken.filter(slug__startswith=prefix).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: length - len(suffix)].rstrip("-") + suffix
    return slug


class FreeSlugs:
    """Hands out slugs that no sibling has, within one run (``free_slug`` below each parent).

    The slugs below a parent are read the first time that parent is asked about; after that the
    run keeps the set itself, so a thousand new pages below one parent cost one query, not a
    thousand. A slug handed out is taken at once (two new pages with one title in one batch get
    ``buurtcirkel`` and ``buurtcirkel-2``); ``release`` gives it back when its page was not made.
    """

    def __init__(self):
        self.taken = {}  # parent pk -> set of slugs below it

    def claim(self, parent, text, fallback):
        """A free slug below ``parent`` made from ``text`` (``fallback`` when that gives none)."""
        if parent.pk not in self.taken:
            self.taken[parent.pk] = set(parent.get_children().values_list("slug", flat=True))
        slug = free_slug(text, self.taken[parent.pk], fallback)
        self.taken[parent.pk].add(slug)
        return slug

    def release(self, parent, slug):
        self.taken.get(parent.pk, set()).discard(slug)


@dataclass
class Counts:
    """What a run did to its records; ``problems`` holds ``(where, reason)`` per failed record."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    problems: list = field(default_factory=list)

    OUTCOMES = ("created", "updated", "unchanged", "failed")

    def add(self, outcome, count=1):
        if outcome not in self.OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        setattr(self, outcome, getattr(self, outcome) + count)

    def fail(self, where, reason):
        self.problems.append((where, reason))
        self.add("failed")

    def merge(self, other):
        """Add ``other``'s counts and problems to these (a batch's, once it is committed)."""
        for outcome in self.OUTCOMES:
            self.add(outcome, getattr(other, outcome))
        self.problems.extend(other.problems)

    @property
    def written(self):
        return self.created + self.updated
