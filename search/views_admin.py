"""The editors' synonym list in the admin (*Instellingen › Synoniemen*), and the two forms the
search report opens in one step: a new synonym group, and a promotion, each with the query filled in.

**Synonyms.** A ``ModelViewSet`` for ``SynonymGroup``: a list with a language filter and a search,
and a form with the words, the language and a note. Only accounts with the model's permissions see
it (both editor roles, migration ``search/0007``); partners have none, so they get no menu item and
Wagtail's "no permission" answer. Saving or deleting a group starts a new content version
(``@bumps_content_version`` on the model), so the next search uses the list as it is now.

**Prefilled forms.** The report links to ``synonym_url(query, language)``: the add form with
``?woorden=<query>&taal=<nl|en>``, or, when the query already is a word of a group in that
language, that group's edit form (a second group with the same word would only confuse). And to
``promotion_url(query)``: Wagtail's own form for a promoted result, with the search term filled
in. Wagtail's add view reads nothing from the URL, so ``PromotionAddView`` is that view with
Django's ``get_initial`` answering ``?zoekopdracht=``; the form still posts to Wagtail's own add
view, which checks and saves it as always.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.search_promotions.views import CreateView as WagtailPromotionCreateView

from .models import MAX_LOGGED_QUERY_LENGTH, SynonymGroup, parse_terms
from .query import terms

# The add form's parameters, in Dutch like the site's other admin URLs.
WORDS_PARAM = "woorden"
LANGUAGE_PARAM = "taal"
QUERY_PARAM = "zoekopdracht"
VIEWSET_NAME = "search_synonyms"


def _clean_param(value):
    """A URL parameter as a form may show it: single-spaced and no longer than a logged query."""
    return " ".join(value.split())[:MAX_LOGGED_QUERY_LENGTH]


class SynonymCreateView(generic.CreateView):
    def get_initial(self):
        """``?woorden=buurtkamer&taal=nl`` fills the form in: the editor only adds the other words."""
        initial = super().get_initial()
        words = _clean_param(self.request.GET.get(WORDS_PARAM, ""))
        if words:
            # One word from the report ends in a comma, so the editor types the next one after it.
            initial["words"] = f"{words}, " if len(parse_terms(words)) == 1 else words
        language = self.request.GET.get(LANGUAGE_PARAM)
        if language in dict(settings.LANGUAGES):
            initial["language"] = language
        return initial


class SynonymGroupViewSet(ModelViewSet):
    model = SynonymGroup
    name = VIEWSET_NAME
    url_prefix = "zoeken/synoniemen"
    icon = "list-ul"
    menu_label = _("Synoniemen")
    # Beside Wagtail's "Aanbevolen zoekresultaten" (order 900): the other thing editors tune the
    # search with.
    add_to_settings_menu = True
    menu_order = 910
    add_view_class = SynonymCreateView
    copy_view_enabled = False
    form_fields = ["words", "language", "note"]
    list_display = [
        "words",
        Column("language", label=_("Taal"), accessor="get_language_display"),
        "note",
    ]
    list_filter = ["language"]
    search_fields = ["words", "note"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        # A group is a line or two of words: Django's ten-row textarea pushes the rest off screen.
        if db_field.name == "words":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
        return super().formfield_for_dbfield(db_field, **kwargs)


synonym_viewset = SynonymGroupViewSet()


class PromotionAddView(WagtailPromotionCreateView):
    """Wagtail's form for a promoted result, with ``?zoekopdracht=`` as its search term."""

    def get_initial(self):
        initial = super().get_initial()
        query = _clean_param(self.request.GET.get(QUERY_PARAM, ""))
        if query:
            initial["query_string"] = query
        return initial


def group_ids_by_term(language_groups):
    """``{(language, search words of a term): group id}`` for ``language_groups``' rows.

    ``language_groups`` are ``(pk, language, words)`` rows of ``SynonymGroup``. A term is read
    the way the search reads it (``search.query.terms``), so the logged query ``covid 19`` finds
    the group that says ``Covid-19``. A term in two groups points at the first.
    """
    found = {}
    for pk, language, words in language_groups:
        for text in parse_terms(words):
            found.setdefault((language, tuple(terms(text))), pk)
    return found


def synonym_url(query, language, group_ids=None, also=""):
    """Where the report's "Synoniem toevoegen" leads for ``query`` in ``language``.

    The edit form of the group that already holds the query (``group_ids`` from
    ``group_ids_by_term``), else the add form with the query and language filled in, followed
    by ``also`` when given: a corrected query's correction, so that a second spelling the
    search had to guess becomes a group in one click (``dorphuis, dorpshuis``).
    """
    pk = (group_ids or {}).get((language, tuple(query.split())))
    if pk is not None:
        return reverse(synonym_viewset.get_url_name("edit"), args=(pk,))
    words = f"{query}, {also}" if also and also != query else query
    params = urlencode({WORDS_PARAM: words, LANGUAGE_PARAM: language})
    return f"{reverse(synonym_viewset.get_url_name('add'))}?{params}"


def promotion_url(query):
    """Where the report's "Promotie toevoegen" leads: the promotion form with ``query`` filled in."""
    return f"{reverse('search_promotion_add')}?{urlencode({QUERY_PARAM: query})}"
