"""The accessibility statement: ``manage.py accessibility_statement`` sums up the test records, and
the page shows those figures in the official structure, in Dutch and in English.

The records in ``accessibility_records/`` beside this file are written in the formats the browser
tests write (``tests/browser/support.py`` for axe-core, ``tests/browser/keyboard.py`` for the
rest): a check that ran twice, a mail, an admin screen, and problems that later went away.
"""

import io
import json
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from home import accessibility
from tests.utils import soup

RECORDS = Path(__file__).resolve().parent / "accessibility_records"


def summarise(output, **options):
    records = {"axe": str(RECORDS / "axe.jsonl"), "keyboard": str(RECORDS / "keyboard.jsonl"), **options}
    call_command(
        "accessibility_statement", output=str(output), measured="2025-06-02", stdout=io.StringIO(), **records
    )
    return json.loads(output.read_text(encoding="utf-8"))


def test_the_command_sums_up_both_records(tmp_path):
    results = summarise(tmp_path / "results.json")

    assert results["measured"] == "2025-06-02"
    assert results["tools"] == [
        {"name": "axe-core", "version": "4.14.0"},
        {"name": "Playwright", "version": "1.65.2"},
        {"name": "Chromium", "version": "140.0.7339.185"},
    ]
    # The home page's first axe run (1 violation) was run again and passed: the last one counts.
    assert results["checks"]["axe"] == {
        "checks": 5,
        "passed": 4,
        "violations": 2,
        "by_kind": {
            "admin": {"checks": 1, "passed": 1},
            "form": {"checks": 1, "passed": 1},
            "mail": {"checks": 1, "passed": 0},
            "page": {"checks": 2, "passed": 2},
        },
    }
    assert results["checks"]["keyboard"] == {"checks": 1, "passed": 1}
    assert results["checks"]["target-size"] == {"checks": 2, "passed": 2}  # 375 and 1280 px apart
    assert results["checks"]["text-200"] == {"checks": 1, "passed": 1}
    assert results["checks"]["reflow-320"] == {"checks": 1, "passed": 0}
    assert list(results["checks"]) == ["axe", "keyboard", "target-size", "text-200", "reflow-320"]
    assert results["problem_count"] == 3
    assert results["problems"] == [
        {"check": "axe", "rule": "color-contrast", "where": ["registration confirmed (nl)"]},
        {"check": "axe", "rule": "link-name", "where": ["registration confirmed (nl)"]},
        {
            "check": "reflow-320",
            "where": ["pilot (nl), 320 px"],
            "details": ["the page scrolls sideways: 352 px content in 320 px"],
        },
    ]
    assert results["pages"] == ["home", "pilot"]
    assert results["journeys"] == ["search and open an item"]
    assert results["audit"] is None


def test_the_command_keeps_an_audit_filled_in_by_hand(tmp_path):
    output = tmp_path / "results.json"
    audit = {"by": "Stichting Accessibility", "date": "2025-05-01", "report_url": "https://example.org/r"}
    output.write_text(json.dumps({"audit": audit}), encoding="utf-8")

    assert summarise(output)["audit"] == audit


def test_the_command_works_with_one_record_and_refuses_none(tmp_path):
    results = summarise(tmp_path / "results.json", axe=str(tmp_path / "missing.jsonl"))
    assert "axe" not in results["checks"]
    assert results["checks"]["reflow-320"] == {"checks": 1, "passed": 0}

    with pytest.raises(CommandError, match="run the browser tests first"):
        summarise(
            tmp_path / "results.json",
            axe=str(tmp_path / "missing.jsonl"),
            keyboard=str(tmp_path / "missing-too.jsonl"),
        )


def test_full_compliance_needs_an_audit_and_no_problems():
    assert not accessibility.fully_compliant({"audit": None, "problem_count": 0})
    assert not accessibility.fully_compliant({"audit": {"by": "X"}, "problem_count": 1})
    assert accessibility.fully_compliant({"audit": {"by": "X"}, "problem_count": 0})


def test_the_committed_figures_can_be_read():
    """The page shows the committed file; a broken one would silently show "no results"."""
    results = accessibility.load()
    assert results is not None, f"{accessibility.RESULTS} is missing or not JSON"
    assert results["measured"] and results["checks"]


def statement_url(language):
    with translation.override(language):
        return reverse("accessibility_statement")


class StatementPageTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        folder = tempfile.TemporaryDirectory()
        cls.addClassCleanup(folder.cleanup)
        output = Path(folder.name) / "results.json"
        summarise(output)
        patcher = mock.patch.object(accessibility, "RESULTS", output)
        patcher.start()
        cls.addClassCleanup(patcher.stop)

    def table(self, response):
        rows = soup(response).select("main table tbody tr")
        return [[" ".join(cell.get_text(" ").split()) for cell in row.find_all(["th", "td"])] for row in rows]

    def test_the_dutch_statement_has_the_official_parts_and_the_figures(self):
        response = self.client.get(statement_url("nl"))

        self.assertEqual(response.status_code, 200)
        page = soup(response)
        headings = [" ".join(h.get_text().split()) for h in page.select("main h1, main h2")]
        self.assertEqual(
            headings,
            [
                "Toegankelijkheidsverklaring",
                "Voor welke website geldt deze verklaring?",
                "Voldoet de website aan de eisen?",
                "Hoe hebben we getest?",
                "Wat kwam eruit?",
                "Wat is nog niet goed, en wat doen we eraan?",
                "Loopt u tegen een probleem aan?",
                "Niet tevreden over ons antwoord?",
                "Over deze verklaring",
            ],
        )
        text = " ".join(page.find("main").get_text(" ").split())
        self.assertIn("Deze website voldoet gedeeltelijk aan de eisen.", text)
        self.assertIn("EN 301 549", text)
        self.assertIn("WCAG 2.2", text)
        self.assertIn("Een onafhankelijke deskundige heeft de website nog niet onderzocht.", text)
        self.assertIn("We hebben de website getest op 2 juni 2025", text)
        for tool in ["axe-core 4.14.0", "Playwright 1.65.2", "Chromium 140.0.7339.185"]:
            self.assertIn(tool, text)
        table = self.table(response)
        self.assertIn(
            ["Automatische controle met axe-core op de regels van WCAG niveau A en AA", "5", "4", "1"], table
        )
        self.assertIn(["waarvan e-mails", "1", "0", "1"], table)
        self.assertIn(
            ["Scherm van 320 pixels breed: niet opzij scrollen, niets valt weg", "1", "0", "1"], table
        )
        self.assertIn("De tests vonden 3 problemen:", text)
        self.assertIn("color-contrast", text)
        self.assertIn("pilot (nl), 320 px", text)
        # Contact from the footer the settings choose, and the enforcement procedure.
        self.assertIn('href="mailto:leefbaarheid@gelderland.nl"', response.content.decode())
        ombudsman = page.find("a", string="Nationale ombudsman")
        self.assertEqual(ombudsman["href"], "https://www.nationaleombudsman.nl/")
        self.assertIn("Deze verklaring is gemaakt op 2 juni 2025", text)

    def test_the_english_statement_shows_the_same_figures(self):
        """The English texts wait for the catalogue merge; the figures do not."""
        response = self.client.get(statement_url("en"))

        self.assertEqual(response.status_code, 200)
        page = soup(response)
        self.assertEqual(page.find("html")["lang"], "en")
        table = self.table(response)
        self.assertEqual([row[1:] for row in table][:1], [["5", "4", "1"]])
        text = " ".join(page.find("main").get_text(" ").split())
        self.assertIn("axe-core 4.14.0", text)
        self.assertIn("Accessibility statement", page.find("h1").get_text())
        self.assertIn("This website partially complies with the requirements.", text)
        self.assertIn("National Ombudsman", text)

    def test_every_page_links_to_the_statement_in_its_language(self):
        for language, home in [("nl", "/"), ("en", "/en/")]:
            footer = soup(self.client.get(home)).find("footer")
            hrefs = [a["href"] for a in footer.find_all("a")]
            self.assertIn(statement_url(language), hrefs, language)

    def test_without_figures_the_page_says_so(self):
        with mock.patch.object(accessibility, "RESULTS", RECORDS / "does-not-exist.json"):
            response = self.client.get(statement_url("nl"))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "We hebben nog geen resultaten van de tests.")
        self.assertContains(response, "Deze website voldoet gedeeltelijk aan de eisen.")
