"""The English catalogue is complete and compiled: no Dutch string leaks onto an English page.

``make messages`` marks a changed string *fuzzy* and keeps the old translation, which gettext then
ignores (the page shows Dutch) or, worse, which no longer says the same thing. This test fails on
every untranslated or fuzzy entry, and when the committed ``.mo`` is not the ``.po`` compiled.
"""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "site" / "locale"


def entries(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    return [entry for entry in catalogue if entry.msgid and not entry.obsolete]


def test_every_english_string_is_translated_and_none_is_fuzzy():
    missing = [entry.msgid for entry in entries("en") if not entry.translated() or "fuzzy" in entry.flags]
    assert missing == []


def test_the_compiled_english_catalogue_matches_the_source():
    compiled = polib.mofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.mo"))
    in_mo = {(entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural for entry in compiled}
    in_po = {
        (entry.msgctxt, entry.msgid): entry.msgstr or {int(k): v for k, v in entry.msgstr_plural.items()}
        for entry in entries("en")
    }
    in_mo.pop((None, ""), None)  # the header
    assert {key: str(value) for key, value in in_mo.items()} == {
        key: str(value) for key, value in in_po.items()
    }
