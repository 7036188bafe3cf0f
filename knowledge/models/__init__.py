"""The programme's content model, one module per pillar (see DESIGN.md)."""

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
