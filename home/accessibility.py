"""The figures of the accessibility statement (``/toegankelijkheidsverklaring/``), from the test run.

The browser tests measure; this module sums up. Two records, both JSON Lines in
``var/accessibility/`` and both written while ``pytest -m browser`` runs:

- ``axe.jsonl`` (``tests/browser/support.py``): a first line ``{"axe_version", "tags", ...}``,
  then one line per axe-core check ``{"name", "url" (or "mail"), "language", "kind",
  "violations", "rules"}``, ``kind`` being ``page``, ``form``, ``admin`` or ``mail``;
- ``keyboard.jsonl`` (``tests/browser/keyboard.py``): a first line ``{"playwright_version",
  "chromium_version", "checks"}``, then one line per check ``{"check", "name", "url",
  "language", "viewport", "problems", "details", "date"}``, ``check`` being ``keyboard``,
  ``target-size``, ``text-200`` or ``reflow-320``.

``aggregate`` turns them into one small document, which ``manage.py accessibility_statement``
writes to ``RESULTS`` (``home/accessibility_results.json``). That file is committed: the live site
shows the figures of the last run someone chose to publish, with the date they were measured, and
never reads ``var/`` (which a deployed site does not have).

The compliance status is "partially compliant" unless an independent audit is recorded in the
file (``"audit": {"by": ..., "date": ..., "report_url": ...}``, filled in by hand) *and* the last run
found no problem: automated and keyboard tests cover only part of WCAG's success criteria, so they
can never on their own show that a site complies fully.
"""

import json
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

RESULTS = Path(__file__).resolve().parent / "accessibility_results.json"
RECORDS = Path(settings.BASE_DIR) / "var" / "accessibility"
CHECK_ORDER = ["axe", "keyboard", "target-size", "text-200", "reflow-320"]
# What each check tests, as the statement says it.
CHECK_LABELS = {
    "axe": _("Automatische controle met axe-core op de regels van WCAG niveau A en AA"),
    "keyboard": _("Alles doen met alleen het toetsenbord, met zichtbare focus"),
    "target-size": _("Knoppen en links zijn groot genoeg om aan te klikken (24 bij 24 pixels)"),
    "text-200": _("Tekst twee keer zo groot: niets valt weg of over elkaar"),
    "reflow-320": _("Scherm van 320 pixels breed: niet opzij scrollen, niets valt weg"),
}
KIND_LABELS = {
    "page": _("pagina's"),
    "form": _("formulieren"),
    "admin": _("beheeromgeving"),
    "mail": _("e-mails"),
}
# How many problems the statement lists one by one; the figures count them all.
LISTED_PROBLEMS = 30


def read_lines(path):
    """``(header, lines)`` of a JSON Lines record; ``(None, [])`` when the file does not exist."""
    path = Path(path)
    if not path.exists():
        return None, []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        return None, []
    return rows[0], rows[1:]


def _latest(lines, key):
    """The last line for each key: a check that ran twice counts once, as it last came out."""
    kept = {}
    for line in lines:
        kept[key(line)] = line
    return list(kept.values())


def _rule_ids(rules):
    # A rule may be recorded by its id or as an object with one.
    return [rule["id"] if isinstance(rule, dict) else str(rule) for rule in rules or []]


def _label(line):
    language = line.get("language")
    return f"{line.get('name', '?')} ({language})" if language else line.get("name", "?")


def aggregate(axe_path, keyboard_path, measured=None):
    """The statement's figures from the two records (either may be missing: then it says so)."""
    axe_header, axe_lines = read_lines(axe_path)
    keyboard_header, keyboard_lines = read_lines(keyboard_path)
    axe_lines = _latest(axe_lines, lambda line: (line.get("kind"), line.get("name"), line.get("language")))
    keyboard_lines = _latest(
        keyboard_lines,
        lambda line: (line.get("check"), line.get("name"), line.get("language"), line.get("viewport")),
    )

    checks = {}
    problems = []
    if axe_header is not None:
        by_kind = defaultdict(Counter)
        rules = defaultdict(list)
        for line in axe_lines:
            kind = line.get("kind", "page")
            by_kind[kind]["checks"] += 1
            by_kind[kind]["passed"] += not line.get("violations")
            for rule in _rule_ids(line.get("rules")):
                rules[rule].append(_label(line))
        checks["axe"] = {
            "checks": len(axe_lines),
            "passed": sum(not line.get("violations") for line in axe_lines),
            "violations": sum(line.get("violations", 0) for line in axe_lines),
            "by_kind": {kind: dict(counts) for kind, counts in sorted(by_kind.items())},
        }
        problems += [
            {"check": "axe", "rule": rule, "where": sorted(where)} for rule, where in sorted(rules.items())
        ]
    for line in keyboard_lines:
        figures = checks.setdefault(line["check"], {"checks": 0, "passed": 0})
        figures["checks"] += 1
        figures["passed"] += not line.get("problems")
        if line.get("problems"):
            where = _label(line) + (f", {line['viewport']} px" if line.get("viewport") else "")
            problems.append(
                {"check": line["check"], "where": [where], "details": line.get("details", [])[:3]}
            )

    tools = []
    if axe_header is not None:
        tools.append({"name": "axe-core", "version": axe_header.get("axe_version", "")})
    if keyboard_header is not None:
        tools.append({"name": "Playwright", "version": keyboard_header.get("playwright_version", "")})
        tools.append({"name": "Chromium", "version": keyboard_header.get("chromium_version", "")})

    pages = sorted(
        {line["name"] for line in axe_lines if line.get("kind", "page") == "page"}
        | {line["name"] for line in keyboard_lines if line.get("check") != "keyboard"}
    )
    journeys = sorted({line["name"] for line in keyboard_lines if line.get("check") == "keyboard"})
    if measured is None:
        dates = [Path(path).stat().st_mtime for path in (axe_path, keyboard_path) if Path(path).exists()]
        measured = datetime.fromtimestamp(max(dates), UTC).date().isoformat() if dates else None
    return {
        "measured": measured,
        "tools": tools,
        "wcag_tags": (axe_header or {}).get("tags", []),
        "checks": {name: checks[name] for name in CHECK_ORDER if name in checks},
        "pages": pages,
        "journeys": journeys,
        "problem_count": len(problems),
        "problems": problems[:LISTED_PROBLEMS],
        "audit": None,
    }


def load(path=None):
    """The committed figures (``RESULTS``), or ``None`` when nothing has been measured yet."""
    try:
        return json.loads(Path(path or RESULTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def rows(results):
    """The results table: one row per check (axe-core's split by kind), with its label."""
    table = []
    for name, figures in (results or {}).get("checks", {}).items():
        table.append(
            {
                "label": CHECK_LABELS.get(name, name),
                **figures,
                "failed": figures["checks"] - figures["passed"],
            }
        )
        for kind, counts in figures.get("by_kind", {}).items():
            checks, passed = counts.get("checks", 0), counts.get("passed", 0)
            table.append(
                {
                    "label": KIND_LABELS.get(kind, kind),
                    "checks": checks,
                    "passed": passed,
                    "failed": checks - passed,
                    "sub": True,
                }
            )
    return table


def problems(results):
    """The problems the last run found, each with the label of its check."""
    return [
        {**problem, "label": CHECK_LABELS.get(problem["check"], problem["check"])}
        for problem in (results or {}).get("problems", [])
    ]


def fully_compliant(results):
    """Only with an independent audit on record and no problem found since (see the docstring)."""
    return bool(results and results.get("audit") and not results.get("problem_count"))
