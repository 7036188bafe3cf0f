"""Shared by the search tests: which database runs them, and the pages they find."""

from django.db import connection

from tests.factories.home import StandardPageFactory

# Stemming and field weights come from PostgreSQL; tests say what each database gives.
ON_POSTGRES = connection.vendor == "postgresql"


def standard_page(parent, title, body="", introduction="", **kwargs):
    return StandardPageFactory(
        parent=parent,
        title=title,
        introduction=introduction,
        body__0__paragraph__value=f"<p>{body}</p>",
        **kwargs,
    )


def result_titles(client, url, query, **params):
    """The titles of the results, in order, from the JSON answer."""
    response = client.get(url, {"q": query, **params}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return [result["title"] for result in response.json()["results"]]
