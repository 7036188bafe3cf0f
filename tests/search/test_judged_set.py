"""The judged test set (``judged_set.py``) through the real search page: the share of queries right.

The bar is a share, not a test per query: ranking is tuned for the whole set, and one query more
or less right is a figure to report, not a failure to chase. PostgreSQL, the production database,
must get at least 90 % right. SQLite's FTS5 has no Dutch stemmer (``eenzame`` does not find
``eenzaamheid``, ``woning`` not ``woningen``), so its bar is lower: the figure it measures, stated
here. ``pytest -s`` prints both the figure and the queries that went wrong; with ``JUDGED_SET_VERBOSE=1``
it prints what every query found.

A typo query counts as right when its results are, or when the "Bedoelde u …" suggestion, followed,
gives results that are: that is what a visitor sees after one click.
"""

import os

from django.test import TestCase

from tests.factories.knowledge import (
    KnowledgeItemPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    PilotPageFactory,
    ThemePageFactory,
    build_site,
    municipality,
)
from tests.search import judged_set
from tests.search.helpers import ON_POSTGRES

# Measured: PostgreSQL 64 of 64, SQLite 63 of 64 (its miss: "eenzame ouderen", no Dutch stemmer).
# Before synonyms, compounds and corrected answers (46 queries): PostgreSQL 46, SQLite 43.
BAR = 0.95 if ON_POSTGRES else 0.90


def build_judged_set():
    site = build_site(theme_slugs=())
    themes = {
        slug: ThemePageFactory(parent=site.theme_index, slug=slug, title=title, introduction=introduction)
        for slug, (title, introduction) in judged_set.THEMES.items()
    }
    organisations = {
        slug: OrganisationFactory(slug=slug, name=name) for slug, name in judged_set.ORGANISATIONS.items()
    }
    for item in judged_set.ITEMS:
        KnowledgeItemPageFactory(
            parent=site.knowledge_index,
            slug=item.slug,
            title=item.title,
            kind=item.kind,
            themes=[themes[slug] for slug in item.themes],
            year=item.year,
            evidence_level=item.evidence,
            introduction=item.introduction,
            goal="",
            target_group="",
            body__0__paragraph__value=f"<p>{item.body}</p>",
            organisation=organisations.get(item.organisation),
        )
    for news in judged_set.NEWS:
        NewsPageFactory(
            parent=site.news_index,
            slug=news.slug,
            title=news.title,
            introduction=news.introduction,
            body__0__paragraph__value=f"<p>{news.body}</p>",
            themes=[themes[slug] for slug in news.themes],
            organisation=organisations.get(news.organisation),
        )
    for pilot in judged_set.PILOTS:
        PilotPageFactory(
            parent=site.pilot_index,
            slug=pilot.slug,
            title=pilot.title,
            municipality=municipality(pilot.municipality),
            place=pilot.place,
            aim=pilot.aim,
            introduction=pilot.introduction,
            themes=[themes[slug] for slug in pilot.themes],
            organisation=organisations.get(pilot.organisation),
        )


def slug_of(result):
    return result["url"].rstrip("/").rsplit("/", 1)[-1]


def is_right(judgement, slugs):
    expected = list(judgement.expected)
    if judgement.how == judged_set.FIRST:
        return slugs[: len(expected)] == expected
    if judgement.how == judged_set.FOUND:
        return set(expected) <= set(slugs)
    return set(expected) <= set(slugs[:5])


class JudgedSetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_judged_set()

    def search(self, query, facets, pages=1):
        """The results' slugs of the first ``pages`` pages, and the "Bedoelde u" suggestion."""
        slugs = []
        for number in range(1, pages + 1):
            params = {"q": query, **facets, **({"page": number} if number > 1 else {})}
            response = self.client.get("/zoeken/", params, HTTP_ACCEPT="application/json")
            self.assertEqual(response.status_code, 200, query)
            data = response.json()
            slugs += [slug_of(result) for result in data["results"]]
            if len(slugs) >= data["total"]:
                break
        return slugs, data["suggestion"]

    def judge(self, judgement):
        """Whether ``judgement`` holds, and what the page gave (for the failure message)."""
        pages = 5 if judgement.how == judged_set.FOUND else 1
        slugs, suggested = self.search(judgement.query, judgement.facets, pages)
        if is_right(judgement, slugs):
            return True, slugs
        if judgement.covers == "typo" and suggested:
            followed, _ = self.search(suggested, judgement.facets)
            return is_right(judgement, followed), f"{slugs}, suggestion {suggested!r} gives {followed}"
        return False, f"{slugs}, suggestion {suggested!r}"

    def test_the_set_is_large_and_varied_enough(self):
        slugs = [item.slug for item in judged_set.ITEMS]
        every_slug = set(slugs) | {page.slug for page in judged_set.NEWS + judged_set.PILOTS}
        every_slug |= set(judged_set.THEMES)

        self.assertGreaterEqual(len(slugs), 60)
        self.assertEqual(len(slugs), len(set(slugs)))
        self.assertGreaterEqual(len(judged_set.JUDGEMENTS), 25)
        self.assertEqual(
            {judgement.covers for judgement in judged_set.JUDGEMENTS},
            {
                "title",
                "inflection",
                "compound",
                "plural",
                "typo",
                "phrase",
                "body",
                "facet",
                "synonym",
                "theme",
            },
        )
        # A judgement naming a page that does not exist could never be right.
        for judgement in judged_set.JUDGEMENTS:
            self.assertLessEqual(set(judgement.expected), every_slug, judgement.query)

    def test_the_share_of_judged_queries_right_meets_the_bar(self):
        wrong = []
        for judgement in judged_set.JUDGEMENTS:
            right, found = self.judge(judgement)
            if os.environ.get("JUDGED_SET_VERBOSE"):
                print(
                    f"{'ok   ' if right else 'WRONG'} {judgement.query!r} {judgement.facets or ''}: {found}"
                )
            if not right:
                wrong.append(
                    f"{judgement.query!r} {judgement.facets or ''} ({judgement.covers}): "
                    f"wanted {judgement.how} {list(judgement.expected)}, got {found}"
                )
        total = len(judged_set.JUDGEMENTS)
        share = (total - len(wrong)) / total
        database = "PostgreSQL" if ON_POSTGRES else "SQLite"
        print(f"\nJudged set on {database}: {total - len(wrong)}/{total} right ({share:.0%})")
        for line in wrong:
            print(f"  wrong: {line}")

        self.assertGreaterEqual(share, BAR, "\n".join(wrong))

    # What the set showed missing, each pinned on its own: one of them breaking alone would leave
    # the share above the bar.

    def test_a_typo_in_a_word_only_a_body_has_is_corrected(self):
        # Answered with the correction at once, saying so; the way back gives the typed words.
        data = self.client.get("/zoeken/", {"q": "laaggeletterdhied"}, HTTP_ACCEPT="application/json").json()
        self.assertEqual((data["query"], data["corrected_from"]), ("laaggeletterdheid", "laaggeletterdhied"))
        self.assertIn("taalhuis", [slug_of(result) for result in data["results"]])
        self.assertEqual(self.search("laaggeletterdhied", {"letterlijk": "1"}), ([], "laaggeletterdheid"))

    def test_a_plural_with_a_doubled_consonant_finds_the_singular(self):
        # "mobiliteit-platteland" says "buurtbus" only.
        self.assertIn("mobiliteit-platteland", self.search("buurtbussen", {})[0])

    def test_a_plural_with_an_apostrophe_finds_the_singular(self):
        self.assertEqual(self.search("deelauto's", {})[0][0], "deelauto")

    def test_a_word_finds_the_compounds_it_begins(self):
        # "energie" stands alone nowhere: energiearmoede, energiecoaches, energierekening.
        found, _ = self.search("energie", {})
        self.assertLessEqual({"energiecoaches", "dorpshuizen-verduurzamen"}, set(found))
        # "mantelzorgwaardering" has no "mantelzorg" on its own; "respijtzorg" has.
        found, _ = self.search("mantelzorg", {})
        self.assertIn("mantelzorgwaardering", found)
        self.assertIn("respijtzorg", found)

    def test_the_words_as_typed_rank_above_their_synonyms(self):
        found, _ = self.search("buurthuis", {}, pages=5)
        saying_it = [slug for slug in found if slug in SAYS["buurthuis"]]
        self.assertIn("kosten-wijkcentrum", found)  # through "wijkcentrum"
        self.assertEqual(found[: len(saying_it)], saying_it)
        self.assertGreater(found.index("kosten-wijkcentrum"), len(saying_it) - 1)

    def test_a_theme_match_ranks_below_the_pages_that_say_the_word(self):
        found, _ = self.search("eenzaamheid", {}, pages=5)
        self.assertIn("buurttafel", found)
        self.assertTrue(set(found[: found.index("buurttafel")]) >= SAYS["eenzaamheid"] - {"buurttafel"})

    def test_the_answer_says_what_it_also_searched_for(self):
        data = self.client.get("/zoeken/", {"q": "dorpsbelangen"}, HTTP_ACCEPT="application/json").json()
        self.assertEqual(data["corrected_from"], None)
        self.assertIn("dorpsraad", data["also_searched"])
        page = self.client.get("/zoeken/", {"q": "dorpsbelangen"}).content.decode()
        self.assertIn("Ook gezocht op:", page)
        self.assertIn("dorpsraad", page)

    def test_a_corrected_answer_links_back_to_the_words_as_typed(self):
        page = self.client.get("/zoeken/", {"q": "ontmoetingplek"}).content.decode()
        self.assertIn("Resultaten voor <strong>ontmoetingsplek</strong>.", page)
        self.assertIn('href="/zoeken/?q=ontmoetingplek&amp;letterlijk=1">ontmoetingplek</a>', page)
        literal = self.client.get("/zoeken/", {"q": "ontmoetingplek", "letterlijk": "1"}).content.decode()
        self.assertIn("0 resultaten", literal)
        self.assertIn("Bedoelde u:", literal)


def _pages_saying(word):
    """The slugs of the set's pages whose own text has ``word`` (any case), as a reader checks."""
    pages = [*judged_set.ITEMS, *judged_set.NEWS]
    return {
        page.slug
        for page in pages
        if word in " ".join((page.title, page.introduction, getattr(page, "body", ""))).lower()
    }


SAYS = {word: _pages_saying(word) for word in ("buurthuis", "eenzaamheid")}
