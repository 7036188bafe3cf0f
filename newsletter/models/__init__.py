"""The kwartaalupdate's models: subscribers, issues (pages) and their delivery."""

from .delivery import Delivery, EditorTestAddresses, IssueSend
from .issues import NewsletterIndexPage, NewsletterIssuePage, SectionKind, quarter_bounds
from .subscribers import Subscriber, SuppressedAddress, address_hash, normalise_email

__all__ = [
    "Delivery",
    "EditorTestAddresses",
    "IssueSend",
    "NewsletterIndexPage",
    "NewsletterIssuePage",
    "SectionKind",
    "Subscriber",
    "SuppressedAddress",
    "address_hash",
    "normalise_email",
    "quarter_bounds",
]
