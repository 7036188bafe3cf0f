"""Every page type at 200 % text, at 320 px wide, and with targets big enough to hit (WCAG 2.2 AA).

- **Text at 200 % (1.4.4 Resize Text)**, at 1280 px: the root font size is set to 200 %, which is
  what a reader's browser setting "font size: very large" does (Chromium's default font size).
  Browser *zoom* (Ctrl +, or ``--force-device-scale-factor``) would enlarge everything, layout
  included, so at 1280 px it tests the same as reflow at 640 px; 1.4.4 is about text that grows
  inside a layout that does not, which is where text gets cut off or overlaps. The site sizes text
  in ``rem``, so everything written in the page grows; ``double_the_text_size`` checks that too.
- **Reflow (1.4.10)**: a window of 320 CSS px (not ``is_mobile``: Chromium would widen a mobile
  layout viewport to fit the content, see docs/pitfalls.md) must not scroll sideways and must cut
  nothing off. A box that scrolls on its own (a wide table) is allowed by the criterion.
- **Target size (2.5.8)** at 375 and 1280 px, and no drag-only action (2.5.7): no
  ``draggable="true"`` anywhere.

Every result is written to ``var/accessibility/keyboard.jsonl`` before the assertion, for the
accessibility statement; screenshots of the 200 % and 320 px pages go to var/screenshots/.
"""

import pytest

from .keyboard import (
    double_the_text_size,
    draggable_elements,
    layout_problems,
    record,
    target_size_problems,
)
from .support import MOBILE, screenshot

# The page types of the axe check, in each language the demo has them in (DUTCH_ONLY: Dutch).
from .test_accessibility import PAGE_CHECKS, PAGES

pytestmark = pytest.mark.browser

SIZES = {375: MOBILE, 1280: {"viewport": {"width": 1280, "height": 900}}}


def slug(page_type):
    return page_type.lower().replace(" ", "-")


def open_page(new_page, page_type, language, **options):
    page = new_page(**options)
    response = page.goto(PAGES[page_type](language))
    assert response.status == 200, f"{page_type}: {page.url} answered {response.status}"
    return page


@pytest.mark.parametrize("width", SIZES)
@pytest.mark.parametrize(("page_type", "language"), PAGE_CHECKS)
def test_targets_are_big_enough_and_nothing_needs_dragging(new_page, page_type, language, width):
    page = open_page(new_page, page_type, language, **SIZES[width])

    problems = target_size_problems(page)
    problems += [f"draggable: {html}" for html in draggable_elements(page)]
    record(page, "target-size", page_type, problems, language)

    assert not problems, f"{page_type} at {width} px:\n" + "\n".join(problems)


@pytest.mark.parametrize(("page_type", "language"), PAGE_CHECKS)
def test_text_at_200_percent_is_not_cut_off_and_does_not_overlap(new_page, page_type, language):
    page = open_page(new_page, page_type, language, viewport={"width": 1280, "height": 900})

    double_the_text_size(page)
    problems = layout_problems(page)
    record(page, "text-200", page_type, problems, language)
    screenshot(page, f"text-200-{slug(page_type)}-{language}")

    assert not problems, f"{page_type} with text at 200 %:\n" + "\n".join(problems)


@pytest.mark.parametrize(("page_type", "language"), PAGE_CHECKS)
def test_at_320_px_nothing_scrolls_sideways_or_is_cut_off(new_page, page_type, language):
    page = open_page(new_page, page_type, language, viewport={"width": 320, "height": 640})

    width = page.evaluate("document.documentElement.clientWidth")
    problems = layout_problems(page)
    record(page, "reflow-320", page_type, problems, language)
    screenshot(page, f"reflow-{slug(page_type)}-{language}")

    assert width == 320
    assert not problems, f"{page_type} at 320 px:\n" + "\n".join(problems)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
