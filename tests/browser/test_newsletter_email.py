"""The kwartaalupdate e-mail in a real browser: readable on a phone and a desktop, and accessible.

The e-mail is built from the demo content in memory (an unsaved issue, so the shared demo
database stays as it is) and loaded with ``page.set_content``, as a web mail client would show
it. At 375 and 600 pixels wide nothing may scroll sideways, and axe-core finds no WCAG 2.2 A/AA
violation, in Dutch and in English (recorded for the accessibility statement: ``support.py``).
The ``requested_urls`` fixture also fails the test when the e-mail loads anything from anywhere.
Screenshots land in ``test-results/`` to look at by hand.
"""

from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Locale

from newsletter.assembly import collect_pages, current_quarter
from newsletter.models import NewsletterIssuePage
from newsletter.rendering import personalise, render_issue

from .support import assert_accessible

pytestmark = pytest.mark.browser

RESULTS = Path(settings.BASE_DIR) / "test-results"


def demo_email(language):
    """The personalised HTML of an issue holding this quarter's demo pages, every theme chosen."""
    locale = Locale.objects.get(language_code=language)
    sections = collect_pages(current_quarter(), locale)
    assert sections, f"seed_demo made no pages in {language} for {current_quarter()}"
    issue = NewsletterIssuePage(
        title="Kwartaalupdate" if language == "nl" else "Quarterly update",
        introduction="Wat er dit kwartaal gebeurde." if language == "nl" else "What happened this quarter.",
        quarter=current_quarter(),
        locale=locale,
        sections=[
            {
                "type": "section",
                "value": {
                    "kind": kind.value,
                    "note": "",
                    "items": [
                        {
                            "type": "item",
                            "id": f"{kind.value}-{page.pk}",
                            "value": {"page": page.pk, "note": ""},
                        }
                        for page in pages
                    ],
                },
            }
            for kind, pages in sections
        ],
    )
    rendered = render_issue(issue)
    assert rendered.theme_titles, "the demo pages have no themes, so the marks are not tested"
    html, _text = personalise(
        rendered,
        f"{settings.BASE_URL}/voorbeeld/voorkeuren/",
        f"{settings.BASE_URL}/voorbeeld/afmelden/",
        list(rendered.theme_titles),
    )
    return html


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("width", [375, 600])
def test_email_fits_and_is_accessible(new_page, transactional_db, language, width):
    html = demo_email(language)
    page = new_page(viewport={"width": width, "height": 900})
    page.set_content(html)

    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"newsletter-email-{language}-{width}.png"), full_page=True)

    scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
    assert scroll_width <= width, f"the e-mail scrolls sideways at {width}px: {scroll_width}px wide"
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1
    assert page.locator("h2").count() >= 2  # at least two sections
    name = f"mail kwartaalupdate issue, {width} px wide"
    assert_accessible(page, name, mail="newsletter.issue", language=language)
