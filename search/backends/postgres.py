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

from copy import copy

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact, SearchVectorField
from django.db.models import BooleanField, Case, ExpressionWrapper, F, Q, When
from django.db.models.expressions import CombinedExpression
from django.utils.translation import get_language
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import Or, PlainText
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


class LanguageSearchBackend(PostgresSearchBackend):
    query_compiler_class = LanguageQueryCompiler
    index_class = LanguageIndex

    def ranked_ids(self, pages, query, phrase, *, then, limit, literal=None):
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
        ordered = matches.annotate(**tiers).order_by(*order)
        if literal is not None:
            return list(ordered.values_list("pk", "literal")[:limit])
        return list(ordered.values_list("pk", flat=True)[:limit])
