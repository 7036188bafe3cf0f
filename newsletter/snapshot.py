"""The archive shows an issue as it was sent, and says what changed since.

The web version of an issue is built from the pages it names. Without a copy, the archive would
show a meeting at its new time after it moved, and nothing at all once it was cancelled: not what
subscribers read. So when sending starts (``newsletter.delivery``), ``take_snapshot`` stores

- ``snapshot_html``: the issue's page as a visitor got it then (the ``<main>`` of the page's own
  template), with a marker after each item's title;
- ``snapshot_items``: for each item, the page it named and what the note needs later: its path,
  and for a meeting its start, end and whether it was cancelled.

``archived_version`` gives the public page that copy, with a note at each marker where the page
changed since: "Deze bijeenkomst is verplaatst" (with the new time), "Deze bijeenkomst gaat niet
door", "Deze pagina staat nu op een andere plek", each linking the page as it is now, or "Deze
pagina is niet meer beschikbaar". Two queries per view, whatever the number of items.

An issue that was never sent, a preview, and a send that has not started show the issue live.
"""

import logging
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from wagtail.models import Page

from core.caching import bump_content_version
from core.visibility import is_private
from knowledge.models import MeetingPage

from .rendering import site_path

NOTE_TEMPLATE = "newsletter/snapshot/note.html"
PAGE_TEMPLATE = "newsletter/newsletter_issue_snapshot.html"
SENT_TEMPLATE = "newsletter/snapshot/sent.html"
MARKER = re.compile(r"<!--snapshot-note-(\d+)-->")
# The page's own content: its outer <article> inside <main>, not the notices base.html adds there.
MAIN = re.compile(r"<main\b[^>]*>.*?(<article\b.*</article>)\s*</main>", re.DOTALL)
HEADER_END = "</header>"
logger = logging.getLogger(__name__)


def _named_pages(issue):
    """Every page the issue's sections name, and each of their translations (specific)."""
    keys = {
        item["page"].translation_key
        for block in issue.sections
        if block.block_type == "section"
        for item in block.value["items"]
        if item["page"]
    }
    return list(Page.objects.filter(translation_key__in=keys).specific())


def _state(page, path):
    """What the archive compares with later: the page, and for a meeting its time and status."""
    state = {"page_id": page.pk, "translation_key": str(page.translation_key), "path": path}
    if isinstance(page, MeetingPage):
        state.update(
            meeting=True,
            start=page.start.isoformat(),
            end=page.end.isoformat(),
            cancelled=page.cancelled,
        )
    return state


def _main_content(html):
    found = MAIN.search(html)
    return found.group(1).strip() if found else ""


def _mark_items(html, pages):
    """Put a note marker after the heading of each item that links one of ``pages``.

    Returns the HTML and the items' states, in the order of their markers.
    """
    items = []
    for page in pages:
        path = site_path(page)
        link = f'href="{path}"' if path else None
        if not link or link not in html:
            continue
        at = html.index(link)
        heading_end = html.find("</h3>", at)
        link_end = html.find("</a>", at)
        if heading_end == -1 or heading_end - at > 2000:
            heading_end = link_end
        if heading_end == -1:
            continue
        cut = heading_end + len("</h3>" if html.startswith("</h3>", heading_end) else "</a>")
        html = html[:cut] + f"<!--snapshot-note-{len(items)}-->" + html[cut:]
        items.append(_state(page, path))
    return html, items


def _render_page(issue):
    """The issue's page as an anonymous visitor gets it, rendered by its own template.

    A request of its own rather than Wagtail's ``make_preview_request``: that one runs the site's
    middleware, whose end-of-request handling would close the sending worker's database
    connection and whose statement timeout is meant for web requests, not for a worker.
    """
    base = urlsplit(settings.BASE_URL)
    request = RequestFactory().get(
        site_path(issue) or "/", HTTP_HOST=base.netloc or "localhost", secure=base.scheme == "https"
    )
    request.user = AnonymousUser()
    request.is_preview = True  # no snapshot of the snapshot: the page's live content
    request.preview_mode = ""
    with translation.override(issue.locale.language_code):
        response = issue.serve_preview(request, "")
        if hasattr(response, "render"):
            response.render()
    return response.content.decode() if response.status_code == 200 else ""


def take_snapshot(send):
    """Store the issue's web page as it goes out now: its live content, through the page's own
    template, of which the content inside ``<main>`` is kept."""
    # The models import this module: their classes are reached through the instance, not imported.
    issue = send._meta.get_field("issue").related_model.objects.get(pk=send.issue_id)
    body = _main_content(_render_page(issue))
    if not body:
        logger.error("No snapshot of issue %s: its page did not render.", issue.pk)
        return
    html, items = _mark_items(body, _named_pages(issue))
    now = timezone.now()
    type(send).objects.filter(pk=send.pk).update(snapshot_html=html, snapshot_items=items, snapshot_at=now)
    send.snapshot_html, send.snapshot_items, send.snapshot_at = html, items, now
    bump_content_version()


def _current_meetings(items):
    """``{translation_key: MeetingPage}``, read from the main language: a translation's time and
    status are synchronised copies that lag until the next sync."""
    keys = [item["translation_key"] for item in items if item.get("meeting")]
    if not keys:
        return {}
    found = {}
    for meeting in MeetingPage.objects.filter(translation_key__in=keys).select_related("locale"):
        key = str(meeting.translation_key)
        if key not in found or meeting.locale.language_code == settings.LANGUAGE_CODE:
            found[key] = meeting
    return found


def _note(item, page, meeting, request):
    """The note for one item, or ``None`` when the page is as it was."""
    if page is None or not page.live or is_private(page):
        return {"kind": "gone"}
    url = page.get_url(request)
    if meeting is not None:
        if meeting.cancelled and not item.get("cancelled"):
            return {"kind": "cancelled", "url": url}
        if parse_datetime(item["start"]) != meeting.start or parse_datetime(item["end"]) != meeting.end:
            when = date_format(timezone.localtime(meeting.start), "l j F Y, H:i")
            return {"kind": "moved", "url": url, "when": when}
    if site_path(page) != item["path"]:
        return {"kind": "elsewhere", "url": url}
    return None


def archived_version(issue, request=None):
    """The issue as sent, with notes, as ``{"html", "sent_at", "notes"}``; ``None`` to show it live.

    Kept on the page object: the template choice and the context both ask.
    """
    if getattr(request, "is_preview", False):
        return None
    if "_archived_version" in issue.__dict__:
        return issue.__dict__["_archived_version"]
    sends = issue._meta.get_field("send").related_model.objects  # IssueSend, without importing it
    send = (
        sends.filter(issue_id=issue.pk)
        .exclude(snapshot_at=None)
        .only("snapshot_html", "snapshot_items", "snapshot_at", "started_at")
        .first()
    )
    result = None
    if send is not None:
        items = send.snapshot_items
        pages = Page.objects.filter(pk__in=[item["page_id"] for item in items]).in_bulk()
        meetings = _current_meetings(items)
        notes = {}
        for ref, item in enumerate(items):
            note = _note(item, pages.get(item["page_id"]), meetings.get(item["translation_key"]), request)
            if note is not None:
                notes[ref] = note

        def replace(match):
            note = notes.get(int(match.group(1)))
            return render_to_string(NOTE_TEMPLATE, {"note": note}).strip() if note else ""

        sent_at = issue.sent_at or send.started_at
        html = MARKER.sub(replace, send.snapshot_html)
        # "Sent on ..., as it went out" right below the title, where the live page has its date.
        notice = render_to_string(SENT_TEMPLATE, {"sent_at": sent_at}).strip()
        at = html.find(HEADER_END)
        html = (
            html[: at + len(HEADER_END)] + notice + html[at + len(HEADER_END) :]
            if at != -1
            else notice + html
        )
        result = {"html": mark_safe(html), "sent_at": sent_at, "notes": notes}  # noqa: S308 - our own render
    issue.__dict__["_archived_version"] = result
    return result
