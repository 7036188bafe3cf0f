"""A partner's feed becomes draft news pages under moderation: ``import_feed(partner)``.

Each run fetches the feed (conditionally: the ETag and Last-Modified of the last good run go
along, and a 304 is a run that changed nothing), parses it and hands the entries to the site's
one import mechanism (``core.importing``), one entry per transaction, so that an interrupted run
loses at most the entry in flight and the next run simply carries on. Every run is written down
as a ``FeedRun``, with a Dutch reason when the feed could not be fetched or read.

Per entry, found again by its guid (``FeedEntry``):

- new: a draft ``NewsPage`` in the partner's section (title, date, summary as plain text, the
  content through ``sanitise_html`` as rich text, a link to the original), submitted to the
  section's workflow, so that an editor approves it before anyone sees it. The workflow is
  started by nobody (``user=None``): Wagtail logs it as the system's and notifies the reviewers;
- changed, still a draft made by the import: a new revision (a rejected draft goes back to the
  reviewers);
- unchanged, published once (an editor approved it), changed by an editor, or deleted: skipped.
  Nothing the editors did is ever overwritten by the feed.

Every skipped entry is named in the run's ``skipped_entries`` with the reason (``SKIPPED_*``), so
the log's count "overgeslagen" can be checked entry by entry.

The search and reference index entries are written with each entry (``core.importing``); a
draft is not shown in search results anyway, and approving it publishes and indexes it the
usual way.
"""

import hashlib
import html
import logging
import uuid

from django.conf import settings
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.importing import PageImport, Publication, Record, stable_block_id
from core.sanitising import sanitise_html
from knowledge.models import NewsPage

from .feed_parsing import FeedParseError, introduction_text, parse_feed
from .fetching import FetchError, fetch_feed
from .models import FeedEntry, FeedRun, Partner

# Part of every entry's hash: raise it when the mapping from an entry to a page changes, so that
# the next run rewrites every draft once.
MAPPING_VERSION = "2"  # 2: introductions without calls to action (feed_parsing.introduction_text)
TITLE_LENGTH = NewsPage._meta.get_field("title").max_length
AUTHOR_LENGTH = NewsPage._meta.get_field("author").max_length
INTRODUCTION_LENGTH = 600
GUID_LENGTH = FeedEntry._meta.get_field("guid").max_length
BLOCK_ID_NAMESPACE = uuid.UUID("5d0c8e0e-93f4-4c5e-8b36-1f0b7f6a2c41")
logger = logging.getLogger(__name__)

SKIPPED_UNCHANGED = "niet veranderd sinds de vorige keer"
SKIPPED_PUBLISHED = "al goedgekeurd; de feed verandert een gepubliceerd bericht niet meer"
SKIPPED_EDITED = "door een redacteur aangepast; de feed overschrijft dat niet"
SKIPPED_DELETED = "door een redacteur verwijderd; de feed maakt het niet opnieuw"
SKIPPED_DUPLICATE = "staat twee keer in de feed (dezelfde guid); alleen de eerste telt"


class NotAPartner(Exception):
    """The organisation has no partner section (``create_partner`` makes one)."""


def feed_partners():
    """The partners whose organisation has a feed address, by name."""
    return (
        Partner.objects.select_related("organisation", "section")
        .filter(section__isnull=False)
        .exclude(organisation__feed_url="")
        .order_by("organisation__name")
    )


def import_all_feeds(progress=None):
    """``import_feed`` for every partner with a feed, one after another; the runs, in order.

    A feed that fails is recorded and the next one goes on. ``progress(partner, run)`` is called
    after each feed.
    """
    runs = []
    for partner in feed_partners():
        run = import_feed(partner)
        runs.append(run)
        if progress:
            progress(partner, run)
    return runs


def import_feed(partner, url=None):
    """Import the feed at ``url`` (default: the organisation's ``feed_url``); the ``FeedRun``."""
    if partner.section_id is None:
        raise NotAPartner(partner.organisation.name)
    url = (url or partner.organisation.feed_url).strip()
    run = FeedRun.objects.create(
        organisation=partner.organisation, feed_url=url[:500], started_at=timezone.now()
    )
    try:
        with override(settings.LANGUAGE_CODE):
            return FeedImport(partner, run).execute()
    except Exception as error:
        # A bug or a database error in one feed: written down, and the next feed still runs.
        logger.exception("Import of the feed %s failed", url)
        _end(run, f"Onverwachte fout bij het importeren ({type(error).__name__}).")
        return run
    except BaseException:
        # Interrupted (Ctrl-C): the run says so; the entries done so far stay, the next run goes on.
        _end(run, "De import is onderbroken.")
        raise


def _end(run, error):
    run.status, run.error, run.finished_at = FeedRun.Status.ERROR, error, timezone.now()
    FeedRun.objects.filter(pk=run.pk).update(status=run.status, error=error, finished_at=run.finished_at)


def _validators(organisation, url):
    """The ETag and Last-Modified of the last good run of this feed (empty when there is none)."""
    last = (
        FeedRun.objects.filter(
            organisation=organisation,
            feed_url=url,
            status__in=(FeedRun.Status.OK, FeedRun.Status.NOT_MODIFIED),
        )
        .order_by("-started_at", "-pk")
        .first()
    )
    return (last.etag, last.last_modified) if last else ("", "")


def _cap(text, length):
    return Truncator(text).chars(length) if len(text) > length else text


def _guid_key(guid):
    """The guid as stored: a very long one is replaced by its hash, so it still fits."""
    if len(guid) <= GUID_LENGTH:
        return guid
    return "sha256:" + hashlib.sha256(guid.encode()).hexdigest()


class FeedImport:
    """One run of one feed: fetch, parse, hand the entries to ``FeedPages``, write the run log."""

    def __init__(self, partner, run):
        self.partner, self.run = partner, run
        self.organisation = partner.organisation
        self.problems = []
        self.skipped = []

    def execute(self):
        run = self.run
        etag, last_modified = _validators(self.organisation, run.feed_url)
        try:
            fetched = fetch_feed(run.feed_url, etag=etag, last_modified=last_modified)
            if fetched.status == 304:
                run.status = FeedRun.Status.NOT_MODIFIED
                run.etag, run.last_modified = fetched.etag[:500], fetched.last_modified[:100]
                return self.finish()
            feed = parse_feed(fetched.content)
        except (FetchError, FeedParseError) as error:
            run.status, run.error = FeedRun.Status.ERROR, str(error)
            return self.finish()
        run.etag, run.last_modified = fetched.etag[:500], fetched.last_modified[:100]
        run.fetched = len(feed.entries) + feed.skipped
        run.skipped = feed.skipped
        self.skipped.extend(feed.problems)  # entries the parser could not use, each named
        entries, seen = [], set()
        for entry in feed.entries:
            key = _guid_key(entry.guid)
            if key in seen:  # the same guid twice in one feed: the first counts
                run.skipped += 1
                self.skipped.append(f"{entry.title[:80]}: {SKIPPED_DUPLICATE}")
                continue
            seen.add(key)
            entries.append((entry.title[:80], (key, entry)))
        pages = FeedPages(self.partner)
        try:
            pages.run(entries)
        finally:
            # Also when interrupted: the entries that were committed are counted.
            counts = pages.counts
            run.created, run.updated, run.failed = counts.created, counts.updated, counts.failed
            run.skipped += counts.unchanged
            self.problems.extend(f"{title}: {reason}" for title, reason in counts.problems)
            self.skipped.extend(f"{title}: {reason}" for title, reason in pages.skip_reasons.values())
        run.status = FeedRun.Status.OK
        return self.finish()

    def finish(self):
        self.run.finished_at = timezone.now()
        self.run.problems = "\n".join(self.problems)
        self.run.skipped_entries = "\n".join(self.skipped)
        self.run.save()
        return self.run


class FeedPages(PageImport):
    """A partner's entries as draft news pages in its section, each submitted for review.

    Found again by the entry's guid (``FeedEntry``); an entry is written only while its page is
    still the import's own draft (see ``is_current``).
    """

    mapping_version = MAPPING_VERSION
    # One entry per transaction: a partner's article is in the reviewers' queue as soon as it is
    # saved, and an interruption loses at most the entry in flight.
    batch_size = 1
    slug_fallback = "bericht"

    def __init__(self, partner):
        super().__init__(Publication.REVIEW)
        self.organisation = partner.organisation
        self.section = partner.section
        self.known = {
            entry.guid: entry
            for entry in FeedEntry.objects.filter(organisation=self.organisation).select_related("page")
        }
        # {key: (title, reason)} of the entries left alone, in the order of the feed.
        self.skip_reasons = {}

    def read(self, raw):
        key, entry = raw
        return Record(key=key, data=self.page_data(entry))

    def page_data(self, entry):
        body = sanitise_html(entry.content_html)
        introduction = introduction_text(entry.summary_html, INTRODUCTION_LENGTH) or introduction_text(
            body, INTRODUCTION_LENGTH
        )
        return {
            "title": _cap(entry.title, TITLE_LENGTH),
            "introduction": introduction,
            "date": timezone.localdate(entry.published).isoformat(),
            "author": _cap(entry.author, AUTHOR_LENGTH),
            "body": body,
            "link": entry.link,
        }

    def find(self, record):
        return self.known.get(record.key)

    def is_current(self, known, record):
        """True (leave it) unless the page is still the import's unpublished, unchanged draft;
        the reason goes into ``skip_reasons``."""
        reason = self.reason_to_skip(known, record)
        if reason:
            self.skip_reasons[record.key] = (getattr(record, "where", None) or record.data["title"], reason)
        return bool(reason)

    def reason_to_skip(self, known, record):
        page = known.page
        if page is None:
            return SKIPPED_DELETED
        if page.live or page.first_published_at is not None:
            return SKIPPED_PUBLISHED  # approved once: the editors' page now
        if known.content_hash == self.digest(record):
            return SKIPPED_UNCHANGED
        if page.latest_revision_id != known.revision_id:
            return SKIPPED_EDITED  # an editor changed the draft after the import saved it
        return None

    def parent(self, record):
        return self.section

    def new_page(self, record, parent):
        return NewsPage(locale_id=parent.locale_id)

    def page_to_update(self, known, record):
        return known.page.get_latest_revision_as_object()

    def fill(self, page, record):
        data = record.data
        page.title = data["title"]
        page.draft_title = data["title"]
        page.introduction = data["introduction"]
        page.date = data["date"]
        page.author = data["author"]
        page.body = self.body(record.key, data)
        page.category = NewsPage.Category.PARTNER
        page.organisation = self.organisation

    def body(self, key, data):
        blocks = []
        if data["body"]:
            blocks.append({"type": "paragraph", "value": data["body"], "id": _block_id(key, "body")})
        if data["link"]:
            text = _("Lees het hele bericht op de website van %(name)s.") % {"name": self.organisation.name}
            link = sanitise_html(f'<p><a href="{html.escape(data["link"])}">{html.escape(text)}</a></p>')
            blocks.append({"type": "paragraph", "value": link, "id": _block_id(key, "link")})
        return blocks

    def written(self, record, page, revision, created):
        if created:
            self.known[record.key] = FeedEntry.objects.create(
                organisation=self.organisation,
                guid=record.key,
                page=page,
                revision=revision,
                content_hash=self.digest(record),
            )
            return
        known = self.known[record.key]
        known.revision, known.content_hash = revision, self.digest(record)
        known.save(update_fields=["revision", "content_hash", "updated_at"])


def _block_id(key, part):
    """A stable block id, so that a re-import does not make the body look new."""
    return stable_block_id(BLOCK_ID_NAMESPACE, "feed", key, part)
