"""What the browser tests share besides fixtures: the axe check, and where the demo's pages are.

Pages are found by what they are (a pilot that used a method, a meeting that has passed), not
by slug, so the tests keep working when the demo texts change, and say what they need from
``seed_demo`` when it stops providing it.

The accessibility check runs axe-core from npm, pinned in ``package.json`` and
``package-lock.json`` at the repository root; ``make test`` installs it with ``npm ci`` into
``node_modules/``. ``assert_accessible`` evaluates ``node_modules/axe-core/axe.min.js`` in every
frame of the page through Playwright's ``evaluate``, which runs over the DevTools protocol: the
public pages' CSP (``script-src 'self'``) blocks an injected ``<script>`` tag but not that, so the
check needs no ``bypass_csp`` and sees the page exactly as a visitor's browser runs it.

Every check is recorded for the accessibility statement, as JSON Lines in
``var/accessibility/axe.jsonl`` (appended one line per check, under a file lock, so parallel
workers can share it): the first line is ``{"axe_version", "tags", "run"}``, every other line
``{"name", "url" or "mail", "language", "kind", "violations", "rules"}`` with ``kind`` one of
``page``, ``form``, ``admin`` or ``mail``. After each line ``var/accessibility/axe.json`` is
rewritten atomically from it as one document, ``{"axe_version", "tags", "checks": [...]}``, so
it is complete whenever the tests stop. The first check of a new test run starts both afresh:
they describe the last run, so make the statement from a full ``make test``.
"""

import fcntl
import functools
import json
import os
import re
import time
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.html import strip_tags

from knowledge.models import KnowledgeItemPage

# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe tags the 2.2 rules of level A, of which there are
# none yet, as wcag22a; wcag22aa holds target-size).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
MOBILE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
RECORDS = Path(settings.BASE_DIR) / "var" / "accessibility"
KINDS = ("page", "form", "admin", "mail")
STARTED = time.time()


# Accessibility -----------------------------------------------------------------------------------


@functools.cache
def axe_source():
    if not AXE_SCRIPT.exists():
        pytest.fail(
            f"axe-core is not installed ({AXE_SCRIPT} is missing). `make test` installs it; "
            "by hand: npm ci (needs Node.js and npm: apt-get install nodejs npm)",
            pytrace=False,
        )
    return AXE_SCRIPT.read_text(encoding="utf-8")


@functools.cache
def axe_version():
    return json.loads((AXE_SCRIPT.parent / "package.json").read_text(encoding="utf-8"))["version"]


# Violations in Wagtail's own admin that are Wagtail's (or wagtail-localize's) to fix, not ours:
# the rule, the elements it is waived for (a CSS selector; an ancestor matching is enough), and
# where upstream it belongs. Only in admin views and only for those elements: the same rule still
# fails anywhere else, and public pages and mails get no waiver at all. Remove an entry when the
# release that fixes it is installed (the test then still passes, or shows what is left).
ADMIN_UPSTREAM = [
    # Draftail's contenteditable textbox is not tied to the field's <label>, which points at the
    # hidden input it replaces: wagtail/wagtail#14205 (open for Wagtail 8.0).
    ("aria-input-field-name", ".Draftail-Editor"),
    # wagtail-localize 1.14.5's translation editor: the heading that names each StreamField block
    # (BlockLabel, an <h3> in static_src/editor/components/TranslationEditor/segments.tsx) takes
    # its text colour from `--w-color-surface-alert-information`, which Wagtail 8 does not
    # define, and falls back to the light teal #00b0b1 on white (2.67:1); the PO-file upload's
    # file input (HiddenFileInput in toolbox.tsx) has no label. Not yet reported upstream.
    ("color-contrast", ".js-translation-editor li > h3"),
    ("label", ".js-translation-editor input[type=file]"),
]


def waivers(entries):
    """``{rule: selector}`` for the page: the selectors of one rule joined into one list."""
    joined = {}
    for rule, selector in entries:
        joined[rule] = f"{joined[rule]}, {selector}" if rule in joined else selector
    return joined


def axe_violations(page, waived=None):
    """Run axe-core in the page (and its frames) with the WCAG A/AA tags; its violations.

    ``waived`` maps a rule id to a selector of elements whose violations of it don't count
    (``ADMIN_UPSTREAM``, for the admin only).
    """
    for frame in page.frames:
        # A frame that is already gone or blank is no place axe could report on.
        if not frame.is_detached() and not frame.evaluate("typeof window.axe === 'object'"):
            frame.evaluate(axe_source())
    # elementRef gives each node its element, which the waivers look at; it never leaves the page.
    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "resultTypes": ["violations"],
        "elementRef": True,
    }
    return page.evaluate(
        """async ([options, waived]) => {
            const results = await axe.run(document, options);
            const counts = (rule, node) =>
                !(waived[rule] && node.element && node.element.closest(waived[rule]));
            return results.violations.map(violation => ({
                id: violation.id, impact: violation.impact, help: violation.help,
                nodes: violation.nodes
                    .filter(node => counts(violation.id, node))
                    .map(node => ({target: node.target, summary: node.failureSummary})),
            })).filter(violation => violation.nodes.length);
        }""",
        [options, waived or {}],
    )


def describe_violations(url, violations):
    tags = ", ".join(AXE_TAGS)
    lines = [f"{len(violations)} accessibility violation(s) on {url} (axe-core {axe_version()}, {tags}):"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            summary = (node.get("summary") or "").replace("\n", " ").strip()
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_accessible(page, name=None, *, kind=None, language=None, mail=None):
    """Zero axe-core violations in ``page``, and a record of the check for the statement.

    ``name`` says what was checked ("kennisbank with filters"; the page's title if not given),
    ``mail`` the kind of mail for an HTML mail loaded with ``set_content``. ``kind`` is worked
    out when not given: ``mail`` with a mail, ``admin`` under /admin/, ``form`` when the page shows
    a form's error summary, else ``page``. ``language`` is the page's ``lang``.
    """
    parts = urlsplit(page.url)
    if kind is None:
        if mail:
            kind = "mail"
        elif parts.path.startswith("/admin/"):
            kind = "admin"
        elif page.locator(".error-summary").count():
            kind = "form"
        else:
            kind = "page"
    assert kind in KINDS, kind
    violations = axe_violations(page, waivers(ADMIN_UPSTREAM) if kind == "admin" else None)
    check = {"name": name or page.title() or parts.path}
    if mail:
        check["mail"] = mail
    else:
        check["url"] = parts.path + (f"?{parts.query}" if parts.query else "")
    check.update(
        language=language or page.evaluate("document.documentElement.lang"),
        kind=kind,
        violations=len(violations),
        rules=sorted({violation["id"] for violation in violations}),
    )
    record(check)
    assert not violations, describe_violations(mail or page.url, violations)


def record(check):
    """Append ``check`` to axe.jsonl and rewrite axe.json from it (see the module docstring)."""
    RECORDS.mkdir(parents=True, exist_ok=True)
    # One id per test run: xdist gives its workers a shared one, a plain run is one process.
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"{os.getpid()}-{STARTED}"
    lines_path = RECORDS / "axe.jsonl"
    with open(lines_path, "a+", encoding="utf-8") as lines:
        fcntl.flock(lines, fcntl.LOCK_EX)  # released when the file closes
        lines.seek(0)
        entries = [json.loads(line) for line in lines if line.strip()]
        if not entries or entries[0].get("run") != run:
            lines.truncate(0)
            entries = [{"axe_version": axe_version(), "tags": AXE_TAGS, "run": run}]
            lines.write(json.dumps(entries[0]) + "\n")
        lines.write(json.dumps(check, ensure_ascii=False) + "\n")
        lines.flush()
        entries.append(check)
        document = {
            "axe_version": entries[0]["axe_version"],
            "tags": entries[0]["tags"],
            "checks": entries[1:],
        }
        temporary = RECORDS / f"axe.json.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(temporary, RECORDS / "axe.json")


# The demo content --------------------------------------------------------------------------------


def live(model, language="nl"):
    return model.objects.live().public().filter(locale__language_code=language).order_by("path")


def first(queryset, need):
    """The first page of ``queryset``; ``need`` says what the test expected seed_demo to make."""
    page = queryset.first()
    assert page is not None, f"seed_demo made no {need}"
    return page


def url(page):
    return page.get_url()


def translation(page, language):
    return page.get_translations().filter(locale__language_code=language, live=True).first()


def words(html):
    return re.findall(r"[^\W\d_]+", strip_tags(html).lower())


def first_paragraph(html):
    """The text of the first paragraph of rich text, as a reader sees it."""
    match = re.search(r"<p[^>]*>(.*?)</p>", html, re.S)
    return unescape(strip_tags(match.group(1) if match else html)).strip()


# Screenshots -------------------------------------------------------------------------------------

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def screenshot(page, name):
    """The whole page as the browser shows it now, for a person to look at: var/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else "auto"
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)


# Accounts -----------------------------------------------------------------------------------------


@contextmanager
def an_editor(username, password, publishes_slug):
    """An editor (group Redacteuren) with a known password, as seed_demo makes the demo editor with
    SEED_DEMO_EDITOR (off under test settings); afterwards the account and the knowledge item its
    journey publishes (``publishes_slug``) are gone."""
    user, _created = get_user_model().objects.get_or_create(username=username)
    user.set_password(password)
    user.save()
    user.groups.set([Group.objects.get(name="Redacteuren")])
    try:
        yield user
    finally:
        KnowledgeItemPage.objects.filter(slug=publishes_slug).delete()
        user.delete()
