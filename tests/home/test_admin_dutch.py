"""A Dutch editor reads Dutch in wagtail-localize's translation editor and Wagtail's admin.

The libraries' own Dutch has gaps: wagtail-localize's catalogue drops the space in "Publish in "
("Publiceer inEngels"), Wagtail leaves "Default" and the rich-text toolbar in English, and the
translation editor writes "Nederlands to Engels translation" and "More actions" without gettext.
The project's catalogue ``site/locale_overrides`` fills the first gaps; ``admin-editor.js`` (through
``insert_editor_js``) the last, with texts the page hands it.
"""

import json

import polib
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from tests.factories.home import StandardPageFactory, dutch_home, site_settings
from tests.factories.translation import translate
from tests.utils import soup


def dutch_editor(username="redacteur"):
    editor = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    editor.groups.add(Group.objects.get(name="Redacteuren"))
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "nl"
    profile.save()
    return editor


class TranslationEditorInDutchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        home = dutch_home()
        site_settings()
        translate(home, {"Leefbaarheid Gelderland": "Livability Gelderland"})
        page = StandardPageFactory(parent=home, title="Over het programma", slug="over-het-programma")
        cls.english = translate(page, {})
        cls.editor = dutch_editor()

    def setUp(self):
        self.client.force_login(self.editor)

    def editor_page(self):
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[self.english.pk]))
        page = soup(response)
        self.assertIsNotNone(page.find(class_="js-translation-editor"), "the translation editor opens")
        return page

    def test_the_editor_data_is_dutch(self):
        props = json.loads(self.editor_page().find(class_="js-translation-editor")["data-props"])
        labels = [mode["label"] for mode in props["previewModes"]]
        self.assertEqual(labels, ["Standaard"])
        self.assertNotIn("Default", json.dumps(props))

    def test_the_editor_gets_dutch_for_the_texts_the_library_hard_codes(self):
        script = self.editor_page().find("script", src=lambda src: src and src.endswith("js/admin-editor.js"))
        self.assertIsNotNone(script, "insert_editor_js adds the editor aids")
        texts = json.loads(script["data-texts"])
        self.assertEqual(texts["translation"], "Vertaling van %(source)s naar %(target)s")
        self.assertEqual(texts["more_actions"], "Meer acties")

    def test_the_script_catalogue_keeps_the_space_before_the_language(self):
        catalogue = self.client.get(reverse("wagtail_localize:javascript_catalog")).content.decode()
        self.assertIn('"Publish in ": "Publiceer in het "', catalogue)
        self.assertIn('"Translate with ": "Vertaal met "', catalogue)
        self.assertNotIn('"Publiceer in"', catalogue)


class WagtailAdminInDutchTests(TestCase):
    def test_wagtails_english_leftovers_are_dutch(self):
        with translation.override("nl"):
            self.assertEqual(
                [translation.gettext(text) for text in ("Default", "Bold", "Italic", "Editor Guide", "File")],
                ["Standaard", "Vet", "Cursief", "Handleiding voor redacteuren", "Bestand"],
            )

    def test_the_rich_text_toolbar_is_dutch_in_the_page_editor(self):
        self.client.force_login(dutch_editor())
        response = self.client.get(
            reverse("wagtailadmin_pages:add", args=["home", "standardpage", dutch_home().pk])
        )
        content = response.content.decode()
        self.assertIn("Cursief", content)
        self.assertNotIn('"Italic"', content)


def test_the_compiled_override_catalogues_match_their_sources():
    """The ``.mo`` files are committed (a machine without gettext still gets the Dutch): each must be
    its ``.po`` compiled (``make compiled-messages``), with every entry translated."""
    folder = settings.BASE_DIR / "site" / "locale_overrides" / "nl" / "LC_MESSAGES"
    for domain in ("django", "djangojs"):
        source = polib.pofile(str(folder / f"{domain}.po"))
        assert all(entry.translated() and "fuzzy" not in entry.flags for entry in source), domain
        compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(folder / f"{domain}.mo"))}
        compiled.pop("", None)
        assert compiled == {entry.msgid: entry.msgstr for entry in source}, domain
