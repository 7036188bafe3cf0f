"""Fixtures for the pytest-style newsletter tests: a site, and an issue with one themed item."""

import pytest

from tests.factories.knowledge import KnowledgeItemPageFactory, build_site
from tests.factories.newsletter import NewsletterIssuePageFactory


@pytest.fixture
def tree():
    return build_site()


@pytest.fixture
def issue(tree):
    """An issue with one knowledge item, "Methode Samen Eten", in the theme *Eenzaamheid*."""
    item = KnowledgeItemPageFactory(parent=tree.knowledge_index, title="Methode Samen Eten")
    item.themes.set([tree.themes["eenzaamheid"]])
    item.save()  # a ParentalManyToManyField is written on save
    return NewsletterIssuePageFactory(
        parent=tree.newsletter_index,
        title="Kwartaalupdate herfst",
        sections=[
            {
                "type": "section",
                "value": {
                    "kind": "knowledge",
                    "note": "",
                    "items": [{"type": "item", "id": "a1", "value": {"page": item.pk, "note": ""}}],
                },
            }
        ],
    )
