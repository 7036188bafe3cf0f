"""The Content-Security-Policy: strict on the public site, as strict as Wagtail allows in the admin.

Public pages load scripts, styles, fonts and images from this site only and run no inline script
(``CONTENT_SECURITY_POLICY`` in the settings): injected markup can't run, and no page can pull in a
third party. Wagtail's admin renders inline ``<script>`` blocks (date pickers, inline panels) and
``style`` attributes that can't carry a nonce, so ``/admin/`` alone also allows inline script and
style, ``blob:`` images (previews of an upload before it is sent), and framing by the site itself
(the live preview beside the editor; no public page may be framed at all). django-csp's documented
way to vary the policy per request is to extend ``get_policy_parts``.
"""

from csp.middleware import CSPMiddleware

ADMIN_PREFIX = "/admin/"
ADMIN_ALLOWANCES = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
}
ADMIN_REPLACEMENTS = {"frame-ancestors": ["'self'"]}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            update = dict(parts.update or {})
            for directive, sources in ADMIN_ALLOWANCES.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
            parts.replace = {**ADMIN_REPLACEMENTS, **(parts.replace or {})}
        return parts
