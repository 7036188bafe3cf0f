"""PostgreSQL full-text search that stems every page in its own language.

Why not one backend per language: modelsearch's database backends all write into the one
``IndexEntry`` table, keyed on (content type, object id), so a second backend overwrites the first
one's row (wagtail#9253, modelsearch#61) and the last backend to index a page decides its stemming.

So there is one backend and one row per page, but the row's ``tsvector`` is built with the text
search configuration of the page's own language (``dutch`` for ``nl``, ``english`` for ``en``), and
a query is parsed with the configuration of the reader's language. The search view only searches
pages of the reader's locale, so a Dutch query (Dutch stems) always meets Dutch vectors (Dutch
stems): ``dorpshuizen`` and ``dorpshuis`` both become ``dorpshuis``. Objects without a language
(images, documents, municipalities) get ``SEARCH_CONFIG``.

Dutch plurals the stemmer leaves apart (huis/huizen) are joined on the query side
(``search.query.variants``); a ``search.query.Prefix`` becomes a prefix lexeme, for compounds.
"""

import re
import threading
from collections import OrderedDict
from copy import copy

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact, SearchVectorField
from django.db import connection
from django.db.models import BooleanField, Case, ExpressionWrapper, F, Q, When
from django.db.models.expressions import CombinedExpression
from django.utils.translation import get_language
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import And, Or, Phrase, PlainText
from wagtail.models import Locale

from ..query import Prefix
from . import StableTitleNorms, config_for_language


class LanguageIndex(StableTitleNorms, PostgresIndex):
    def add_items(self, model, objs):
        """Index ``objs`` in groups of one language, each through a backend with that configuration."""
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        groups = {}
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None))
            groups.setdefault(config_for_language(language, self.backend.config), []).append(obj)
        for config, group in groups.items():
            # ObjectIndexer reads ``backend.config``: give it a copy that says this group's language.
            backend = copy(self.backend)
            backend.config = config
            index = copy(self)
            index.backend = backend
            PostgresIndex.add_items(index, model, group)


class LanguageQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        """Parse the query with the reader's language, as the pages of their locale were indexed."""
        return config_for_language(get_language(), backend.config)

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, Prefix):
            # Lexeme quotes the word; the configuration stems it before the prefix match.
            lexeme = Lexeme(query.query_string, invert=invert, prefix=True)
            return SearchQuery(lexeme, search_type="raw", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def build_tsrank(self, vector, query, config=None, boost=1.0):
        """One ``ts_rank`` for a word's spellings, not one per spelling.

        ``search.query.backend_query`` makes each word an ``Or`` of its spellings and its prefix;
        modelsearch would rank every spelling on its own and average them: four ``ts_rank`` calls
        per word and row, which at 10,000 items was most of a common word's query. Ranked as one
        ``a | b`` query, a row scores for whichever spelling it holds.
        """
        if isinstance(query, Or) and all(isinstance(sub, PlainText) for sub in query.subqueries):
            rank = SearchRank(vector, self.build_tsquery(query, config=config), weights=self.sql_weights)
            return rank * boost if boost != 1.0 else rank
        return super().build_tsrank(vector, query, config=config, boost=boost)


# How modelsearch cuts a ``PlainText`` into lexemes (``build_tsquery_content``).
_TERM_SPLIT = re.compile(r"[\s\-]+")
# Stand-ins for the words while a query shape is compiled: private-use characters, never typed
# (``search.query`` keeps only letters and digits), with no space, hyphen, quote or backslash,
# so modelsearch passes each one through as one lexeme, unchanged.
_STAND_IN = "\ue010{}\ue011"
_STAND_INS = re.compile("\ue010\\d+\ue011")
# ``ranked_ids``' SQL per query shape, for this process (modelsearch makes a backend per search).
# The least recently used shape goes first; the lock keeps two threads from evicting at once.
RANKED_SHAPES = 512
_RANKED_SQL = OrderedDict()
_RANKED_SQL_LOCK = threading.Lock()


class _Shape:
    """A search query with its words taken out: what its SQL depends on besides the words.

    ``key`` is the query's structure (``And``/``Or`` nesting, each leaf's class and number of
    terms), ``query`` the same query with a stand-in per term, and ``words`` the stand-in → the
    parameter text of the real term (quoted as modelsearch's ``Lexeme`` quotes it, or as typed in a
    phrase). ``key`` is None for a query this does not know (``Not``, ``Boost``, …): no shortcut.
    """

    def __init__(self):
        self.words = {}

    def take(self, query):
        """``(key, query with stand-ins)`` of ``query``; ``(None, None)`` when it can't."""
        if isinstance(query, (And, Or)):
            parts = [self.take(sub) for sub in query.subqueries]
            if any(key is None for key, _ in parts):
                return None, None
            return (type(query).__name__, tuple(key for key, _ in parts)), type(query)(
                [stand_in for _, stand_in in parts]
            )
        if type(query) in (PlainText, Prefix) and isinstance(query.query_string, str):
            # A Prefix is one lexeme, whatever it holds; a PlainText one per term.
            terms = (
                [query.query_string] if isinstance(query, Prefix) else _TERM_SPLIT.split(query.query_string)
            )
            terms = [term for term in terms if term]
            if not terms:
                return None, None
            stand_ins = [self._stand_in(term.replace("'", "''").replace("\\", "\\\\")) for term in terms]
            copy_ = copy(query)
            copy_.query_string = " ".join(stand_ins)
            return (type(query).__name__, query.operator, query.boost, len(terms)), copy_
        if type(query) is Phrase and isinstance(query.query_string, str):
            words = query.query_string.split()
            if not words or " ".join(words) != query.query_string:
                return None, None
            copy_ = copy(query)
            copy_.query_string = " ".join(self._stand_in(word) for word in words)
            return ("Phrase", len(words)), copy_
        return None, None

    def _stand_in(self, text):
        stand_in = _STAND_IN.format(len(self.words))
        self.words[stand_in] = text
        return stand_in


class LanguageSearchBackend(PostgresSearchBackend):
    query_compiler_class = LanguageQueryCompiler
    index_class = LanguageIndex

    def ranked_ids(self, pages, query, phrase, *, then, limit, literal=None):
        """``_ranked_queryset``'s ids, its SQL compiled once per query shape.

        Building and compiling that queryset (some 5 KB of SQL, an expression per spelling, field
        and tier) took a third of a search's time in Python. Two queries with the same structure
        (``_Shape``: the same number of words, spellings, synonyms and phrases) in the same
        language, over the same ``pages``, differ only in the words, which are parameters: the
        SQL is compiled once with stand-ins and each search fills in its words. A query of an
        unknown shape takes the ORM's way; the tests compare the two. The compiled parameters
        hold the page types' content type ids too, read once per process, as Django's
        ``ContentType`` cache reads them.
        """
        shape = _Shape()
        parts = [shape.take(part) if part is not None else (None, None) for part in (query, phrase, literal)]
        known = all(
            key is not None
            for (key, _), part in zip(parts, (query, phrase, literal), strict=True)
            if part is not None
        )
        if not known:
            return self._ranked_rows(
                self._ranked_queryset(pages, query, phrase, then=then, literal=literal), limit, literal
            )
        pages_sql = pages.query.sql_with_params()
        config = config_for_language(get_language(), self.config)  # as LanguageQueryCompiler's
        key = (pages_sql[0], pages_sql[1], config, limit, repr(then), *(key for key, _ in parts))
        with _RANKED_SQL_LOCK:
            compiled = _RANKED_SQL.get(key)
            if compiled is not None:
                _RANKED_SQL.move_to_end(key)
        if compiled is None:
            stand_ins = [stand_in for _, stand_in in parts]
            queryset = self._ranked_queryset(
                pages, stand_ins[0], stand_ins[1], then=then, literal=stand_ins[2]
            )
            queryset = self._id_columns(queryset, literal)[:limit]
            sql, params = queryset.query.sql_with_params()
            if _STAND_INS.search(sql):  # a word in the SQL itself, not a parameter: no shortcut
                return self._ranked_rows(
                    self._ranked_queryset(pages, query, phrase, then=then, literal=literal), limit, literal
                )
            compiled = (sql, tuple(params))
            with _RANKED_SQL_LOCK:
                _RANKED_SQL[key] = compiled
                if len(_RANKED_SQL) > RANKED_SHAPES:
                    _RANKED_SQL.popitem(last=False)
        sql, params = compiled
        words = shape.words
        params = [
            _STAND_INS.sub(lambda found: words[found.group()], param)
            if isinstance(param, str) and "\ue010" in param
            else param
            for param in params
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if literal is not None:
            return [(pk, is_literal) for pk, is_literal in rows]
        return [pk for (pk,) in rows]

    @staticmethod
    def _id_columns(queryset, literal):
        return queryset.values_list("pk", "literal") if literal is not None else queryset.values_list("pk")

    def _ranked_rows(self, queryset, limit, literal):
        """The ORM's way: the same rows as ``ranked_ids``, for a query without a known shape."""
        rows = list(self._id_columns(queryset, literal)[:limit])
        if literal is not None:
            return rows
        return [pk for (pk,) in rows]

    def _ranked_queryset(self, pages, query, phrase, *, then, literal=None):
        """The ids of the ``pages`` matching ``query``, in ``search.ranking``'s order: every word in
        the title first, then the words as the ``phrase`` (in the title or the body; ``None``: one
        word), then the score, then the ORM orderings ``then``. One query, ids only.

        With a ``literal`` query (``query`` then also holds synonyms and compounds, see
        ``search.expansion``), the pages it matches come before all others, and each id comes
        with whether it did: ``[(pk, literal), …]``.

        The two tiers are read from the stored vectors of the rows the query matched anyway: asked
        afterwards, in queries of their own, they cost two round trips of up to 13 ms each at
        10,000 items. Sorting here, not in Python: a common word matches 8,000 pages there, and
        reading a score, a date and four more columns of each took longer than the search.
        """
        compiler = self.query_compiler_class(pages, query)
        compiler.check()
        config = compiler.get_config(self)
        matches = compiler.search(config, None, None, score_field="_score", backend=self)
        title, body = F("index_entries__title"), F("index_entries__body")
        in_title = SearchVectorExact(title, compiler.build_tsquery(query, config=config))
        tiers = {}
        if literal is not None:
            # Title and body as one vector: the words may be spread over both, as in the search.
            literal_query = compiler.build_tsquery(literal, config=config)
            # The title or the body alone first: PostgreSQL stops at the first true one, and joining
            # the two vectors of every matched row is what made this tier cost.
            whole = CombinedExpression(title, "||", body, output_field=SearchVectorField())
            in_one = Q(SearchVectorExact(title, literal_query)) | Q(SearchVectorExact(body, literal_query))
            is_literal = ExpressionWrapper(
                in_one | Q(SearchVectorExact(whole, literal_query)), output_field=BooleanField()
            )
            tiers["literal"] = is_literal
            # Among the pages the words as typed match, a title counts only with those words. Their
            # score stays the expanded query's: ranking each row a second time with the literal
            # query cost a quarter of a common word's search at 10,000 items, and the judged set
            # gives the same results either way (SQLite, with no weights, re-scores them).
            literal_in_title = SearchVectorExact(title, literal_query)
            in_title = Case(
                When(is_literal, then=literal_in_title), default=in_title, output_field=BooleanField()
            )
        tiers["in_title"] = ExpressionWrapper(in_title, output_field=BooleanField())
        if phrase is not None:
            phrase_query = compiler.build_tsquery(phrase, config=config)
            as_phrase = Q(SearchVectorExact(title, phrase_query)) | Q(SearchVectorExact(body, phrase_query))
            tiers["as_phrase"] = ExpressionWrapper(as_phrase, output_field=BooleanField())
        order = [*(F(tier).desc() for tier in tiers), F("_score").desc(), *then]
        return matches.annotate(**tiers).order_by(*order)
