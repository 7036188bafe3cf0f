"""Names of the Wagtail hooks through which capability apps join pages they don't own.

``PAGE_CONTEXT_HOOK``: ``fn(page, request) -> dict | None``, called by ``BasePage.get_context``
for every page; the dict is added to the template context. Register with
``@hooks.register(PAGE_CONTEXT_HOOK)`` in the app's ``wagtail_hooks.py`` and return ``None`` for
pages that are not yours.

``MEETING_PLACES_HOOK``: ``fn() -> {translation key: Places}``, the places of every coming
meeting that has a limit (``knowledge.models.meetings.Places``), from the app that takes
registrations; read by ``MeetingPage.places``, once per content version.
"""

PAGE_CONTEXT_HOOK = "leefbaarheid_page_context"
MEETING_PLACES_HOOK = "leefbaarheid_meeting_places"
