"""django-axes' backend for the test suite: a login without a request is let through uncounted.

Wagtail's ``WagtailTestUtils.login()`` and ``Client.login()`` call ``authenticate()`` without a
request, which the real backend refuses. Every login view passes its request, so the throttling
tests (``tests/accounts/``) still go through axes exactly as production does.
"""

from axes.backends import AxesStandaloneBackend


class AxesBackendForTests(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
