"""The programme's content model, one module per part of it: themes, the knowledge base's items,
pilots, learning-network meetings, news and subsidy schemes, and the organisations and
municipalities they name (snippets). The README's "Project layout" and docs/architecture.md say
how they fit together."""

from .items import KnowledgeIndexPage, KnowledgeItemPage
from .meetings import MeetingIndexPage, MeetingPage
from .news import NewsIndexPage, NewsPage
from .organisations import Municipality, Organisation
from .pilots import PilotIndexPage, PilotPage
from .subsidies import SubsidyIndexPage, SubsidyPage
from .themes import ThemeIndexPage, ThemePage

__all__ = [
    "KnowledgeIndexPage",
    "KnowledgeItemPage",
    "MeetingIndexPage",
    "MeetingPage",
    "Municipality",
    "NewsIndexPage",
    "NewsPage",
    "Organisation",
    "PilotIndexPage",
    "PilotPage",
    "SubsidyIndexPage",
    "SubsidyPage",
    "ThemeIndexPage",
    "ThemePage",
]
