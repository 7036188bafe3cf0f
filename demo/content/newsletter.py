"""The kwartaalupdate in the demo: this quarter's issue, sent, in Dutch and in English.

A visitor of the archive (``/kwartaalupdate/``) should see what they sign up for, so the demo
makes one issue the way the team does, through the site's own code, in two sections of
``seed_demo``:

``seed_issue`` (before the English translations, like the other Dutch pages):

1. ``newsletter.assembly.assemble_issue`` fills a Dutch draft with this quarter's demo pages and
   gives it its plain title ("Kwartaalupdate herfst 2026");
2. the editor's part: each section trimmed to ``MAX_ITEMS`` (pages the demo translates first, so
   the English issue reads in English), a note on a section, a summary and an introduction; then
   the draft is published from a new revision;
3. it is sent through ``newsletter.delivery`` (``start_send``, then ``run_send`` finishes the
   send, marks it done and sets the issue's ``sent_at``), but mailing nobody: the send is opened
   for the demo's own made-up subscribers only (``demo.content.people``), whose rows are recorded
   as sent before it runs. The demo runs on developers' machines and in tests, whose database may
   hold real subscribers (someone trying the form, imported test addresses), and seeding must
   mail no one and need no mail server. The admin's send page then shows a finished send to the
   demo's list; and a done send can't be started again, so nobody gets the demo issue later.

``seed_issue_translation`` (after them): the English issue is a wagtail-localize translation of
the Dutch one (``translate``), as an editor makes it in the admin, sent the same way.

The demo issue is found as "the archive's sent issue": once the Dutch archive holds one, a new run
(in this quarter or a later one) only completes the English issue if it is missing or not sent,
and otherwise writes nothing.
"""

import copy

from django.utils import timezone, translation
from wagtail.models import Page

from newsletter.assembly import AssemblyError, assemble_issue, current_quarter
from newsletter.delivery import run_send, start_send
from newsletter.models import Delivery, NewsletterIndexPage, NewsletterIssuePage, Subscriber
from newsletter.models.issues import issue_title

from . import people
from . import translations as english_texts
from .translate import translate

# As many pages per section as an editor keeps: a quarter of demo content would give 35 items.
MAX_ITEMS = 4

# The editor's texts, per language. ``notes`` are per section kind.
DUTCH = {
    "introduction": (
        "Nieuwe bijeenkomsten van het leernetwerk, pilots in dorpen en wijken, subsidies en nieuwe "
        "kennis over leefbaarheid in Gelderland."
    ),
    "intro": (
        "<p>Dit kwartaal gebeurde er veel in Gelderlandse dorpen en wijken. In deze kwartaalupdate "
        "leest u wat er nieuw is en waar u zich kunt aanmelden.</p>"
        "<p>Heeft u een vraag of een goed voorbeeld? Mail het team, dan nemen we het mee in het "
        "volgende nummer.</p>"
    ),
    "notes": {"meetings": "Meld u op tijd aan: er zijn niet veel plaatsen."},
}
ENGLISH = {
    "introduction": (
        "New learning-network meetings, pilots in villages and neighbourhoods, subsidies and new "
        "knowledge about livability in Gelderland."
    ),
    "intro": (
        "<p>A lot happened in Gelderland's villages and neighbourhoods this quarter. In this "
        "quarterly update you read what is new and where you can sign up.</p>"
        "<p>Do you have a question or a good example? Email the team, and we will include it in the "
        "next issue.</p>"
    ),
    "notes": {"meetings": "Sign up in good time: places are limited."},
}


def _sections(raw, notes, translated_pks):
    """``raw`` stream data with each section trimmed to ``MAX_ITEMS`` and the notes filled in.

    Pages that have an English translation go first (``sorted`` keeps the assembled order, newest
    first, within each group).
    """
    raw = copy.deepcopy(raw)
    for block in raw:
        value = block["value"]
        items = sorted(value["items"], key=lambda item: item["value"]["page"] not in translated_pks)
        value["items"] = items[:MAX_ITEMS]
        value["note"] = notes.get(value["kind"], "")
    return raw


def _send_to_nobody(issue):
    """Send ``issue`` through the real send path to the demo's own subscribers, mailing nobody.

    Their rows are recorded as sent before the send runs (the addresses are made up), so the
    send's progress page and the archive look as after a real send; it ends done and sent.
    """
    send = start_send(issue, subscribers=Subscriber.objects.filter(email__endswith=f"@{people.DOMAIN}"))
    send.deliveries.filter(status=Delivery.Status.PENDING).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), attempts=1
    )
    run_send(send)
    issue.refresh_from_db()
    return issue


def seed_issue(dutch_locale, tally):
    """The Dutch issue: found as the archive's sent issue, or assembled, edited, published and sent.

    Runs before the English translations, as the demo's other Dutch pages do: adding the issue
    changes the archive's child count, which wagtail-localize keeps in its copy of the archive, so
    the archive must have its issue before that copy is made.
    """
    archive = NewsletterIndexPage.objects.filter(locale=dutch_locale).order_by("path").first()
    if archive is None:
        tally.notes.append("overgeslagen: er is geen Nederlands archief van de kwartaalupdate")
        return
    if archive.sent_issues().exists():
        tally.add("unchanged")
        return
    try:
        issue = assemble_issue(current_quarter(), dutch_locale.language_code)
    except AssemblyError as error:
        # An editor's own draft for this quarter: the demo leaves it alone.
        tally.notes.append(f"overgeslagen: {error}")
        return
    issue = _edit_and_publish(issue, DUTCH)
    _send_to_nobody(issue)
    tally.add("created")


def seed_issue_translation(dutch_locale, english_locale, tally):
    """The English issue: a wagtail-localize translation of the Dutch one, sent on its own."""
    archive = NewsletterIndexPage.objects.filter(locale=dutch_locale).order_by("path").first()
    issue = archive.sent_issues().order_by("sent_at", "pk").first() if archive else None
    if issue is None:
        tally.notes.append("overgeslagen: er is geen verstuurde Nederlandse kwartaalupdate")
        return
    issue = issue.specific
    english = issue.get_translation_or_none(english_locale)
    if english is None:
        with translation.override(english_locale.language_code):
            title = issue_title(issue.quarter)
        # The same blocks, ids and pages as the Dutch issue; only the texts differ.
        sections = copy.deepcopy(list(issue.sections.raw_data))
        for block in sections:
            block["value"]["note"] = ENGLISH["notes"].get(block["value"]["kind"], "")
        values = {
            "title": title,
            "introduction": ENGLISH["introduction"],
            "intro": ENGLISH["intro"],
            "sections": sections,
        }
        translate(issue, values, english_locale, "kwartaalupdate")
        # The translation is not sent because the Dutch issue was (``exclude_fields_in_copy``).
        _send_to_nobody(issue.get_translation(english_locale).specific)
        tally.add("created")
    elif english.specific.sent_at is None:
        _send_to_nobody(english.specific)
        tally.add("updated")
    else:
        tally.add("unchanged")


def _edit_and_publish(issue, texts):
    """The editor's round on the assembled draft, published from a new revision."""
    chosen = [item["value"]["page"] for block in issue.sections.raw_data for item in block["value"]["items"]]
    issue.sections = _sections(list(issue.sections.raw_data), texts["notes"], _translated(chosen))
    issue.introduction = texts["introduction"]
    issue.intro = texts["intro"]
    issue.save_revision(log_action=True).publish()
    return NewsletterIssuePage.objects.get(pk=issue.pk)


def _translated(page_pks):
    """Which of ``page_pks`` the demo translates into English (``translations.PAGES``).

    Read from the demo's data, not the database: the Dutch issue is made before the translations.
    """
    homes = dict(Page.objects.filter(depth=2).values_list("locale_id", "url_path"))
    found = set()
    for page in Page.objects.filter(pk__in=page_pks).only("pk", "url_path", "locale_id"):
        if page.url_path.removeprefix(homes.get(page.locale_id, "")).strip("/") in english_texts.PAGES:
            found.add(page.pk)
    return found
