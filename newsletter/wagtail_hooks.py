"""The kwartaalupdate in the Wagtail admin: subscribers, issues, sends (one module each)."""

from .admin import issues, sends, subscribers  # noqa: F401  (each registers its own hooks)
