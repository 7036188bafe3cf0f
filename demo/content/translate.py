"""English translations made the way wagtail-localize makes them in the admin.

For a Dutch page or snippet we take its ``TranslationSource`` (the frozen Dutch content, split into
segments), store an English ``StringTranslation`` for every text segment, and let the
``Translation`` to the English locale save the English object. Editors then find an ordinary
synced translation in the admin: they can edit the English text, or update it after the Dutch page
changes.

The English texts are given per field, in the same shape as the Dutch ones. We build an unsaved
copy of the Dutch object that holds the English values, split it into segments the same way, and
pair the segments up by their place in the object (field, block id, position).
"""

from collections import defaultdict

from django.core.management.base import CommandError
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    TranslationSource,
)
from wagtail_localize.models import Translation as LocalizeTranslation
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


def _english_copy(instance, english):
    copy = type(instance).objects.get(pk=instance.pk)
    for name, value in english.items():
        setattr(copy, name, value)
    return copy


def _segments_by_path(segments):
    grouped = defaultdict(list)
    for segment in segments:
        grouped[segment[0]].append(segment[1:])
    return grouped


def _store_strings(source, instance, english, locale, label):
    """Store an English StringTranslation for every Dutch text segment; return how many changed."""
    dutch = _segments_by_path(
        (segment.context.path, segment.string, segment.context)
        for segment in StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )
    english_segments = _segments_by_path(
        (segment.path, segment.string.data)
        for segment in extract_segments(_english_copy(instance, english))
        if isinstance(segment, StringSegmentValue)
    )
    problems = sorted(
        path
        for path in dutch.keys() | english_segments.keys()
        if len(dutch[path]) != len(english_segments[path])
    )
    if problems:
        raise CommandError(
            f"De Engelse tekst van {label} past niet bij de Nederlandse op: {', '.join(problems)}"
        )

    changed = 0
    for path, dutch_segments in dutch.items():
        for (string, context), (text,) in zip(dutch_segments, english_segments[path], strict=True):
            current = StringTranslation.objects.filter(
                translation_of=string, locale=locale, context=context
            ).first()
            if current is None:
                StringTranslation.objects.create(
                    translation_of=string,
                    locale=locale,
                    context=context,
                    data=text,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                )
                changed += 1
            elif current.data != text or current.has_error:
                current.data = text
                current.has_error = False
                current.save()
                changed += 1
    return changed


def translate(instance, english, locale, label):
    """Create or update the ``locale`` translation of ``instance``; return created/updated/unchanged.

    ``english`` maps field names to English values (StreamFields as raw stream data built with the
    same block ids as the Dutch field). A page's parent must have been translated first.
    """
    # Read it fresh: an object that was just published in memory lags behind its database row.
    instance = type(instance.specific if isinstance(instance, Page) else instance).objects.get(pk=instance.pk)
    previous = TranslationSource.objects.get_for_instance_or_none(instance)
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    source_changed = previous is None or previous.last_updated_at != source.last_updated_at

    changed_strings = _store_strings(source, instance, english, locale, label)
    translation, translation_created = LocalizeTranslation.objects.get_or_create(
        source=source, target_locale=locale
    )
    target = instance.get_translation_or_none(locale)
    target_stale = target is None or (
        isinstance(target, Page) and (not target.live or target.has_unpublished_changes)
    )
    if not (
        translation_created or source_changed or changed_strings or target_stale or not translation.enabled
    ):
        return "unchanged"
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
    if not isinstance(instance, Page):
        translation.save_target(publish=True)
    else:
        # save_target(publish=True) publishes on commit from the page object it built in memory. When a
        # parent and its children are translated in one transaction, that stale object rewrites the
        # parent's child count to zero and the English children become unreachable. So save a draft
        # and publish it straight away from the database.
        translation.save_target(publish=False)
        instance.get_translation(locale).get_latest_revision().publish()
    return "created" if target is None else "updated"
