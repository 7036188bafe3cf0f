"""Whatever a visitor types, the search page answers 200 with results or none, never 500."""

import pytest
from django.test import Client

from search.query import MAX_QUERY_LENGTH, normalise, terms
from tests.factories.home import dutch_home
from tests.search.helpers import standard_page

HOSTILE_QUERIES = [
    '"',
    '""',
    '"dorpshuis',
    "dorpshuis\"'",
    "'",
    "dorpshuis AND",
    "OR",
    "NOT dorpshuis",
    "AND OR NOT",
    "-dorpshuis",
    "+dorpshuis",
    "dorps*",
    "*",
    "(dorpshuis",
    "dorpshuis)",
    "[]{}()",
    "title:dorpshuis",
    "NEAR(dorpshuis buurt)",
    "dorpshuis & buurt | !x",
    "dorpshuis <-> buurt",
    "dorps\x00huis",
    "\x00",
    "\x01\x02\x1b[31m\x7f",
    "dorpshuis\r\n\tbuurt",
    "🏠 dorpshuis 🎉",
    "🏠",
    "\\",
    "%",
    "_",
    "; DROP TABLE wagtailcore_page; --",
    "<script>alert(1)</script>",
    "dorpshuis " * 2000,
    "x" * 10_000,
    "ü" * 10_000,
    " ",
]


@pytest.fixture
def page(db):
    return standard_page(dutch_home(), "Het dorpshuis", body="Het dorpshuis is het hart van de buurt.")


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_a_hostile_query_answers_200(client: Client, page, query, accept):
    response = client.get("/zoeken/", {"q": query}, HTTP_ACCEPT=accept)

    assert response.status_code == 200


@pytest.mark.parametrize(
    "query", ['"dorpshuis"', "-dorpshuis*", "(dorpshuis)", "dorpshuis\x00", "🏠 dorpshuis"]
)
def test_the_words_of_a_hostile_query_still_find_the_page(client, page, query):
    response = client.get("/zoeken/", {"q": query}, HTTP_ACCEPT="application/json")

    assert [result["title"] for result in response.json()["results"]] == ["Het dorpshuis"]


@pytest.mark.parametrize("page_param", ["abc", "-1", "0", "1.5", "999999", "9" * 50, "\x00"])
def test_a_page_number_that_is_no_page_answers_not_found_never_500(client, page, page_param):
    # As on the listings: no endless URLs for crawlers (tests/core/test_cache_safety.py).
    response = client.get("/zoeken/", {"q": "dorpshuis", "page": page_param})

    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_repeated_q_parameters_answer_with_one_query(client, page):
    response = client.get("/zoeken/?q=zeppelin&q=dorpshuis", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert response.json()["query"] == "dorpshuis"
    assert response.json()["total"] == 1


def test_normalise_strips_control_characters_collapses_spaces_and_caps_the_length():
    assert normalise("  dorps\x00huis \t\r\n buurt\x7f ") == "dorps huis buurt"
    assert len(normalise("x" * 10_000)) == MAX_QUERY_LENGTH


def test_terms_are_words_only():
    assert terms('"Dorpshuis" AND (buurt) -oud* 🏠 NOT') == ["dorpshuis", "and", "buurt", "oud", "not"]


def test_the_page_shows_the_query_as_text_not_markup(client, page):
    response = client.get("/zoeken/", {"q": "<script>alert(1)</script>"})

    assert b"<script>alert(1)" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content
