"""Names of the Wagtail hooks through which capability apps join pages they don't own.

``PAGE_CONTEXT_HOOK``: ``fn(page, request) -> dict | None``, called by ``BasePage.get_context``
for every page; the dict is added to the template context. Register with
``@hooks.register(PAGE_CONTEXT_HOOK)`` in the app's ``wagtail_hooks.py`` and return ``None`` for
pages that are not yours.

``MEETING_PLACES_HOOK``: ``fn() -> {translation key: Places}``, the places of every coming
meeting that has a limit (``knowledge.models.meetings.Places``), from the app that takes
registrations; read by ``MeetingPage.places``, once per content version.

``KEYWORD_SEARCH_HOOK``: ``fn(queryset, text, language) -> (query, queryset, ranked ids)``, the site
search run within a listing's pages (the kennisbank's keyword box): the query as the search reads
it, ``queryset`` narrowed to the matches and their ids best first. Registered by ``search``, so a
listing searches with the one search backend without importing the app above it.
"""

PAGE_CONTEXT_HOOK = "leefbaarheid_page_context"
MEETING_PLACES_HOOK = "leefbaarheid_meeting_places"
KEYWORD_SEARCH_HOOK = "leefbaarheid_keyword_search"
