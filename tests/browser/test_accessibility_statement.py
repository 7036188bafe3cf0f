"""The accessibility statement in the browser: axe-core finds nothing on it, in either language,
and it reads well on a phone and a wide screen (screenshots in var/screenshots/)."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from .support import MOBILE, assert_accessible, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("size", [MOBILE, {"viewport": {"width": 1280, "height": 900}}], ids=["375", "1280"])
def test_the_statement_has_no_accessibility_violations(new_page, language, size):
    with translation.override(language):
        path = reverse("accessibility_statement")
    page = new_page(**size)

    response = page.goto(path)

    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("main table")).to_be_visible()  # the figures of the committed run
    assert_accessible(page, "accessibility statement", kind="page", language=language)
    screenshot(page, f"accessibility-statement-{language}")
