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

from django.contrib.postgres.search import SearchQuery
from django.utils.translation import get_language
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.query import Lexeme
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


class LanguageSearchBackend(PostgresSearchBackend):
    query_compiler_class = LanguageQueryCompiler
    index_class = LanguageIndex
