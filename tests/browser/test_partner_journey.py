"""A partner's article from draft to the public site, in the real admin (JavaScript on).

A Movisie account (the group ``seed_demo`` sets up for the partner) writes a news article in
Movisie's section, uploads its image through the admin's image chooser into Movisie's collection
and submits it to "Partnerbijdrage beoordelen". A visitor does not find it yet. An editor
(*Redacteuren*) approves it; the visitor then finds it in the news (all of it, and filtered on
partner articles) and on Movisie's own page, under Movisie's name and logo, and on the
organisation's entry (a knowledge item from Movisie). The public partner pages pass axe-core's
WCAG 2.1 A and AA rules, in Dutch and, where there is an English version, in English.
"""

import random
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from playwright.sync_api import expect
from wagtail.images.models import Image
from wagtail.models import Page

from knowledge.models import KnowledgeItemPage, NewsIndexPage, NewsPage
from partners.models import Partner
from partners.setup import WORKFLOW_NAME

from .support import assert_accessible, first, live

pytestmark = pytest.mark.browser

PASSWORD = "leefbaar-demo"
PARTNER_USERNAME, EDITOR_USERNAME = "partner-movisie", "redacteur"
TITLE = "Buurtcirkels in Ede: samen tegen eenzaamheid"
SLUG = "buurtcirkels-in-ede-samen-tegen-eenzaamheid"
INTRODUCTION = "In Ede komen buren elke maand samen. Zo voelt niemand zich alleen."
IMAGE_TITLE = "Buurtcirkel in Ede"
LOGO_TITLE = "Logo Movisie (test)"


def picture(path, size=(800, 450)):
    """A PNG no other test has: Wagtail asks before it stores a duplicate of an existing image."""
    colour = tuple(random.randrange(256) for _ in range(3))
    PillowImage.new("RGB", size, colour).save(path, "PNG")
    return path


def account(username, group):
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org"}
    )
    user.set_password(PASSWORD)
    user.save()
    user.groups.set([group])
    return user


@pytest.fixture
def movisie(transactional_db, tmp_path):
    """Movisie as seed_demo sets it up, with a logo, a partner account and an editor."""
    partner = Partner.objects.select_related("organisation", "section", "group", "collection").get(
        organisation__name="Movisie"
    )
    organisation = partner.organisation
    with open(picture(tmp_path / "logo.png", (320, 120)), "rb") as file:
        logo = Image.objects.create(
            title=LOGO_TITLE, file=ImageFile(file, name="logo-movisie.png"), collection=partner.collection
        )
    organisation.logo = logo
    organisation.save()
    users = [
        account(PARTNER_USERNAME, partner.group),
        account(EDITOR_USERNAME, Group.objects.get(name="Redacteuren")),
    ]
    yield partner
    for page in Page.objects.filter(slug=SLUG):
        page.delete()
    organisation.logo = None
    organisation.save()
    for image in Image.objects.filter(title__in=[IMAGE_TITLE, LOGO_TITLE]):
        image.delete()
    for user in users:
        user.delete()


def log_in(page, username):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def action_menu(page):
    """The action menu's other actions, under the main button at the foot of the editor."""
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()


def main(page):
    return page.locator("main")


def test_a_partner_article_goes_through_review_to_the_public_site(new_page, movisie, tmp_path):
    section = movisie.section.specific
    news_index = first(live(NewsIndexPage), "news index")

    # 1. The partner writes the article in its own section, with an image it uploads.
    partner = new_page()
    log_in(partner, PARTNER_USERNAME)
    partner.goto(f"/admin/pages/add/knowledge/newspage/{section.pk}/")
    partner.locator("#id_title").fill(TITLE)
    partner.locator("#id_introduction").fill(INTRODUCTION)
    partner.locator("#id_listing_image-chooser").get_by_role("button", name="Kies een afbeelding").click()
    chooser = partner.get_by_role("dialog")
    chooser.get_by_role("tab", name="Uploaden").click()
    chooser.locator("#id_image-chooser-upload-file").set_input_files(picture(tmp_path / "buurtcirkel.png"))
    chooser.locator("#id_image-chooser-upload-title").fill(IMAGE_TITLE)
    chooser.get_by_role("button", name="Uploaden").click()
    expect(partner.locator("#id_listing_image-chooser [data-chooser-title]")).to_have_text(IMAGE_TITLE)
    action_menu(partner)
    partner.get_by_role("button", name=f"Stuur door naar {WORKFLOW_NAME}").click()
    expect(partner.locator(".messages")).to_contain_text(TITLE)

    article = NewsPage.objects.get(slug=SLUG)
    assert article.get_parent().pk == section.pk
    assert not article.live
    assert article.current_workflow_state.workflow.name == WORKFLOW_NAME
    image = Image.objects.get(title=IMAGE_TITLE)
    assert image.collection_id == movisie.collection_id
    assert article.get_latest_revision_as_object().listing_image_id == image.pk
    partner.context.close()

    # 2. Not on the public site yet.
    visitor = new_page()
    assert visitor.goto(f"{section.url}{SLUG}/").status == 404
    for url in (news_index.url, f"{news_index.url}?categorie=partner", section.url):
        assert visitor.goto(url).status == 200, url
        expect(main(visitor)).not_to_contain_text(TITLE)

    # 3. An editor approves it in the admin.
    editor = new_page()
    log_in(editor, EDITOR_USERNAME)
    editor.goto(f"/admin/pages/{article.pk}/edit/")
    action_menu(editor)
    # The workflow's own action (the last task, so approving publishes), not the plain "Publiceren".
    editor.get_by_role("button", name="Goedkeuren en publiceren", exact=True).click()
    expect(editor.locator(".messages")).to_contain_text(TITLE)
    article.refresh_from_db()
    assert article.live
    assert article.workflow_states.get().status == "approved"
    editor.context.close()

    # 4. The visitor finds it under Movisie's name and logo, and the pages pass axe.
    # The <img> of the logo's <picture> is its PNG fallback (core.renditions.LOGO_PICTURE).
    logo_rendition = movisie.organisation.logo.get_rendition("max-160x80|format-png").url
    response = visitor.goto(article.url)
    assert response.status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    byline = visitor.locator(".byline")
    expect(byline).to_contain_text("Movisie")
    expect(byline.locator(f"img[src='{logo_rendition}']")).to_be_visible()
    assert_accessible(visitor)

    card = visitor.locator(".card", has=visitor.get_by_role("link", name=TITLE))
    for url in (f"{news_index.url}?categorie=partner", news_index.url, section.url):
        visitor.goto(url)
        expect(card).to_contain_text("Movisie")
        expect(card.locator(".card__media img")).to_be_visible()  # the partner's own image
        if url != news_index.url:
            assert_accessible(visitor)
    expect(visitor.locator(f".partner-organisation img[src='{logo_rendition}']")).to_be_visible()
    # Newest first on the partner's page.
    expect(visitor.locator("main .card__title").first).to_have_text(TITLE)

    # The organisation's entry: a knowledge item from Movisie lists the new article first.
    item = first(live(KnowledgeItemPage).filter(organisation=movisie.organisation), "item from Movisie")
    visitor.goto(item.url)
    entry = visitor.locator(".partner-articles")
    expect(entry.get_by_role("heading")).to_have_text("Artikelen van Movisie")
    expect(entry.get_by_role("listitem").first.get_by_role("link")).to_have_text(TITLE)
    assert_accessible(visitor)
    entry.get_by_role("link", name="Alle artikelen van Movisie").click()
    expect(visitor).to_have_url(re.compile(re.escape(section.url) + "$"))

    # English: the news filtered on partner articles (the demo translates no partner page).
    english_news = first(live(NewsIndexPage, "en"), "English news index")
    assert visitor.goto(f"{english_news.url}?categorie=partner").status == 200
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(visitor)
