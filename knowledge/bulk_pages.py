"""Many new pages below one parent, with their revisions, published, in a handful of queries.

``parent.add_child(instance=page)`` + ``page.save_revision()`` + ``revision.publish()`` is Wagtail's
way to make one page, and it costs some 60 queries: treebeard locks the parent and reads its last
child, the page is validated three times (each ``full_clean`` asks the database about the slug,
the translation key and every foreign key), and publishing saves the page once more. An import
spent nine tenths of its time there (about 10 items a second).

``create_pages(parent, pages, publish=...)`` leaves the same rows behind for a whole batch:

- the tree: consecutive materialised paths after the parent's last child (treebeard's steps of
  four base-36 digits), the parent's ``numchild`` raised once, ``url_path`` from the parent's;
  the parent row is locked until the transaction ends, as ``add_child`` locks it for one page;
- one revision per page, its ``latest_revision``, and when published its ``live_revision``,
  ``first_published_at`` and ``last_published_at``;
- the history an editor's work leaves: ``wagtail.create``, and ``wagtail.publish`` with the
  revision;
- ``page_published`` (and Wagtail's generic ``published``) for each published page, so every
  receiver (the content version, a front-end cache) hears of it as after a publish in the admin.

What the caller does: validation that needs the database (a slug free among the siblings, a
unique key), the search and the reference index, and the transaction. The pages must be new, of
one specific page type, without aliases, comments or inline children (``ParentalKey`` objects
are not written; ``ParentalManyToManyField`` values are).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from treebeard.exceptions import PathOverflow
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published, published


def create_pages(parent, pages, *, publish=True):
    """Insert ``pages`` (unsaved, one specific type) as the last children of ``parent``."""
    if not pages:
        return []
    model = type(pages[0])
    now = timezone.now()
    # Lock the parent and read its last child, as treebeard's add_child does, once per batch.
    parent = Page.objects.select_for_update().get(pk=parent.pk)
    depth = parent.depth + 1
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=depth)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    first_step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
    if len(Page._int2str(first_step + len(pages) - 1)) > Page.steplen:
        raise PathOverflow(f"{parent.url_path} has no room for {len(pages)} more pages")
    for step, page in enumerate(pages, start=first_step):
        page.depth, page.path, page.numchild = depth, Page._get_path(parent.path, depth, step), 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.live, page.has_unpublished_changes = publish, not publish
        page.latest_revision_created_at = now
        if publish:
            page.first_published_at = page.first_published_at or now
            page.last_published_at = now

    # The revision shows the page as the editor's first save does: before it has a revision.
    contents = [page.serializable_data() for page in pages]
    _insert(model, pages)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    _insert_many_to_many(model, pages)

    page_type = ContentType.objects.get_for_model(model)
    base_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=page_type,
                base_content_type=base_type,
                object_id=str(page.pk),
                created_at=now,
                content={**content, "pk": page.pk, "path": page.path},
                object_str=str(page),
            )
            for page, content in zip(pages, contents, strict=True)
        ],
        batch_size=_batch_size(),
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision if publish else None
    Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])

    _log(pages, page_type, revisions, now, publish)
    if publish:
        for page, revision in zip(pages, revisions, strict=True):
            page_published.send(sender=model, instance=page, revision=revision)
            published.send(sender=model, instance=page, revision=revision)
    return pages


def _batch_size():
    """Rows per INSERT: all (Django splits by the database's limits), or one where a database
    can't return the ids of several rows at once (SQLite before 3.35)."""
    if not connection.features.can_return_rows_from_bulk_insert:
        return 1
    return None


def _insert(model, pages):
    """The ``Page`` rows (which give the ids), then the page type's own rows.

    ``bulk_create`` refuses a model with a parent table, so the second INSERT goes through
    ``QuerySet._insert``, which Django's own ``save()`` uses for each table of such a model.
    """
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = Page.objects.bulk_create(
        [Page(**{field.attname: getattr(page, field.attname) for field in page_fields}) for page in pages],
        batch_size=_batch_size(),
    )
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.pk
        page._state.adding, page._state.db = False, row._state.db
    fields = model._meta.local_concrete_fields
    size = connection.ops.bulk_batch_size(fields, pages) or len(pages)
    for start in range(0, len(pages), size):
        model._base_manager._insert(pages[start : start + size], fields=fields, using=rows[0]._state.db)


def _insert_many_to_many(model, pages):
    """``ParentalManyToManyField`` values (kept in memory until a save) as rows of their table."""
    for field in model._meta.get_fields():
        if not isinstance(field, ParentalManyToManyField):
            continue
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        through.objects.bulk_create(
            [
                through(**{source: page.pk, target: related.pk})
                for page in pages
                for related in getattr(page, field.name).all()
            ]
        )


def _log(pages, page_type, revisions, now, publish):
    context = get_active_log_context()
    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        entry = {"content_type": page_type, "label": page.get_admin_display_title(), "timestamp": now}
        entry.update(page=page, user=context.user, uuid=context.uuid, data={})
        entries.append(PageLogEntry(action="wagtail.create", **entry))
        if publish:
            entries.append(
                PageLogEntry(action="wagtail.publish", revision=revision, content_changed=True, **entry)
            )
    PageLogEntry.objects.bulk_create(entries)
