"""Translate pages and snippets the way a translator does in wagtail-localize, without the editor.

``translate(page, {"Dutch text": "English text"})`` submits the page for translation (a
``TranslationSource`` and a ``Translation``), enters the given strings as ``StringTranslation``
rows, and publishes the English page with ``save_target``. Strings without an entry keep their
Dutch text, as wagtail-localize's own fallback does. Every key must match a segment of the page,
so a typo in a test fails loudly instead of quietly leaving Dutch text behind.
"""

from django.test import TestCase
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from .core import locale


def translate(page, strings=None, language_code="en", publish=True):
    strings = dict(strings or {})
    target = locale(language_code)
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=target)

    unused = set(strings)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = segment.string.data
        if text in strings:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=target,
                context=segment.context,
                defaults={"data": strings[text], "translation_type": "manual"},
            )
            unused.discard(text)
    if unused:
        raise AssertionError(f"No segment of {page!r} has the text {sorted(unused)!r}")

    # wagtail-localize publishes in an on-commit callback, which a test transaction never reaches.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=publish)
    translated = page.get_translation(target)
    return translated.specific if isinstance(translated, Page) else translated  # a snippet has no .specific
