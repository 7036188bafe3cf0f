"""A hostile article from a partner's feed, approved by an editor, runs no script in a reader's browser.

The demo's partner Movisie gets a feed (served over real HTTP on loopback) whose article carries
every trick the sanitiser knows of: scripts, event handlers, ``javascript:`` and ``data:`` links,
SVG, mutation-XSS markup. Each trick tries to leave a trace: ``window.__xss``, a changed title, a
dialog, an element ``#pwned``. The import makes a draft, an editor approves it through the
workflow, and Chromium opens the published page with JavaScript on: the text is there, no trace.
"""

import pytest
from django.contrib.auth.models import Group

from knowledge.models import NewsPage
from partners.feed_import import import_feed
from partners.models import FeedEntry, FeedRun, Partner
from tests.feed_server import FeedServer
from tests.partners.feed_support import HOSTILE_HTML, RSS_TYPE, rss

pytestmark = pytest.mark.browser

TITLE = "Een bericht met verrassingen"


@pytest.fixture
def feed_server():
    with FeedServer() as server:
        yield server


@pytest.fixture
def movisie(transactional_db):
    partner = Partner.objects.select_related("organisation", "section").get(organisation__name="Movisie")
    yield partner
    NewsPage.objects.filter(title=TITLE).delete()
    FeedEntry.objects.filter(organisation=partner.organisation).delete()
    FeedRun.objects.filter(organisation=partner.organisation).delete()


@pytest.fixture
def reviewer(transactional_db):
    user = Group.objects.get(name="Redacteuren").user_set.create(username="feed-reviewer")
    yield user
    user.delete()


def test_an_approved_hostile_entry_runs_no_script(page, movisie, reviewer, feed_server):
    article = {
        "guid": "movisie-verrassing",
        "link": "https://www.movisie.nl/artikel/verrassing",
        "title": TITLE + "<script>window.__xss = 1</script>",
        "description": "<b>Onschuldig</b> begin.<img src=x onerror=window.__xss=1>",
        "content": HOSTILE_HTML,
    }
    feed_server.route("/movisie.xml", body=rss([article]), headers={"Content-Type": RSS_TYPE})
    url = feed_server.url("/movisie.xml")
    run = import_feed(movisie, url=url)
    assert run.created == 1, run.error or run.problems
    draft = NewsPage.objects.get(title=TITLE)
    assert not draft.live
    draft.current_workflow_task_state.approve(user=reviewer)
    draft.refresh_from_db()
    assert draft.live

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(draft.get_url())

    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert "Gewone tekst over de buurt." in page.locator(".rich-text").first.inner_text()
    # Give every handler its chance: hover and click the text, focus every link.
    page.get_by_text("Klik hier").hover()
    page.get_by_text("Klik hier").click()
    for link in page.locator("main a").all():
        link.focus()
    real = page.get_by_role("link", name="echte link")
    assert real.get_attribute("href") == "https://www.movisie.nl/artikel"
    assert real.get_attribute("onfocus") is None
    for name in ("javascript-link", "data-link", "hoofdletters"):
        assert page.get_by_role("link", name=name).count() == 0 or (
            page.get_by_role("link", name=name).get_attribute("href") is None
        )
    original = page.get_by_role("link", name="Lees het hele bericht op de website van Movisie.")
    assert original.get_attribute("href") == "https://www.movisie.nl/artikel/verrassing"
    page.wait_for_timeout(300)

    assert page.evaluate("window.__xss") is None
    assert "pwned" not in page.title()
    assert page.locator("#pwned").count() == 0
    body = page.locator(".rich-text")
    assert body.count() == 2  # the article, and the link to the original
    assert body.locator("script, iframe, svg, img, style, form, object, embed, math").count() == 0
    assert body.locator("[onclick], [onmouseover], [onerror], [onfocus], [style]").count() == 0
    assert dialogs == []
