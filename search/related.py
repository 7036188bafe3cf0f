""" "Lees ook": the visible pages most like this one, found in the site's own search index.

Knowledge items, pilots and news (the page types with ``knowledge.models.common.RelatedPagesMixin``)
end with up to five pages of those types in the same language, as Movisie's databank and
Platform31's dossiers do. No second search engine and no similarity table: the one index answers.

How a page's neighbours are chosen, in five or six queries whatever the size of the site:

1. **Its telling words.** The page's title and the text the index holds for it
   (``search.backends.indexed_texts``) are split into words; each weighs by how often the page
   uses it (a title word counts extra) and by how rare it is on the site, from the spelling
   suggestions' vocabulary (``search.suggest.vocabulary``: word -> pages), as tf-idf does. A word
   that only this page has finds nothing, one on most pages tells nothing. The ten best words
   whose pages add up to at most ``MATCH_BUDGET`` make one ``Or`` query: the backend ranks every
   page holding any of them, and the budget keeps that work the same at 1,000 items and 100,000.
2. **Text.** The query searches the visible candidates with the site's backend (on PostgreSQL
   with the page's stemmer); of its best ``TEXT_POOL`` matches the index's text is read back, and
   a match scores the share of the words' weight it holds, plus a little of the backend's own
   relevance (which knows inflections). The share is needed because PostgreSQL's ``ts_rank`` knows
   no rarity, and it scores alike on both databases.
3. **Themes.** Every candidate that shares a theme with the page, and how many: one query.
4. **Together.** ``THEME_WEIGHT`` times the share of the page's themes a candidate has, plus its
   text score (at most 1); equal scores go to the newer page. A shared theme outweighs any text:
   the related items of a loneliness method are loneliness items, and among them the text decides.

The answer is kept under the content version (``core.caching.cached``), so a publish, an unpublish
or a new view restriction anywhere computes it again, and a warm page runs no query for it. It is
read from the database by the page's id, never from the page object, which in a preview carries
the editor's unsaved draft: the cache must only ever hold what visitors see.
"""

import math
import re
from collections import Counter

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from modelsearch.query import Or, PlainText
from wagtail.models import Page

from core.caching import cached
from core.visibility import visible
from knowledge.models.common import RelatedPagesMixin

from .backends import INDEXED_TEXT_FIELDS, indexed_texts
from .suggest import vocabulary

SHOWN = 5
# The words of one page that make its query, and how many text matches are weighed.
QUERY_WORDS = 10
TEXT_POOL = 50
# A word of the title counts as often as this many in the text.
TITLE_WEIGHT = 3
# A word on more than this share of the pages tells nothing about any of them.
MAX_SHARE = 0.25
# The query's words together may be on at most this many pages (see the module's docstring).
# Measured at 1,000 items on SQLite, whose backend scores each match in a subquery of its own: a
# budget of 1,000 gave a cold p95 of 99 ms, 300 gave 92 ms, 150 gave 58 ms, with the same
# neighbours in the tests.
MATCH_BUDGET = 150
# Sharing all of a page's themes counts this much; holding all of the page's telling words 1.
THEME_WEIGHT = 1.5
# Of the text's 1: how much the backend's own relevance counts (the rest: the words held).
RELEVANCE_WEIGHT = 0.2
# The words the vocabulary counts (search.suggest): letters only, four or more.
_WORD = re.compile(r"[^\W\d_]{4,}")


def related_models():
    """The page types that show "Lees ook" and are shown in it."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, RelatedPagesMixin) and not model._meta.abstract
    ]


def related_context(page, request):
    """For ``core.hooks.PAGE_CONTEXT_HOOK``: ``related_pages`` on the page types that show them.

    Lazy: a page that does not reach the section in its template computes nothing.
    """
    if not isinstance(page, RelatedPagesMixin) or page.pk is None:
        return None
    return {"related_pages": SimpleLazyObject(lambda: related_pages(page, request))}


def related_pages(page, request=None):
    """Up to ``SHOWN`` cards (dicts: ``title``, ``url``, ``kind``, ``meta``, ``introduction``) of
    the visible pages most like ``page``, best first; ``[]`` when none shares a theme or a word."""
    model = page.specific_class
    return cached(f"related-pages:{page.pk}", lambda: _find(model, page.pk, request))


def _find(model, page_id, request):
    """The cards for page ``page_id`` of type ``model``, computed (see the module's docstring)."""
    rows = list(
        model.objects.filter(pk=page_id).values_list(
            "title", "locale_id", "locale__language_code", "themes__translation_key"
        )
    )
    if not rows:
        return []
    title, locale_id, language, _theme = rows[0]
    themes = {theme for *_page, theme in rows if theme is not None}
    models = related_models()
    # The backend reads the query in the active language (on PostgreSQL: this page's stemmer), and
    # the cards' kinds and dates are written in it.
    with translation.override(language):
        candidates = visible(Page.objects.type(*models).filter(locale_id=locale_id)).exclude(pk=page_id)
        found = _text_matches(candidates, _query_words(page_id, title, locale_id))
        _add_theme_matches(found, themes, page_id, locale_id, models)
        best = sorted(found.items(), key=_best_first)[:SHOWN]
        return _cards([(pk, content_type) for pk, (_score, _published, content_type) in best], request)


def _best_first(entry):
    pk, (score, published, _content_type) = entry
    return (-score, -published.timestamp() if published else 0.0, -pk)


def _pages_in(locale_id):
    """How many visible pages the vocabulary of ``locale_id`` counts words on."""
    return cached(
        f"related-page-count:{locale_id}",
        lambda: visible(Page.objects.filter(locale_id=locale_id, depth__gt=1)).count(),
    )


def _words_in(texts):
    return [word.lower() for text in texts if text for word in _WORD.findall(text)]


def _query_words(page_id, title, locale_id):
    """``{word: weight}`` for the ``QUERY_WORDS`` words that tell most about the page: frequent in
    it, rare elsewhere (``(1 + log tf) x log(pages / pages with the word)``)."""
    counts = Counter(_words_in(indexed_texts(Page.objects.filter(pk=page_id))))
    for word in _words_in([title]):
        counts[word] += TITLE_WEIGHT
    known, pages = vocabulary(locale_id), _pages_in(locale_id)
    weighed = []
    for word, count in counts.items():
        # On this page alone it finds nothing; on most pages it finds everything.
        on_pages = known.get(word, 0)
        if 2 <= on_pages <= pages * MAX_SHARE:
            weighed.append(((1 + math.log(count)) * math.log(pages / on_pages), word))
    weighed.sort(key=lambda entry: (-entry[0], entry[1]))
    chosen, budget = {}, MATCH_BUDGET
    for weight, word in weighed:
        if known[word] <= budget:
            chosen[word] = weight
            budget -= known[word]
            if len(chosen) == QUERY_WORDS:
                break
    return chosen


def _text_matches(candidates, words):
    """``{pk: [score, first published, content type]}`` of the best text matches, score in [0, 1]:
    mostly the share of the ``words``' weight a page holds, a little its relevance to the backend
    as a share of the best match's (FTS5's bm25 and ``ts_rank`` differ in scale and sign)."""
    if not words:
        return {}
    results = candidates.search(Or([PlainText(word) for word in words])).annotate_score("_score")
    hits = [(hit.pk, hit._score, hit.first_published_at, hit.content_type_id) for hit in results[:TEXT_POOL]]
    if not hits:
        return {}
    top = hits[0][1]  # the best match comes first on either database
    texts = Page.objects.filter(pk__in=[pk for pk, *_rest in hits]).values_list(
        "pk", *INDEXED_TEXT_FIELDS[connection.vendor]
    )
    held = {pk: set(_words_in(page_texts)) & words.keys() for pk, *page_texts in texts}
    total = sum(words.values())
    found = {}
    for pk, score, published, content_type in hits:
        share = sum(words[word] for word in held.get(pk, ())) / total
        relevance = max(0.0, score / top) if top else 1.0
        found[pk] = [(1 - RELEVANCE_WEIGHT) * share + RELEVANCE_WEIGHT * relevance, published, content_type]
    return found


def _add_theme_matches(found, themes, page_id, locale_id, models):
    """Add ``THEME_WEIGHT`` x the share of ``themes`` (translation keys) each candidate has."""
    if not themes:
        return
    # One query: per page type the pages with any of the themes, and how many of them.
    shares = [
        visible(model.objects.filter(locale_id=locale_id, themes__translation_key__in=themes))
        .exclude(pk=page_id)
        .values_list("pk", "first_published_at", "content_type_id")
        .annotate(shared=Count("themes"))
        .order_by()
        for model in models
    ]
    for pk, published, content_type, shared in shares[0].union(*shares[1:], all=True):
        entry = found.setdefault(pk, [0.0, published, content_type])
        entry[0] += THEME_WEIGHT * shared / len(themes)


def _cards(chosen, request):
    """What the template shows of the ``chosen`` ``(pk, content type)``, in that order: one query
    per page type among them, with what each type's ``card_meta()`` reads."""
    by_type = {}
    for pk, content_type in chosen:
        by_type.setdefault(content_type, []).append(pk)
    pages = {}
    for content_type, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type).model_class()
        pages.update(
            model.objects.filter(pk__in=ids)
            .defer_streamfields()
            .select_related(*getattr(model, "theme_section_select_related", ()))
            .in_bulk()
        )
    return [
        {
            "title": page.title,
            "url": page.get_url(request),
            "kind": str(page.get_verbose_name()),
            "meta": str(page.card_meta()),
            "introduction": page.introduction,
        }
        for page in (pages.get(pk) for pk, _content_type in chosen)
        if page is not None
    ]
