"""A civil servant looks for approaches in the kennisbank, with the keyboard and without JavaScript."""

import re

import pytest
from django.db.models import Count
from playwright.sync_api import expect

from knowledge.models import KnowledgeIndexPage, KnowledgeItemPage, ThemePage

from .support import first, live, screenshot, url, words

pytestmark = pytest.mark.browser


def results(page):
    """The titles of the cards in the result list (labelled "N resultaten")."""
    listing = page.get_by_role("list", name=re.compile(r"^\d+ resulta(at|ten)$"))
    return listing.get_by_role("heading").all_inner_texts()


def containing(text):
    return re.compile(re.escape(text))


def titles(items):
    return sorted(item.title for item in items)


def kind_and_theme_that_narrow():
    """A kind and a theme whose combination leaves some, but not all, items of that kind."""
    items = live(KnowledgeItemPage)
    for theme in live(ThemePage):
        for kind in items.filter(themes=theme).values_list("kind", flat=True).distinct().order_by("kind"):
            matching = items.filter(themes=theme, kind=kind).distinct()
            if 1 < matching.count() < items.filter(kind=kind).count():
                return kind, theme, matching
    pytest.fail("seed_demo made no kind and theme that together narrow the kennisbank")


def test_civil_servant_filters_on_theme_and_kind_without_javascript(new_page):
    kennisbank = first(live(KnowledgeIndexPage), "kennisbank")
    kind, theme, matching = kind_and_theme_that_narrow()
    page = new_page(java_script_enabled=False)
    page.goto("/")

    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Direct naar de inhoud")
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=kennisbank.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(kennisbank.title)

    page.get_by_label("Thema", exact=True).select_option(theme.slug)
    page.get_by_label("Soort", exact=True).select_option(kind)
    # The option says how many items it finds: "Methode (3)".
    kind_option = page.get_by_label("Soort", exact=True).locator("option:checked").inner_text()
    kind_label = re.sub(r" \(\d+\)$", "", kind_option)
    assert kind_option == f"{kind_label} ({live(KnowledgeItemPage).filter(kind=kind).count()})"
    page.get_by_role("button", name="Toon resultaten").click()

    assert sorted(results(page)) == titles(matching)
    expect(page.get_by_role("heading", name=f"{matching.count()} resultaten", exact=True)).to_be_visible()
    chosen = page.get_by_role("list", name="Gekozen filters:").get_by_role("link")
    expect(chosen).to_have_text([containing(f"Soort: {kind_label}"), containing(f"Thema: {theme.title}")])
    expect(page.get_by_label("Thema", exact=True)).to_have_value(theme.slug)

    chosen.filter(has_text=f"Thema: {theme.title}").click()

    assert sorted(results(page)) == titles(live(KnowledgeItemPage).filter(kind=kind))
    expect(chosen).to_have_text([containing(f"Soort: {kind_label}")])
    expect(page.get_by_label("Thema", exact=True)).to_have_value("")

    page.get_by_role("link", name="Wis alle filters").click()

    expect(page).to_have_url(re.compile(rf"{re.escape(url(kennisbank))}$"))
    total = live(KnowledgeItemPage).count()
    expect(page.get_by_role("heading", name=f"{total} resultaten", exact=True)).to_be_visible()
    expect(page.get_by_role("list", name="Gekozen filters:")).to_have_count(0)


def filter_with_several_pages():
    """A filter value that matches more items than fit on one page of the kennisbank."""
    per_page = KnowledgeIndexPage.per_page
    items = live(KnowledgeItemPage)
    candidates = [
        ("thema", "themes__slug"),
        ("soort", "kind"),
        ("bewijs", "evidence_level"),
        ("organisatie", "organisation__slug"),
    ]
    for param, field in candidates:
        counts = items.values(field).annotate(n=Count("pk", distinct=True)).filter(n__gt=per_page)
        for row in counts.order_by(field):
            if row[field]:
                return param, row[field], items.filter(**{field: row[field]}).distinct().order_by("title")
    pytest.fail(f"seed_demo made no kennisbank filter with more than {per_page} results")


def test_pagination_keeps_the_filter_and_marks_the_current_page(page):
    kennisbank = first(live(KnowledgeIndexPage), "kennisbank")
    param, value, matching = filter_with_several_pages()
    per_page = KnowledgeIndexPage.per_page
    page.goto(f"{url(kennisbank)}?{param}={value}")
    pages = page.get_by_role("navigation", name="Pagina's met resultaten")

    expect(pages.locator("[aria-current=page]")).to_have_text("Pagina 1")
    assert results(page) == [item.title for item in matching[:per_page]]

    pages.get_by_role("link", name="Volgende pagina").click()

    expect(page).to_have_url(re.compile(rf"[?&]{param}={value}(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]page=2(&|$)"))
    expect(pages.locator("[aria-current=page]")).to_have_text("Pagina 2")
    assert results(page) == [item.title for item in matching[per_page : 2 * per_page]]
    expect(page.locator(f"select[name={param}]")).to_have_value(value)

    pages.get_by_role("link", name="Pagina 1", exact=True).click()

    expect(page).to_have_url(re.compile(rf"[?&]{param}={value}(&|$)"))
    expect(pages.locator("[aria-current=page]")).to_have_text("Pagina 1")


def test_theme_questions_read_as_text_not_as_links(page):
    """A theme's questions are not links, so they must not look like the clickable cards below."""
    theme = first(live(ThemePage).exclude(questions=[]), "theme with questions")
    page.goto(url(theme))
    questions = page.locator("main .questions > li")
    expect(questions.first).to_be_visible()
    assert questions.locator("a").count() == 0
    look = questions.first.evaluate(
        """li => {
            const style = getComputedStyle(li);
            const title = getComputedStyle(li.querySelector('.question__title'));
            const link = getComputedStyle(document.querySelector('main .card__title a'));
            return {borderTop: style.borderTopWidth, cursor: title.cursor, color: title.color,
                    linkColor: link.color, underline: title.textDecorationLine};
        }"""
    )
    # No card box around it (the cards below have one), and nothing of a link: colour, underline, hand.
    assert look["borderTop"] == "0px", look
    assert look["cursor"] != "pointer" and look["underline"] == "none", look
    assert look["color"] != look["linkColor"], look
    screenshot(page, "theme-questions")


def test_kennisbank_keyword_sort_and_costs(page):
    kennisbank = first(live(KnowledgeIndexPage), "kennisbank")
    item = first(live(KnowledgeItemPage).exclude(conditions_and_costs=""), "item with costs")
    word = max(words(item.title), key=len)
    page.goto(url(kennisbank))
    page.get_by_label("Zoek in de kennisbank").fill(word)
    page.get_by_role("main").get_by_role("button", name="Zoeken").click()

    expect(page).to_have_url(re.compile(rf"[?&]q={re.escape(word)}"))
    expect(
        page.get_by_role("heading", name=re.compile(rf"resulta(at|ten) voor ‘{re.escape(word)}’"))
    ).to_be_visible()
    card = page.locator("main .card-grid .card", has_text=item.title).first
    expect(card).to_contain_text("Voorwaarden en kosten")
    sort = page.get_by_label("Sorteren", exact=True)
    expect(sort.locator("option:checked")).to_have_text("Beste match")
    sort.select_option("titel")
    page.get_by_role("button", name="Toon resultaten").click()
    expect(page).to_have_url(re.compile(r"sorteer=titel"))
    expect(page).to_have_url(re.compile(rf"[?&]q={re.escape(word)}"))
    expect(page.get_by_label("Zoek in de kennisbank")).to_have_value(word)
    screenshot(page, "kennisbank-keyword")
