"""An admin session ends after a working day without activity (``SESSION_COOKIE_AGE``, 9 hours).

Django counts a session's age from its last save. Saving it on every request
(``SESSION_SAVE_EVERY_REQUEST``) would write the session row for every image and script an
editor's browser loads; instead a signed-in request renews the session when its last renewal is
more than ``RENEW_AFTER`` ago. An editor at work never sees the login page; one who left at five
meets it the next morning.
"""

import time

RENEW_AFTER = 5 * 60
KEY = "accounts_renewed_at"


class SlidingSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(KEY, 0) > RENEW_AFTER:
                request.session[KEY] = now  # a change: the session is saved with a fresh expiry
        return self.get_response(request)
