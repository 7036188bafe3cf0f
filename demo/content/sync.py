"""Create-or-update helpers that make ``seed_demo`` idempotent.

Every object is found by a natural key (a slug below its parent, a title, a username). The values
it should have are compared with what is stored, and only a difference leads to a write. Pages go
through the site's one import mechanism (``core.importing``: ``DemoPage`` says how a demo page is
found and compared), so a write is a new revision that is published, as an editor would. A second
run therefore writes nothing, and a run that was interrupted simply continues where it stopped.

StreamField blocks get ids derived from the page and field they belong to. Stable ids keep a
second run from seeing "new" blocks, and let the English translation line its segments up with
the Dutch ones (wagtail-localize addresses a block's text by its id).
"""

import json
import uuid

from django.core.serializers.json import DjangoJSONEncoder
from modelcluster.fields import ParentalManyToManyField
from wagtail.fields import StreamField

from core.importing import Counts, PageImport, Publication, Record, stable_block_id

from .blocks import Doc, Img, PageAt, Raw

BLOCK_ID_NAMESPACE = uuid.UUID("6f1d3b4e-2c1a-4f0e-9a57-5d3c2b1a0e97")


class Tally(Counts):
    """What one section did, for the progress line."""

    def __init__(self, label):
        super().__init__()
        self.label = label
        self.notes = []

    def __str__(self):
        line = f"{self.label}: {self.created} nieuw, {self.updated} bijgewerkt, {self.unchanged} ongewijzigd"
        return "; ".join([line, *self.notes])


class Resolver:
    """Turns the keys in the demo data into the objects seeded earlier in the same run."""

    def __init__(self, home):
        self.home = home
        self.images = {}
        self.documents = {}
        self._pages = {}

    def image(self, key):
        return self.images[key]

    def document(self, key):
        return self.documents[key]

    def page(self, path):
        if path not in self._pages:
            page = self.home
            for slug in path.split("/"):
                page = page.get_children().get(slug=slug)
            self._pages[path] = page.specific
        return self._pages[path]

    def remember(self, path, page):
        self._pages[path] = page

    def resolve(self, value):
        if isinstance(value, Img):
            return self.image(value.key).pk
        if isinstance(value, Doc):
            return self.document(value.key).pk
        if isinstance(value, PageAt):
            return self.page(value.path).pk
        return value


def block_id(*parts):
    return stable_block_id(BLOCK_ID_NAMESPACE, *parts)


def stream(key, blocks, resolver):
    """Raw StreamField data for ``blocks`` (pairs from ``demo.blocks``), with ids derived from ``key``."""
    return [
        {
            "type": block_type,
            "value": _raw(f"{key}/{index}", value, resolver),
            "id": block_id(key, index),
        }
        for index, (block_type, value) in enumerate(blocks)
    ]


def _raw(key, value, resolver):
    if isinstance(value, Raw):
        return value.value
    if isinstance(value, dict):
        return {name: _raw(f"{key}/{name}", child, resolver) for name, child in value.items()}
    if isinstance(value, list):
        # Inside a StructBlock a list is always a ListBlock, stored in its block format.
        return [
            {"type": "item", "value": _raw(f"{key}/{index}", child, resolver), "id": block_id(key, index)}
            for index, child in enumerate(value)
        ]
    return resolver.resolve(value)


def _as_json(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def differing_fields(instance, values):
    """The names in ``values`` whose value differs from what ``instance`` holds."""
    differing = []
    for name, desired in values.items():
        model_field = instance._meta.get_field(name)
        if isinstance(model_field, StreamField):
            current = model_field.stream_block.get_prep_value(getattr(instance, name))
            same = _as_json(current) == _as_json(desired)
        elif isinstance(model_field, ParentalManyToManyField):
            same = {obj.pk for obj in getattr(instance, name).all()} == {obj.pk for obj in desired}
        elif model_field.is_relation:
            same = getattr(instance, model_field.attname) == (desired.pk if desired else None)
        else:
            same = model_field.value_from_object(instance) == model_field.to_python(desired)
        if not same:
            differing.append(name)
    return differing


def _assign(instance, values):
    for name, value in values.items():
        if isinstance(instance._meta.get_field(name), ParentalManyToManyField):
            getattr(instance, name).set(value)
        else:
            setattr(instance, name, value)


class DemoPage(PageImport):
    """A demo page below ``parent``: its slug is the key, and its values are compared field by field.

    ``keep`` names fields whose stored value wins over the demo data (e.g. a date that is still
    in the future): a callable that receives the existing page and returns the values to keep.
    """

    def __init__(self, parent, model, keep=None):
        super().__init__(Publication.PUBLISH)
        self.parent_page, self.model, self.keep = parent, model, keep

    def find(self, record):
        existing = self.parent_page.get_children().filter(slug=record.key).first()
        if existing is None:
            return None
        page = existing.specific
        if not isinstance(page, self.model):
            raise TypeError(f"{page.url_path} is a {type(page).__name__}, expected a {self.model.__name__}")
        return page

    def wanted(self, page, record):
        return {**record.data, **self.keep(page)} if self.keep and page.pk else record.data

    def is_current(self, page, record):
        differing = differing_fields(page, self.wanted(page, record))
        return not differing and page.live and not page.has_unpublished_changes

    def parent(self, record):
        return self.parent_page

    def new_page(self, record, parent):
        return self.model(locale=parent.locale)

    def page_to_update(self, page, record):
        return page

    def fill(self, page, record):
        _assign(page, self.wanted(page, record))


def sync_page(parent, model, slug, values, tally, keep=None):
    """Find the page ``slug`` below ``parent``, create or update it, publish it; return it."""
    outcome, page = DemoPage(parent, model, keep).write(Record(key=slug, data=values, slug=slug))
    tally.add(outcome)
    return page


def sync_object(model, lookup, values, tally):
    """``update_or_create`` that only writes when something differs; returns the object."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        tally.add("created")
        return instance
    differing = differing_fields(instance, values)
    if not differing:
        tally.add("unchanged")
        return instance
    for name in differing:
        setattr(instance, name, values[name])
    instance.full_clean()
    instance.save()
    tally.add("updated")
    return instance
