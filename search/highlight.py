"""A fragment of each result's text with the query's words marked, and nothing else.

No search backend highlights (wagtail#5340). PostgreSQL's ``ts_headline`` (Django's
``SearchHeadline``) finds the stemmed words in the indexed text, in the reader's language; SQLite
has no stemmer, so there the words are found in Python, as word beginnings (``dorp`` marks
``dorpshuis``). Both work on the plain text the search index keeps of every page.

Markup never passes: the text is escaped first and only our own markers become ``<mark>``. The
markers are private-use characters taken out of the text beforehand, so page text or a query
with ``<script>`` or ``<b>`` shows as text.
"""

import re
from functools import reduce
from html import escape
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.safestring import mark_safe
from modelsearch.conf import get_app_config
from wagtail.models import Page

from .backends import config_for_language
from .query import variants

FRAGMENT_CHARS = 220
START, STOP = "\ue000", "\ue001"


def _marked(text):
    """Escaped ``text`` with each START…STOP pair as ``<mark>``; stray markers dropped."""
    html, open_ = [], False
    for part in re.split(f"([{START}{STOP}])", text):
        if part == START and not open_:
            html.append("<mark>")
            open_ = True
        elif part == STOP and open_:
            html.append("</mark>")
            open_ = False
        elif part not in (START, STOP):
            html.append(escape(part, quote=False))
    if open_:
        html.append("</mark>")
    return mark_safe("".join(html))


def _clean(text):
    return " ".join((text or "").replace(START, "").replace(STOP, "").split())


def _fragment_in_python(text, words):
    """Around the first match: whole words, every match marked."""
    text = _clean(text)
    pattern = re.compile(r"\b(" + "|".join(re.escape(word) for word in words) + r")\w*", re.IGNORECASE)
    match = pattern.search(text)
    if not match:
        return ""
    start = max(0, match.start() - FRAGMENT_CHARS // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    fragment = text[start : start + FRAGMENT_CHARS]
    if start + FRAGMENT_CHARS < len(text):
        fragment = fragment.rsplit(" ", 1)[0] + " …"
    if start:
        fragment = "… " + fragment
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", fragment)


def _entries(pages):
    content_types = ContentType.objects.get_for_models(
        *{type(page) for page in pages}, for_concrete_models=True
    )
    root_type = ContentType.objects.get_for_model(Page)
    ids = [str(page.pk) for page in pages]
    index_entries = get_app_config().get_model("IndexEntry").objects
    return index_entries.filter(
        content_type_id__in=[root_type.pk, *[ct.pk for ct in content_types.values()]], object_id__in=ids
    )


def highlights(pages, words, language):
    """``{page pk: safe HTML fragment}`` for ``pages`` (one query), empty where nothing matches."""
    if not pages or not words:
        return {}
    words = [spelling for word in words for spelling in variants(word, language)]
    entries = _entries(pages)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchHeadline, SearchQuery

        config = config_for_language(language, "simple")
        query = reduce(or_, [SearchQuery(word, config=config, search_type="plain") for word in words])
        rows = entries.annotate(
            fragment=SearchHeadline(
                "body_text",
                query,
                config=config,
                start_sel=START,
                stop_sel=STOP,
                max_fragments=2,
                max_words=30,
                min_words=12,
                fragment_delimiter=" … ",
            )
        ).values_list("object_id", "fragment", "body_text")
        found = {}
        for object_id, fragment, body_text in rows:
            if START in (fragment or ""):
                # ts_headline returns the markers where it matched; take any from the page out first.
                found[int(object_id)] = (
                    _marked(fragment)
                    if START not in body_text
                    else _marked(_fragment_in_python(body_text, words))
                )
        return found
    rows = entries.values_list("object_id", "body")
    return {
        int(object_id): _marked(fragment)
        for object_id, body in rows
        if (fragment := _fragment_in_python(body, words))
    }
