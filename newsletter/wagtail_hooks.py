"""The kwartaalupdate in the Wagtail admin: subscribers, issues, sends (one module each)."""

from wagtail import hooks

from .admin import issues, preview, sends, subscribers  # noqa: F401  (each registers its own hooks)

# Previewing an issue as a subscriber (newsletter/admin/preview.py).
hooks.register("register_admin_urls", preview.urls)
hooks.register("register_page_header_buttons", preview.header_buttons)
