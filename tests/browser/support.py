"""What the browser tests share besides fixtures: the axe check, and where the demo's pages are.

Pages are found by what they are (a pilot that used a method, a meeting that has passed), not
by slug, so the tests keep working when the demo texts change, and say what they need from
``seed_demo`` when it stops providing it.
"""

import re
from html import unescape
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.utils.html import strip_tags

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MOBILE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}


# Accessibility -----------------------------------------------------------------------------------


def axe_violations(page):
    """Run axe-core (shipped inside axe-playwright-python, so nothing is downloaded) in the page."""
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def describe_violations(url, violations):
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    at {', '.join(map(str, node['target']))}" for node in violation["nodes"])
    return "\n".join(lines)


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, describe_violations(page.url, violations)


# The demo content --------------------------------------------------------------------------------


def live(model, language="nl"):
    return model.objects.live().public().filter(locale__language_code=language).order_by("path")


def first(queryset, need):
    """The first page of ``queryset``; ``need`` says what the test expected seed_demo to make."""
    page = queryset.first()
    assert page is not None, f"seed_demo made no {need}"
    return page


def url(page):
    return page.get_url()


def translation(page, language):
    return page.get_translations().filter(locale__language_code=language, live=True).first()


def words(html):
    return re.findall(r"[^\W\d_]+", strip_tags(html).lower())


def first_paragraph(html):
    """The text of the first paragraph of rich text, as a reader sees it."""
    match = re.search(r"<p[^>]*>(.*?)</p>", html, re.S)
    return unescape(strip_tags(match.group(1) if match else html)).strip()


# Screenshots -------------------------------------------------------------------------------------

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def screenshot(page, name):
    """The whole page as the browser shows it now, for a person to look at: var/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else "auto"
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
