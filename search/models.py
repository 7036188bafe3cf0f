"""What visitors search for, one row per day, language and query: the search report's data.

Wagtail's ``Query``/``QueryDailyHits`` (search promotions) count hits but keep neither the
language nor whether anything was found, and nothing prunes them. This row has both, holds no
visitor data (no address, no session: only the words the search used, see ``search.log``) and is
deleted after ``SEARCH_LOG_RETENTION_DAYS`` (``manage.py purge_search_log``).

Two more tables serve the no-results page's "Vaak gezocht" list. ``SearchQueryVisitor`` lets the
list count *people* instead of searches, without knowing who they are; ``HiddenSearchQuery`` is
an editor's "not on the public page", per language.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.caching import bumps_content_version

# Longer queries are cut; ``search.query.MAX_QUERY_LENGTH`` is the same.
MAX_LOGGED_QUERY_LENGTH = 200


class Answer(models.TextChoices):
    """How a search found what it showed; empty: by the words as typed (or it found nothing)."""

    LITERAL = "", _("de woorden zelf")
    EXPANDED = "synoniem", _("via een synoniem of samenstelling")
    CORRECTED = "verbeterd", _("na verbetering van een tikfout")


class SearchQueryDay(models.Model):
    day = models.DateField(_("dag"))
    language = models.CharField(_("taal"), max_length=8)
    query = models.CharField(_("zoekopdracht"), max_length=MAX_LOGGED_QUERY_LENGTH)
    searches = models.PositiveIntegerField(_("keer gezocht"), default=0)
    # The count of the day's last search: content changes during a day, the latest count is news.
    results = models.PositiveIntegerField(_("resultaten"), default=0)
    # How the day's last search found its results (``search.views``): the words as typed, only
    # through a synonym or a compound, or only after correcting a typo (then ``answered_as`` is the
    # corrected query). The search report lists the last two kinds as an editor's to-do list.
    answer = models.CharField(_("antwoord"), max_length=16, choices=Answer.choices, blank=True, default="")
    answered_as = models.CharField(
        _("gezocht als"), max_length=MAX_LOGGED_QUERY_LENGTH, blank=True, default=""
    )

    class Meta:
        verbose_name = _("zoekopdracht per dag")
        verbose_name_plural = _("zoekopdrachten per dag")
        constraints = [
            models.UniqueConstraint(fields=["day", "language", "query"], name="search_query_day_unique")
        ]
        indexes = [models.Index(fields=["language", "day"], name="search_query_day_lang")]

    def __str__(self):
        return f"{self.day} {self.language} {self.query}"


class SearchQueryVisitor(models.Model):
    """One visitor whose search for a query found something, on one day: a keyed hash, no address.

    The hash (``search.log.visitor_key``) is an HMAC of the client's address together with the
    language and the query, keyed with the site's secret and the day. So the rows of one query on
    one day tell distinct visitors apart, and nothing more: the same visitor gives another hash for
    another query or on another day, so no row links a person's searches together, and without the
    secret key no row leads back to an address. The rows go with their day, like the day's counts
    (``search.retention``).
    """

    day = models.DateField(_("dag"))
    language = models.CharField(_("taal"), max_length=8)
    query = models.CharField(_("zoekopdracht"), max_length=MAX_LOGGED_QUERY_LENGTH)
    visitor = models.CharField(_("bezoeker (sleutel)"), max_length=64)

    class Meta:
        verbose_name = _("bezoeker van een zoekopdracht")
        verbose_name_plural = _("bezoekers van zoekopdrachten")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language", "query", "visitor"], name="search_query_visitor_unique"
            )
        ]
        # The unique constraint's index starts with the day (the purge); the popular list counts a
        # query's visitors over its language's recent days.
        indexes = [models.Index(fields=["language", "query", "day"], name="search_query_visitor_lang")]

    def __str__(self):
        return f"{self.day} {self.language} {self.query}"


class HiddenSearchQuery(models.Model):
    """A query editors took off the no-results page's "Vaak gezocht" list, for one language.

    The log keeps counting it and the search report still shows it; only the public list leaves it
    out, from the moment it is hidden until an editor shows it again (the row is deleted).
    """

    language = models.CharField(_("taal"), max_length=8)
    query = models.CharField(_("zoekopdracht"), max_length=MAX_LOGGED_QUERY_LENGTH)
    hidden_at = models.DateTimeField(_("verborgen op"), auto_now_add=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verborgen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("verborgen zoekopdracht")
        verbose_name_plural = _("verborgen zoekopdrachten")
        constraints = [
            models.UniqueConstraint(fields=["language", "query"], name="search_hidden_query_unique")
        ]

    def __str__(self):
        return f"{self.language} {self.query}"


@bumps_content_version
class SynonymGroup(models.Model):
    """Words that mean the same to a visitor, in one language: ``buurthuis, wijkcentrum, dorpshuis``.

    A search for one of them also finds pages with the others, ranked below pages with the word
    itself (``search.expansion``). Editors keep the list in the admin (*Instellingen › Synoniemen*); a
    word may be a phrase of several words (``informele zorg``). Migration ``search/0007`` seeds a
    default list for this field; ``search.synonyms`` reads it, cached under the content version.
    """

    language = models.CharField(_("taal"), max_length=8, choices=settings.LANGUAGES, default="nl")
    words = models.TextField(
        _("woorden"),
        help_text=_("Woorden of woordgroepen met dezelfde betekenis, gescheiden door komma's."),
    )
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("synoniemgroep")
        verbose_name_plural = _("synoniemgroepen")
        ordering = ["language", "words"]

    def __str__(self):
        return self.words

    def terms(self):
        """The group's words and phrases, lower case, each once, in the order written."""
        return parse_terms(self.words)

    def clean(self):
        if len(self.terms()) < 2:
            raise ValidationError({"words": _("Geef minstens twee woorden, gescheiden door een komma.")})


def parse_terms(text):
    """``"Buurthuis, wijkcentrum ,, dorpshuis"`` -> ``["buurthuis", "wijkcentrum", "dorpshuis"]``."""
    seen = []
    for part in (text or "").replace("\n", ",").replace(";", ",").split(","):
        term = " ".join(part.lower().split())
        if term and term not in seen:
            seen.append(term)
    return seen
